using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// Set-PrinterFan: sets one fan of each printer, by a name no vendor owns, to a speed in percent, concurrently, and
/// reads the speed back where the printer reports it. What the user should know but is no failure (an on/off fan
/// rounded, a speed that cannot be read back) is written as verbose.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PrinterFan", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PrinterStatus))]
public sealed class SetPrinterFanCommand : PrinterChangeCmdletBase
{
    /// <summary>Model: the part-cooling fan; Auxiliary: the side fan; Chamber: the case, box or chamber fan.</summary>
    [Parameter(Mandatory = true)]
    [ValidateSet(nameof(PrinterFan.Model), nameof(PrinterFan.Auxiliary), nameof(PrinterFan.Chamber))]
    public string Name { get; set; } = "";

    /// <summary>0 (off) to 100.</summary>
    [Parameter(Mandatory = true)]
    [ValidateRange(0, 100)]
    public int Percent { get; set; }

    /// <summary>Writes each printer's status after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private PrinterFan Fan => (PrinterFan)Enum.Parse(typeof(PrinterFan), Name, ignoreCase: true);

    private protected override string Description => $"Set the {PrinterFans.Name(Fan)} fan to {Percent} %";

    private protected override string What => "sets a fan of";

    private protected override bool WritesStatus => PassThru;

    private protected override Task<PrinterStatus> ChangeAsync(PrinterConnection printer, CancellationToken cancel) =>
        PrinterFans.SetAsync(printer, Fan, Percent, message => Pump.Post(() => WriteVerbose(message)), cancel);
}
