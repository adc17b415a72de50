using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Vendors;

/// <summary>How a job ended, and the status that showed it.</summary>
public sealed record PrinterJobEnd(PrinterState State, PrinterStatus Status);

/// <summary>
/// Follows a printer's job until it ends, for Start-PrinterJob -Wait and Wait-PrinterJob alike: reads the status
/// every poll interval until it shows Completed, Stopped or Error (or Idle once the job was seen running, which is
/// a job cancelled on the printer). A printer that stops answering for longer than its connection's timeout, or a
/// job still running at the deadline, ends in PrinterTimeout.
/// </summary>
public static class PrinterJobWait
{
    /// <summary>An Idle printer this long after the wait began never ran the job: it went away unseen.</summary>
    private static readonly TimeSpan NeverStartedGrace = TimeSpan.FromSeconds(60);

    /// <param name="deadline">The most time to wait for the job to end; null waits as long as it runs.</param>
    /// <param name="deadlineName">The parameter that set it, for the message ("-WaitTimeout").</param>
    /// <param name="alreadyRunning">True when the caller knows the job ran (Wait-PrinterJob's printer was printing): Idle then means ended.</param>
    /// <param name="onStatus">Told each status read while the job runs, for a progress bar.</param>
    /// <param name="first">A status the caller has just read, taken as the first reading instead of asking again.</param>
    public static async Task<PrinterJobEnd> UntilEndAsync(PrinterConnection printer, string? fileName, TimeSpan pollInterval, TimeSpan? deadline,
        string deadlineName, bool alreadyRunning, Action<PrinterStatus>? onStatus, CancellationToken cancel, PrinterStatus? first = null)
    {
        var address = printer.Address;
        var seenRunning = alreadyRunning;
        var clock = Stopwatch.StartNew();
        // When the first read of the current run of failed ones began: our own pauses between reads are not the printer's silence.
        var failingSince = (TimeSpan?)null;
        var last = (PrinterStatus?)null;
        while (true)
        {
            if (deadline is { } limit && clock.Elapsed >= limit)
            {
                throw new PrinterException(PrinterErrorKind.Timeout, address,
                    $"{address}: '{fileName ?? last?.FileName}' is still {last?.State.ToString() ?? "not reported"}{(last?.Progress is { } p ? $" at {p} %" : "")} after the {deadlineName} of {limit.TotalSeconds:0.###} s.");
            }
            var readStarted = clock.Elapsed;
            PrinterStatus status;
            try
            {
                status = first ?? await printer.ReadStatusAsync(cancel).ConfigureAwait(false);
                first = null;
                failingSince = null;
            }
            catch (PrinterException e) when (e.Kind is PrinterErrorKind.Timeout or PrinterErrorKind.Unreachable or PrinterErrorKind.ProtocolError)
            {
                // A printer restarting its network or busy for a moment is not the end of the job.
                failingSince ??= readStarted;
                var silent = clock.Elapsed - failingSince.Value;
                if (silent >= printer.Timeout)
                {
                    throw new PrinterException(PrinterErrorKind.Timeout, address,
                        $"{address} stopped answering for {silent.TotalSeconds:0.#} s while '{fileName ?? last?.FileName}' was {last?.State.ToString() ?? "starting"}: {e.Message}", e);
                }
                await PauseAsync(clock, pollInterval, deadline, cancel).ConfigureAwait(false);
                continue;
            }
            last = status;
            seenRunning |= status.State is PrinterState.Printing or PrinterState.Pausing or PrinterState.Paused or PrinterState.Resuming;
            var ended = status.State switch
            {
                PrinterState.Completed or PrinterState.Stopped or PrinterState.Error => status.State,
                // Idle once the job was running, or long after it was started, means it went away
                // without completing: cancelled on the printer's screen or with M26.
                PrinterState.Idle when seenRunning || clock.Elapsed > NeverStartedGrace => PrinterState.Stopped,
                _ => (PrinterState?)null,
            };
            if (ended is { } state)
            {
                return new PrinterJobEnd(state, status);
            }
            onStatus?.Invoke(status);
            await PauseAsync(clock, pollInterval, deadline, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The poll interval, cut short by the deadline.</summary>
    private static Task PauseAsync(Stopwatch clock, TimeSpan pause, TimeSpan? deadline, CancellationToken cancel)
    {
        if (deadline is { } limit)
        {
            var left = limit - clock.Elapsed;
            pause = left < pause ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : pause;
        }
        return Task.Delay(pause, cancel);
    }
}
