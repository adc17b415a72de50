using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>Resume-PrinterJob: resumes each printer's paused job and returns its status once it shows Printing.</summary>
[Cmdlet(VerbsLifecycle.Resume, "PrinterJob", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PrinterStatus))]
public sealed class ResumePrinterJobCommand : PrinterChangeCmdletBase
{
    private protected override string What => "controls the job of";

    private protected override Task<PrinterStatus> ChangeAsync(PrinterConnection printer, CancellationToken cancel) =>
        PrinterJobControl.RunAsync(printer, PrinterJobAction.Resume, cancel);

    private protected override string Description => "Resume the paused job";
}
