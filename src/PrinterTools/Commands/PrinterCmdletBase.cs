using System;
using System.Management.Automation;
using System.Threading;
using PrinterTools.Internal;

namespace PrinterTools.Commands;

/// <summary>
/// What every printer cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) cancels,
/// a pump that lets many printers be served at once, and error records with stable ids.
/// </summary>
public abstract class PrinterCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private PipelinePump? _pump;

    private protected PipelinePump Pump => _pump ??= new PipelinePump(_stop.Token);

    /// <summary>Waits for work on the pipeline thread; Ctrl+C ends the wait and the pipeline.</summary>
    protected T Await<T>(Func<CancellationToken, System.Threading.Tasks.Task<T>> work)
    {
        try
        {
            return work(_stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Ctrl+C.</summary>
    protected override void StopProcessing() => StopWorkers();

    protected override void EndProcessing()
    {
        _pump?.Dispose();
        _pump = null;
    }

    /// <summary>
    /// PowerShell disposes a command however it ended. After a terminating error (or
    /// -ErrorAction Stop on one printer's error) workers may still be running for the others:
    /// they are cancelled here, so nothing more reaches any printer, and given a moment to
    /// release what they hold.
    /// </summary>
    public virtual void Dispose()
    {
        StopWorkers();
        _pump?.Dispose();
        _pump = null;
        _stop.Dispose();
    }

    private void StopWorkers()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return; // already disposed: nothing runs any more
        }
        _pump?.WaitForWorkersAfterStop();
    }

    /// <summary>Writes one printer's failure as a non-terminating error; -ErrorAction Stop makes it terminating.</summary>
    protected void WritePrinterError(Exception exception, object? target) =>
        WriteError(PrinterErrors.From(exception, target));

    /// <summary>
    /// Writes a copy of a progress record: hosts may keep the record they are given, so one
    /// record updated in place would rewrite the history they hold.
    /// </summary>
    protected void WriteProgressCopy(ProgressRecord record) => WriteProgress(new ProgressRecord(record.ActivityId, record.Activity, record.StatusDescription)
    {
        PercentComplete = record.PercentComplete,
        SecondsRemaining = record.SecondsRemaining,
        RecordType = record.RecordType,
        CurrentOperation = record.CurrentOperation,
    });

    /// <summary>
    /// -Force skips the prompt that ConfirmImpact High brings, but never -WhatIf (given, or
    /// inherited through $WhatIfPreference from a calling function) nor an explicit -Confirm.
    /// </summary>
    protected bool ShouldProcessUnlessForced(bool force, string target, string action)
    {
        var bound = MyInvocation.BoundParameters;
        var whatIf = bound.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        var confirm = bound.TryGetValue("Confirm", out var c) && ((SwitchParameter)c).IsPresent;
        return force && !whatIf && !confirm || ShouldProcess(target, action);
    }

    /// <summary>Ends the command for bad input that no printer could fix.</summary>
    protected void ThrowArgumentError(string message, string parameter, object? value) =>
        ThrowTerminatingError(ArgumentError(message, parameter, value));

    /// <summary>The same for one pipeline object: a non-terminating PrinterInvalidArgument, and the others go on.</summary>
    protected void WriteArgumentError(string message, string parameter, object? value) => WriteError(ArgumentError(message, parameter, value));

    private static ErrorRecord ArgumentError(string message, string parameter, object? value) =>
        new(new ArgumentException(message, parameter), PrinterErrors.InvalidArgument, ErrorCategory.InvalidArgument, value);
}
