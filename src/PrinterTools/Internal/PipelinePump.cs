using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Internal;

/// <summary>
/// Runs work for many printers at once, bounded by a throttle, while every Write* happens on
/// the pipeline thread (PowerShell refuses writes from other threads). Workers post actions;
/// the cmdlet runs them between and after ProcessRecord calls, so results stream out as they
/// arrive. When the command ends early (Ctrl+C, a terminating error, -ErrorAction Stop), the
/// cmdlet cancels the token every worker runs under and waits a moment for them to release
/// what they hold; a worker's errors after that have nowhere to go and are dropped.
/// </summary>
internal sealed class PipelinePump : IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    private readonly BlockingCollection<Action?> _posted = new();
    // Added on the pipeline thread, read by the thread that stops the command.
    private readonly ConcurrentQueue<Task> _workers = new();
    private readonly CancellationToken _cancel;
    private int _running;

    public PipelinePump(CancellationToken cancel) => _cancel = cancel;

    /// <summary>Queues an action for the pipeline thread. Safe from any thread.</summary>
    public void Post(Action action)
    {
        try
        {
            _posted.Add(action);
        }
        catch (InvalidOperationException)
        {
            // The cmdlet has finished or stopped; a late result has nowhere to go.
        }
    }

    /// <summary>Starts work, first waiting (and writing results) while the throttle is full.</summary>
    public void Start(int throttle, Func<CancellationToken, Task> work, Action<Exception> onError)
    {
        while (_running >= throttle)
        {
            RunNext(Timeout.InfiniteTimeSpan);
        }
        _running++;
        _workers.Enqueue(Task.Run(async () =>
        {
            try
            {
                await work(_cancel).ConfigureAwait(false);
            }
            catch (Exception) when (_cancel.IsCancellationRequested)
            {
                // The command has ended: whatever failed after that is nobody's business.
            }
            catch (Exception e)
            {
                Post(() => onError(e));
            }
            finally
            {
                // null marks one worker done.
                try { _posted.Add(null); } catch (InvalidOperationException) { }
            }
        }));
    }

    /// <summary>Runs whatever has been posted, without waiting.</summary>
    public void RunAvailable()
    {
        while (_posted.TryTake(out var action))
        {
            Run(action);
        }
    }

    /// <summary>Runs posted actions until every worker is done; <paramref name="tick"/> runs between waits.</summary>
    public void RunUntilDone(Action? tick = null, TimeSpan? tickEvery = null)
    {
        while (_running > 0)
        {
            RunNext(tickEvery ?? Timeout.InfiniteTimeSpan);
            tick?.Invoke();
        }
        RunAvailable();
    }

    /// <summary>After the token is cancelled: give workers a moment to release what they hold (M602, sockets).</summary>
    public void WaitForWorkersAfterStop()
    {
        try
        {
            Task.WaitAll(_workers.ToArray(), StopGrace);
        }
        catch (AggregateException)
        {
        }
    }

    private void RunNext(TimeSpan wait)
    {
        Action? action;
        try
        {
            if (!_posted.TryTake(out action, (int)wait.TotalMilliseconds, _cancel))
            {
                return;
            }
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        Run(action);
    }

    private void Run(Action? action)
    {
        if (action is null)
        {
            _running--;
            return;
        }
        action();
    }

    public void Dispose()
    {
        _posted.CompleteAdding();
        _posted.Dispose();
    }
}
