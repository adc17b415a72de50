using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// Stop-PrinterJob: stops each printer's running or paused job and returns its status once it shows Stopped
/// (or Idle). It destroys the print, so it asks first; -Force skips the prompt, for scheduled tasks.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "PrinterJob", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PrinterStatus))]
public sealed class StopPrinterJobCommand : PrinterChangeCmdletBase
{
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override string What => "controls the job of";

    private protected override Task<PrinterStatus> ChangeAsync(PrinterConnection printer, CancellationToken cancel) =>
        PrinterJobControl.RunAsync(printer, PrinterJobAction.Stop, cancel);

    private protected override string Description => "Stop the current job (the print cannot be resumed)";

    private protected override bool Approved(string target) => ShouldProcessUnlessForced(Force, target, Description);
}
