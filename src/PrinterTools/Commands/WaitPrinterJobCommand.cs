using System;
using System.Management.Automation;
using System.Threading;
using PrinterTools.Internal;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// Wait-PrinterJob: waits on every piped printer at once until its job ends, with one progress bar per printer,
/// and writes each final status. A job that failed or was stopped, a printer that stops answering and a job still
/// running at -Timeout each end in a non-terminating error, so $? and the host's exit code say the farm did not
/// finish cleanly. Shares its loop with Start-PrinterJob -Wait (PrinterJobWait).
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "PrinterJob", DefaultParameterSetName = PrinterSet)]
[OutputType(typeof(PrinterStatus))]
public sealed class WaitPrinterJobCommand : PrinterTargetCmdletBase
{
    private int _activityIds;

    /// <summary>The most seconds to wait for every job to end; without it, as long as the jobs run.</summary>
    [Parameter]
    [ValidateRange(1, 31 * 24 * 3600)]
    public double Timeout { get; set; }

    /// <summary>Seconds between status reads.</summary>
    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double PollInterval { get; set; } = 5;

    /// <summary>Seconds each read may take, and how long a printer may stop answering before it counts as gone.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double ReadTimeout { get; set; } = 10;

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = FleetLimits.DefaultThrottleLimit;

    private DateTime? _deadline;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // One deadline for the whole farm, from the moment the command started.
        _deadline = Timeout > 0 ? DateTime.UtcNow.AddSeconds(Timeout) : null;
    }

    protected override void ProcessRecord()
    {
        foreach (var (target, errorTarget) in Targets(Printer, Address, Vendor))
        {
            var credential = AccessCredential();
            var progress = new ProgressRecord(Interlocked.Increment(ref _activityIds), $"Wait-PrinterJob: {target.Known?.Name ?? target.Address}", "Reading status");
            Pump.Start(ThrottleLimit,
                async cancel =>
                {
                    var left = _deadline is { } end ? end - DateTime.UtcNow : (TimeSpan?)null;
                    var (status, failed) = await PrinterVendors.UseAsync(target, credential, TimeSpan.FromSeconds(ReadTimeout), "waits for the job of", cancel, async printer =>
                    {
                        var first = await printer.ReadStatusAsync(cancel).ConfigureAwait(false);
                        if (first.State == PrinterState.Idle)
                        {
                            return (first, (string?)null); // nothing runs: nothing to wait for
                        }
                        var ended = await PrinterJobWait.UntilEndAsync(printer, first.FileName, TimeSpan.FromSeconds(PollInterval),
                            left is { } l ? (l > TimeSpan.Zero ? l : TimeSpan.Zero) : null, "-Timeout", alreadyRunning: true,
                            status => Pump.Post(() => WriteProgressCopy(JobProgress.Update(progress, status))), cancel, first).ConfigureAwait(false);
                        return (ended.Status, ended.State == PrinterState.Completed ? null
                            : $"{printer.DisplayName}: the job '{ended.Status.FileName ?? first.FileName}' ended {ended.State}, not Completed{(ended.Status.ErrorMessage is { } why ? $": {why}" : "")}.");
                    }).ConfigureAwait(false);
                    Pump.Post(() =>
                    {
                        progress.RecordType = ProgressRecordType.Completed;
                        WriteProgressCopy(progress);
                        WriteObject(status);
                        if (failed is not null)
                        {
                            WritePrinterError(new PrinterException(PrinterErrorKind.JobFailed, target.Address, failed), errorTarget);
                        }
                    });
                },
                error =>
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgressCopy(progress);
                    WritePrinterError(error, errorTarget);
                });
        }
        Pump.RunAvailable();
    }

    protected override void EndProcessing()
    {
        Pump.RunUntilDone();
        base.EndProcessing();
    }
}
