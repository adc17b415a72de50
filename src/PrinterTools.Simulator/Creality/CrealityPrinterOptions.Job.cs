using System;
using System.Collections.Generic;
using PrinterTools.Simulator.Creality;
using PrinterTools.Simulator.Jobs;

namespace PrinterTools.Simulator;

/// <summary>
/// How a job moves, on the shared <see cref="JobClock"/> (no timer: progress is brought up to date on every read).
/// A start passes through <c>state</c> 9 (preparing, with the <c>withSelfTest</c> ramp when asked) and a stop
/// through 7 (stopping), each for <see cref="PhaseTime"/> (creality.md §4). Ended jobs go to the history (§5).
/// </summary>
public sealed partial class CrealityPrinterOptions
{
    private readonly JobClock _job = new();
    private readonly List<CrealityHistoryEntry> _history = new();
    private CrealityJobState _state = CrealityJobState.Idle;
    private CrealityPhase _phase = CrealityPhase.Steady;
    private DateTimeOffset _phaseStart;
    private TimeSpan _phaseTime = TimeSpan.FromSeconds(2);
    private string? _fileName;
    private int _layer;
    private int _totalLayers;
    private TimeSpan _estimatedPrintTime = TimeSpan.FromHours(1);
    private DateTimeOffset? _jobStart;
    private bool _enableSelfTest;
    private int _withSelfTest;

    /// <summary>
    /// Setting it puts the printer in that state at once, without the passing phases a command goes through.
    /// Completed and Stopped are idle printers that still show their last job (§4).
    /// </summary>
    public CrealityJobState State
    {
        get => Get(ref _state);
        set => Change(() =>
        {
            _state = value;
            _phase = CrealityPhase.Steady;
            if (value != CrealityJobState.Idle)
            {
                _jobStart ??= _job.Now;
            }
        });
    }

    /// <summary>Plain name of the current or last job's file (reported as a full path in the model's folder).</summary>
    public string? FileName { get => Get(ref _fileName); set => Set(ref _fileName, value); }

    /// <summary>0-100 (<c>printProgress</c>); advances by itself while printing when <see cref="JobDuration"/> is set.</summary>
    public int Progress
    {
        get { lock (_gate) { Settle(); return Percent(_job.Progress); } }
        set => Change(() => _job.Set(Math.Clamp(value, 0, 100) / 100.0));
    }

    /// <summary><c>layer</c>; follows the progress while a job advances (a value set meanwhile is overwritten).</summary>
    public int Layer { get => Get(ref _layer); set => Set(ref _layer, value); }

    /// <summary><c>TotalLayer</c>; a start takes it from the file's layer comment.</summary>
    public int TotalLayers { get => Get(ref _totalLayers); set => Set(ref _totalLayers, value); }

