using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Threading;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.PowerShell;

/// <summary>
/// Start-VirtualPrinterFarm: virtual FlashForge, Elegoo and Creality printers on loopback addresses, for
/// users' own scripts and Pester tests. Writes one object per printer; each has an Address and a Vendor, so
/// it pipes into Get-PrinterStatus and the other PrinterTools cmdlets, and its counters say what
/// the printer received. The demo farm ends with a Centauri Carbon and a Saturn 4 Ultra (SDCP), then a K1C
/// and a K2 Plus (Creality).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "VirtualPrinterFarm", DefaultParameterSetName = DemoSet)]
[OutputType(typeof(VirtualFlashForgePrinter), typeof(VirtualElegooPrinter), typeof(VirtualCrealityPrinter))]
public sealed class StartVirtualPrinterFarmCommand : PSCmdlet
{
    private const string DemoSet = "Demo";
    private const string ModelSet = "Model";
    private const string PrinterSet = "Printer";

    /// <summary>The first printer's address; the others follow it. Loopback (127.0.0.0/8) only.</summary>
    [Parameter(ParameterSetName = DemoSet)]
    [Parameter(ParameterSetName = ModelSet)]
    public IPAddress FirstAddress { get; set; } = VirtualPrinterFarm.DefaultFirstAddress;

    /// <summary>One idle printer of each model given, on consecutive addresses.</summary>
    [Parameter(ParameterSetName = ModelSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public FlashForgeModel[] Model { get; set; } = Array.Empty<FlashForgeModel>();

    /// <summary>Printers described in full (hashtables of FlashForgePrinterOptions properties work).</summary>
    [Parameter(ParameterSetName = PrinterSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public FlashForgePrinterOptions[] Printer { get; set; } = Array.Empty<FlashForgePrinterOptions>();

    /// <summary>Seconds a started job takes to run to Completed; without it, jobs stand still.</summary>
    [Parameter]
    [ValidateRange(0.1, 31 * 24 * 3600)]
    public double JobSeconds { get; set; }

    /// <summary>Where the farm answers discovery as one LAN segment: Find-Printer -BroadcastAddress this.</summary>
    [Parameter]
    public IPAddress SegmentAddress { get; set; } = VirtualPrinterFarm.DefaultSegmentAddress;

    /// <summary>No segment address: each printer answers discovery only at its own address.</summary>
    [Parameter]
    public SwitchParameter NoSegment { get; set; }

    protected override void EndProcessing()
    {
        var printers = ParameterSetName switch
        {
            ModelSet => Model.Select((model, i) => new FlashForgePrinterOptions { Address = Loopback.Offset(FirstAddress, i), Model = model }).ToList(),
            PrinterSet => Printer.ToList(),
            _ => DefaultFarm.Create(FirstAddress).ToList(),
        };
        var elegoo = ParameterSetName == DemoSet ? DefaultFarm.CreateElegoo(FirstAddress).ToList() : new List<ElegooPrinterOptions>();
        var creality = ParameterSetName == DemoSet ? DefaultFarm.CreateCreality(FirstAddress).ToList() : new List<CrealityPrinterOptions>();
        if (JobSeconds > 0)
        {
            foreach (var printer in printers)
            {
                printer.JobDuration = TimeSpan.FromSeconds(JobSeconds);
            }

            foreach (var printer in elegoo)
            {
                printer.JobDuration = TimeSpan.FromSeconds(JobSeconds);
            }

            foreach (var printer in creality)
            {
                printer.JobDuration = TimeSpan.FromSeconds(JobSeconds);
            }
        }
        VirtualPrinterFarm farm;
        try
        {
            farm = VirtualPrinterFarm.StartAsync(printers, elegoo, creality, NoSegment ? null : SegmentAddress, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ArgumentException or System.Net.Sockets.SocketException)
        {
            ThrowTerminatingError(new ErrorRecord(e, "VirtualPrinterFarmNotStarted", ErrorCategory.InvalidArgument, FirstAddress));
            return;
        }
        RunningFarms.Add(farm);
        WriteVerbose($"{farm.Addresses.Count} virtual printers on {string.Join(", ", farm.Addresses)}" +
            (farm.SegmentAddress is null ? "." : $"; discovery segment {farm.SegmentAddress}."));
        WriteObject(farm.Printers, enumerateCollection: true);
        WriteObject(farm.ElegooPrinters, enumerateCollection: true);
        WriteObject(farm.CrealityPrinters, enumerateCollection: true);
    }
}

/// <summary>
/// The farms each session (runspace) started, so Stop-VirtualPrinterFarm without input stops its
/// own and not another runspace's in the same process (ForEach-Object -Parallel, thread jobs).
/// </summary>
internal static class RunningFarms
{
    private static readonly List<(Guid Session, VirtualPrinterFarm Farm)> Farms = new();

    private static Guid Session => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

    public static void Add(VirtualPrinterFarm farm)
    {
        lock (Farms)
        {
            Farms.Add((Session, farm));
        }
    }

    /// <summary>
    /// Removes and returns the farms holding any of <paramref name="printers"/> (FlashForge, Elegoo or
    /// Creality, whoever started them), or, when it is null, those this session started.
    /// </summary>
    public static List<VirtualPrinterFarm> Take(IReadOnlyCollection<object>? printers)
    {
        lock (Farms)
        {
            var session = Session;
            var taken = Farms.Where(f => printers is null ? f.Session == session
                : f.Farm.Printers.Any(printers.Contains) || f.Farm.ElegooPrinters.Any(printers.Contains)
                    || f.Farm.CrealityPrinters.Any(printers.Contains)).ToList();
            Farms.RemoveAll(taken.Contains);
            return taken.Select(f => f.Farm).ToList();
        }
    }
}
