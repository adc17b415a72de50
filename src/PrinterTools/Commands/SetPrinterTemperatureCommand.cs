using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// Set-PrinterTemperature: sets the nozzle, bed and chamber targets of each printer, concurrently. Every value is
/// checked against the printer's limits before anything is sent, and the change counts once the printer's own
/// targets show it. Heating is a hazard left unattended, so it asks first; -Force skips the prompt.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PrinterTemperature", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PrinterStatus))]
public sealed class SetPrinterTemperatureCommand : PrinterChangeCmdletBase
{
    /// <summary>The nozzle target in °C; 0 switches the heater off.</summary>
    [Parameter]
    public int? Nozzle { get; set; }

    /// <summary>The bed target in °C; 0 switches the heater off.</summary>
    [Parameter]
    public int? Bed { get; set; }

    /// <summary>The chamber target in °C, on printers with a chamber heater; 0 switches it off.</summary>
    [Parameter]
    public int? Chamber { get; set; }

    /// <summary>Writes each printer's status after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    private PrinterTemperatureTargets Wanted => new() { Nozzle = Nozzle, Bed = Bed, Chamber = Chamber };

    private protected override string Description =>
        "Set " + string.Join(", ", Wanted.Asked().Select(a => $"the {PrinterTemperatures.Name(a.Heater)} to {a.Target} °C{(a.Target == 0 ? " (off)" : "")}"));

    private protected override string What => "sets the temperatures of";

    private protected override bool WritesStatus => PassThru;

    private protected override bool Approved(string target) => ShouldProcessUnlessForced(Force, target, Description);

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (!Wanted.Asked().Any())
        {
            ThrowArgumentError("Give at least one of -Nozzle, -Bed and -Chamber.", nameof(Nozzle), null);
        }
    }

    private protected override Task<PrinterStatus> ChangeAsync(PrinterConnection printer, CancellationToken cancel) =>
        PrinterTemperatures.SetAsync(printer, Wanted, cancel);
}