    /// <summary>The job length behind <c>printJobTime</c>/<c>printLeftTime</c> while <see cref="JobDuration"/> is null.</summary>
    public TimeSpan EstimatedPrintTime { get => Get(ref _estimatedPrintTime); set => Set(ref _estimatedPrintTime, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    /// <summary>
    /// How long a job takes from 0 to 100 %. Null (default): a job stays frozen at its progress. Set: a printing
    /// job advances progress, layer and times over this time, then completes (<c>state</c> 2, values latched).
    /// </summary>
    public TimeSpan? JobDuration
    {
        get { lock (_gate) { Settle(); return _job.Duration; } }
        set => Change(() => _job.Duration = value is { } d && d <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "A job duration must be positive.")
            : value);
    }

    /// <summary>The clock jobs and phases run on: the system clock unless a test passes its own.</summary>
    public TimeProvider Clock
    {
        get { lock (_gate) { return _job.Clock; } }
        set => Change(() => _job.Clock = value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>How long <c>state</c> 9 after a start and 7 after a stop last on <see cref="Clock"/>; zero skips them.</summary>
    public TimeSpan PhaseTime { get => Get(ref _phaseTime); set => Set(ref _phaseTime, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    /// <summary>
    /// <c>printprt:</c>: starts <paramref name="file"/> from 0 %, through the preparing phase; false while a job
    /// is printing or paused (nothing changes then).
    /// </summary>
    internal bool TryStartJob(string file, int layers, bool selfTest)
    {
        lock (_gate)
        {
            Settle();
            if (_state is CrealityJobState.Printing or CrealityJobState.Paused)
            {
                return false;
            }

            Change(() =>
            {
                _state = CrealityJobState.Printing;
                _fileName = file;
                _job.Set(0);
                _layer = 0;
                _totalLayers = layers;
                _jobStart = _job.Now;
                _enableSelfTest = selfTest;
                _withSelfTest = 0;
                EnterPhase(CrealityPhase.Preparing);
                EndPreparingIfDue();
            });
            return true;
        }
    }

    /// <summary><c>pause</c> 1 / 0 and <c>stop</c> 1 (§6); false when there is nothing to act on.</summary>
    internal bool Pause() => Move(s => s == CrealityJobState.Printing, CrealityJobState.Paused, CrealityPhase.Steady);

    internal bool Resume() => Move(s => s == CrealityJobState.Paused, CrealityJobState.Printing, CrealityPhase.Steady);

    internal bool Stop() => Move(s => s is CrealityJobState.Printing or CrealityJobState.Paused, CrealityJobState.Stopped, CrealityPhase.Stopping);

    /// <summary>Puts a running or paused job at <paramref name="percent"/> (layer to match); 100 completes it.</summary>
    internal bool SetJobProgress(int percent)
    {
        lock (_gate)
        {
            Settle();
            if (_state is not (CrealityJobState.Printing or CrealityJobState.Paused))
            {
                return false;
            }

            Change(() =>
            {
                _job.Set(Math.Clamp(percent, 0, 100) / 100.0);
                _layer = (int)(_job.Progress * _totalLayers);
                if (_job.Progress >= 1)
                {
                    Complete();
                }
            });
            return true;
        }
    }

    /// <summary>One finished job per file named at start, newest first, so reqHistory has something to list.</summary>
    internal void SeedHistory(IReadOnlyList<string> files)
    {
        lock (_gate)
        {
            if (_history.Count > 0)
            {
                return; // the same options started again: the printer remembers its history
            }

            DateTimeOffset now = _job.Now;
            for (int i = 0; i < files.Count; i++)
            {
                DateTimeOffset start = now - TimeSpan.FromDays(i + 1);
                _history.Add(new CrealityHistoryEntry(start.ToUnixTimeSeconds(), files[i], start, TimeSpan.FromMinutes(85), true, 4990));
            }
        }
    }

    /// <summary>The history, newest first (a copy).</summary>
    internal IReadOnlyList<CrealityHistoryEntry> History()
    {
        lock (_gate)
        {
            Settle();
            return _history.ToArray();
        }
    }

    /// <summary>One consistent copy of everything a frame needs, with the wire codes of §4.</summary>
    internal CrealitySnapshot Snapshot()
    {
        lock (_gate)
        {
            Settle();
            DateTimeOffset now = _job.Now;
            bool inPhase = _phaseTime > TimeSpan.Zero && now - _phaseStart < _phaseTime;
            (int state, int device) = _state switch
            {
                CrealityJobState.Printing when _phase == CrealityPhase.Preparing => (9, 0), // start → 9 → deviceState 1 + state 1 (§4 trace)
                CrealityJobState.Printing => (1, 1),
                CrealityJobState.Paused => (5, 1),
                CrealityJobState.Completed => (2, 0),
                CrealityJobState.Stopped when _phase == CrealityPhase.Stopping && inPhase => (7, 1),
                CrealityJobState.Stopped => (4, 0),
                _ => (0, 0),
            };
            int withSelfTest = _phase == CrealityPhase.Preparing && _enableSelfTest
                ? 1 + (int)Math.Min(98, (now - _phaseStart) / _phaseTime * 99) // 1..99 while testing, 100 once done (§3)
                : _withSelfTest;
            return new CrealitySnapshot(
                _address, _model, Defaults, Name, SerialNumber, MacAddress, Firmware,
                _state, state, device, withSelfTest, _enableSelfTest, _fileName, _job.Progress, _layer, _totalLayers,
                _job.Duration ?? _estimatedPrintTime, _jobStart,
                _nozzleTemperature, _nozzleTarget, _bedTemperature, _bedTarget, _chamberTemperature, _chamberTarget,
                _lightOn, _modelFan, _caseFan, _auxiliaryFan, _legacyFileList ?? Defaults.LegacyFileList, _closeAfterStart ?? Defaults.CloseAfterStart, _fault, _latency, now);
        }
    }

    private static int Percent(double progress) => (int)Math.Floor(progress * 100 + 1e-9);

    private bool Move(Func<CrealityJobState, bool> from, CrealityJobState to, CrealityPhase phase)
    {
        lock (_gate)
        {
            Settle();
            if (!from(_state))
            {
                return false;
            }

            Change(() =>
            {
                _state = to;
                EnterPhase(phase);
                if (to == CrealityJobState.Stopped)
                {
                    Record(finished: false);
                }
            });
            return true;
        }
    }

    private void EnterPhase(CrealityPhase phase)
    {
        _phase = phase;
        _phaseStart = _job.Now;
    }

    // The job advances only while printing past its preparing phase.
    private bool Advancing => _state == CrealityJobState.Printing && _phase != CrealityPhase.Preparing;

    /// <summary>Applies a change so that the job's time up to now counts under the old rules, from now under the new.</summary>
    private void Change(Action change)
    {
        lock (_gate)
        {
            Settle();
            change();
            _job.Restart(Advancing);
        }
    }

    /// <summary>Ends a preparing phase that is over and brings an advancing job up to now; completes it at 100 %. Caller holds the lock.</summary>
    private void Settle()
    {
        EndPreparingIfDue();
        if (!_job.Running)
        {
            return;
        }

        bool done = _job.Settle();
        _layer = (int)(_job.Progress * _totalLayers);
        if (done)
        {
            Complete();
        }
    }

    /// <summary>Preparing over: state 1 from the moment it ended, so the job's time counts from then, not from this read.</summary>
    private void EndPreparingIfDue()
    {
        DateTimeOffset end = _phaseStart + _phaseTime;
        if (_phase != CrealityPhase.Preparing || _job.Now < end)
        {
            return;
        }

        _phase = CrealityPhase.Steady;
        _withSelfTest = _enableSelfTest ? 100 : 0;
        _job.Restart(_state == CrealityJobState.Printing, end);
    }

    // §4: a finished job shows state 2 with progress 100 and its file until the next job.
    private void Complete()
    {
        _state = CrealityJobState.Completed;
        _job.Set(1);
        _job.Restart(false);
        _layer = _totalLayers;
        _phase = CrealityPhase.Steady;
        Record(finished: true);
    }

    /// <summary>The job that just ended goes first in the history.</summary>
    private void Record(bool finished)
    {
        DateTimeOffset now = _job.Now;
        DateTimeOffset start = _jobStart ?? now;
        _history.Insert(0, new CrealityHistoryEntry(start.ToUnixTimeSeconds(), _fileName ?? string.Empty, start, now - start, finished,
            (int)(_job.Progress * 4990)));
    }
}
