using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace PrinterTools.Simulator.PowerShell;

/// <summary>
/// Stop-VirtualPrinterFarm: stops the farms of the printers piped in, or, called without input,
/// every farm this session (runspace) started; their addresses and ports are free again when it returns.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "VirtualPrinterFarm")]
public sealed class StopVirtualPrinterFarmCommand : PSCmdlet
{
    private readonly List<object> _printers = new();

    /// <summary>
    /// Printers from Start-VirtualPrinterFarm (VirtualFlashForgePrinter, VirtualElegooPrinter or
    /// VirtualCrealityPrinter); their whole farm is stopped. Typed object so every kind binds from one pipeline;
    /// anything else matches no farm.
    /// </summary>
    [Parameter(ValueFromPipeline = true)]
    public object[]? Printer { get; set; }

    protected override void ProcessRecord()
    {
        if (Printer is not null)
        {
            // PowerShell may hand a wrapped object to an object-typed parameter: compare the printer inside.
            _printers.AddRange(Printer.Select(p => p is PSObject wrapped ? wrapped.BaseObject : p));
        }
    }

    protected override void EndProcessing()
    {
        // Input that turned out empty (a Where-Object that matched nothing) stops nothing; no
        // input at all stops this session's farms.
        var piped = MyInvocation.ExpectingInput || MyInvocation.BoundParameters.ContainsKey(nameof(Printer));
        foreach (var farm in RunningFarms.Take(piped ? _printers : null))
        {
            farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
            WriteVerbose($"Stopped the virtual printers on {string.Join(", ", farm.Addresses)}.");
        }
    }
}
