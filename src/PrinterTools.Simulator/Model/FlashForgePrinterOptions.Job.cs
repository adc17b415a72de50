using System;

namespace PrinterTools.Simulator;

/// <summary>
/// How a job moves. No timer runs: the progress is stored with the moment it was true (<c>_runStart</c>) and
/// brought up to date from the clock under the lock whenever anything is read (<see cref="Settle"/>). Every change
/// that decides whether a job advances (state, progress, duration, fault, clock) first settles with the old
/// values, then restarts the clock from the new ones (<see cref="Change"/>).
/// </summary>
public sealed partial class FlashForgePrinterOptions
{
    private double _progress; // 0.0-1.0, true at _runStart (or now, when the job stands still)
    private DateTimeOffset? _runStart; // set only while the job advances
    private TimeSpan? _jobDuration;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>
    /// How long a job takes from 0 to 100 %. Null (default): a job stays at whatever progress it is given. Set: a
    /// printing job advances progress, layer, elapsed and remaining time over this duration, then ends
    /// <see cref="VirtualJobState.Completed"/>; a paused job stands still. Must be positive.
    /// </summary>
    public TimeSpan? JobDuration
    {
        get => Get(ref _jobDuration);
        set => Change(() => _jobDuration = value is { } d && d <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "A job duration must be positive.")
            : value);
    }

    /// <summary>The clock <see cref="JobDuration"/> runs on: the system clock unless a test passes its own.</summary>
    public TimeProvider Clock
    {
        get => Get(ref _clock);
        set => Change(() => _clock = value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Starts a job of <paramref name="layers"/> layers at 0 %; elapsed/remaining overrides of the last job go.</summary>
    internal void StartJob(string file, int layers) => Change(() =>
    {
        _state = VirtualJobState.Printing;
        _currentFile = file;
        _progress = 0;
        _currentLayer = 0;
        _totalLayers = layers;
        _printDuration = null;
        _estimatedTime = null;
    });

    /// <summary>Moves the job from <paramref name="from"/> to <paramref name="to"/>; false when it was not in <paramref name="from"/>.</summary>
    internal bool MoveJob(VirtualJobState from, VirtualJobState to)
    {
        lock (_gate)
        {
            Settle();
            if (_state != from)
            {
                return false;
            }

            Change(() => _state = to);
            return true;
        }
    }

    /// <summary>Ends a running or paused job as cancelled; false when there was none.</summary>
    internal bool CancelJob()
    {
        lock (_gate)
        {
            return MoveJob(VirtualJobState.Printing, VirtualJobState.Cancelled)
                || MoveJob(VirtualJobState.Paused, VirtualJobState.Cancelled);
        }
    }

    /// <summary>Puts a running or paused job at <paramref name="percent"/> (layer to match); 100 completes it.</summary>
    internal bool SetJobProgress(int percent)
    {
        lock (_gate)
        {
            Settle();
            if (_state is not (VirtualJobState.Printing or VirtualJobState.Paused))
            {
                return false;
            }

            Change(() =>
            {
                _progress = Math.Clamp(percent, 0, 100) / 100.0;
                _currentLayer = (int)(_progress * _totalLayers);
                if (_progress >= 1)
                {
                    Complete();
                }
            });
            return true;
        }
    }

    // StalledJob: the job is there but never moves (FlashForgeFault.StalledJob).
    private bool Advancing =>
        _state == VirtualJobState.Printing && _jobDuration is not null && _fault != FlashForgeFault.StalledJob && _progress < 1;

    /// <summary>Applies a change so that the job's time up to now counts under the old rules, from now under the new.</summary>
    private void Change(Action change)
    {
        lock (_gate)
        {
            Settle();
            change();
            _runStart = Advancing ? _clock.GetUtcNow() : null;
        }
    }

    /// <summary>Brings an advancing job up to now; completes it at 100 %. Caller holds the lock.</summary>
    private void Settle()
    {
        if (_runStart is not DateTimeOffset start || _jobDuration is not TimeSpan length)
        {
            return;
        }

        DateTimeOffset now = _clock.GetUtcNow();
        TimeSpan ran = now > start ? now - start : TimeSpan.Zero;
        _progress = Math.Min(1.0, _progress + ran / length);
        _runStart = now;
        _currentLayer = (int)(_progress * _totalLayers);
        if (_progress >= 1)
        {
            Complete();
        }
    }

    // §2.3: a finished print reports BUILDING_COMPLETED (ReplyFormats), /detail "completed" (§3.3).
    private void Complete()
    {
        _state = VirtualJobState.Completed;
        _progress = 1;
        _currentLayer = _totalLayers;
        _runStart = null;
    }
}
