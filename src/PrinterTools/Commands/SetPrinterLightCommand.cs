using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// Set-PrinterLight: switches each printer's light on (-On) or off (-Off), concurrently, and with -PassThru writes
/// its status once the printer itself shows the light so. A printer whose light already is so is sent nothing.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PrinterLight", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PrinterStatus))]
public sealed class SetPrinterLightCommand : PrinterChangeCmdletBase
{
    [Parameter]
    public SwitchParameter On { get; set; }

    [Parameter]
    public SwitchParameter Off { get; set; }

    /// <summary>Writes each printer's status after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string Description => On ? "Switch the light on" : "Switch the light off";

    private protected override string What => "switches the light of";

    private protected override bool WritesStatus => PassThru;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (On.IsPresent == Off.IsPresent)
        {
            ThrowArgumentError("Give either -On or -Off.", nameof(On), null);
        }
    }

    private protected override Task<PrinterStatus> ChangeAsync(PrinterConnection printer, CancellationToken cancel) =>
        PrinterSettings.SetLightAsync(printer, On, cancel);
}
