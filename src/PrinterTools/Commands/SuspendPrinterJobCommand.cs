using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>Suspend-PrinterJob: pauses each printer's running job and returns its status once it shows Paused.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "PrinterJob", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PrinterStatus))]
public sealed class SuspendPrinterJobCommand : PrinterChangeCmdletBase
{
    private protected override string What => "controls the job of";

    private protected override Task<PrinterStatus> ChangeAsync(PrinterConnection printer, CancellationToken cancel) =>
        PrinterJobControl.RunAsync(printer, PrinterJobAction.Suspend, cancel);

    private protected override string Description => "Pause the current job";
}
