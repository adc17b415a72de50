using System.Collections.Generic;
using System.Management.Automation;

namespace PrinterTools.Simulator.PowerShell;

/// <summary>
/// Stop-VirtualPrinterFarm: stops the farms of the printers piped in, or every farm this session
/// started; their addresses and ports are free again when it returns.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "VirtualPrinterFarm")]
public sealed class StopVirtualPrinterFarmCommand : PSCmdlet
{
    private readonly List<VirtualFlashForgePrinter> _printers = new();

    /// <summary>Printers from Start-VirtualPrinterFarm; their whole farm is stopped.</summary>
    [Parameter(ValueFromPipeline = true)]
    public VirtualFlashForgePrinter[]? Printer { get; set; }

    protected override void ProcessRecord()
    {
        if (Printer is not null)
        {
            _printers.AddRange(Printer);
        }
    }

    protected override void EndProcessing()
    {
        foreach (var farm in RunningFarms.Take(MyInvocation.BoundParameters.ContainsKey(nameof(Printer)) ? _printers : null))
        {
            farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
            WriteVerbose($"Stopped the virtual printers on {string.Join(", ", farm.Addresses)}.");
        }
    }
}
