using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Net;

/// <summary>
/// The commands a virtual printer received, in order, with a count per key (a G-code, an SDCP
/// Cmd) and waiters for a count to be reached. The log, the counts and the waiters change
/// together under one gate, so a test that was told "the third M27 arrived" finds it in the log.
/// </summary>
internal sealed class CommandLog<TCommand, TKey> where TKey : notnull
{
    private readonly object _gate = new();
    private readonly Func<TCommand, TKey> _keyOf;
    private readonly IEqualityComparer<TKey> _keys;
    private readonly List<(TKey Key, int Count, TaskCompletionSource Done)> _waiters = new();
    private List<TCommand> _commands = new();
    private Dictionary<TKey, int> _counts;

    public CommandLog(Func<TCommand, TKey> keyOf, IEqualityComparer<TKey>? keys = null)
    {
        _keyOf = keyOf;
        _keys = keys ?? EqualityComparer<TKey>.Default;
        _counts = new Dictionary<TKey, int>(_keys);
    }

    /// <summary>
    /// Logs the command <paramref name="make"/> builds from its sequence number (1, 2, ...), tells
    /// <paramref name="counted"/> (the caller's own tallies, so they are up to date too), then
    /// releases the waiters it satisfies.
    /// </summary>
    public TCommand Add(Func<int, TCommand> make, Action<TCommand>? counted = null)
    {
        TCommand command;
        List<(TKey Key, int Count, TaskCompletionSource Done)> reached;
        lock (_gate)
        {
            command = make(_commands.Count + 1);
            _commands.Add(command);
            TKey key = _keyOf(command);
            int seen = _counts[key] = _counts.GetValueOrDefault(key) + 1;
            reached = _waiters.FindAll(w => _keys.Equals(w.Key, key) && seen >= w.Count);
            _waiters.RemoveAll(reached.Contains);
        }

        counted?.Invoke(command);
        reached.ForEach(w => w.Done.TrySetResult());
        return command;
    }

    /// <summary>A copy, so the caller can enumerate while connections keep adding.</summary>
    public IReadOnlyList<TCommand> Snapshot()
    {
        lock (_gate)
        {
            return _commands.ToArray();
        }
    }

    /// <summary>Completes once <paramref name="count"/> commands with this key arrived since the start (or the last reset).</summary>
    public Task WhenReached(TKey key, int count, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_counts.GetValueOrDefault(key) >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((key, count, done));
        }

        // A cancelled wait leaves its entry behind until the count is reached: harmless in a test's lifetime.
        return done.Task.WaitAsync(ct);
    }

    public void Reset()
    {
        lock (_gate)
        {
            _commands = new List<TCommand>();
            _counts = new Dictionary<TKey, int>(_keys);
        }
    }
}
