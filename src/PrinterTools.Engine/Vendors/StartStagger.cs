using System;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Vendors;

/// <summary>
/// Lets one job start through at a time, each at least the interval after the one before: the first at once, the
/// next when the interval has passed since the previous start went out. Printers whose uploads finish late simply
/// take the next free turn; a printer that fails before its start takes no turn.
/// </summary>
public sealed class StartStagger
{
    private readonly TimeSpan _interval;
    private readonly Func<DateTime> _utcNow;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private DateTime? _lastStart;

    /// <param name="utcNow">The clock, and <paramref name="delay"/> the wait on it: the system's unless a test gives its own.</param>
    public StartStagger(TimeSpan interval, Func<DateTime>? utcNow = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _interval = interval;
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
        _delay = delay ?? ((wait, cancel) => Task.Delay(wait, cancel));
    }

    /// <summary>The turns of one Start-PrinterJob pipeline; a test gives its own clock through <see cref="Factory"/>.</summary>
    public static StartStagger Create(TimeSpan interval) => Factory(interval);

    internal static Func<TimeSpan, StartStagger> Factory { get; set; } = interval => new StartStagger(interval);

    /// <summary>Waits for this printer's turn; the turn is taken when it returns.</summary>
    public async Task WaitTurnAsync(CancellationToken cancel)
    {
        await _turn.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (_lastStart is { } last && last + _interval - _utcNow() is var wait && wait > TimeSpan.Zero)
            {
                await _delay(wait, cancel).ConfigureAwait(false);
            }
            _lastStart = _utcNow();
        }
        finally
        {
            _turn.Release();
        }
    }
}
