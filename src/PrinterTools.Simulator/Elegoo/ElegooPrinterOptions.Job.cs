using System;
using System.Collections.Generic;
using PrinterTools.Simulator.Elegoo;

namespace PrinterTools.Simulator;

/// <summary>
/// How a job moves, as FlashForgePrinterOptions.Job does it: no timer, the progress is stored with the moment it
/// was true and brought up to date from <see cref="Clock"/> under the lock on every read (<see cref="Settle"/>).
/// A command also starts a passing phase (preheating, pausing, stopping …) whose wire codes last
/// <see cref="PhaseTime"/> on the same clock (SdcpJobCodes). Ended jobs go to the history (Cmd 320/321).
/// </summary>
public sealed partial class ElegooPrinterOptions
{
    private ElegooJobState _state = ElegooJobState.Idle;
    private double _progress; // 0.0-1.0, true at _runStart (or now, when the job stands still)
    private DateTimeOffset? _runStart; // set only while the job advances
    private TimeSpan? _jobDuration;
    private TimeProvider _clock = TimeProvider.System;
    private TimeSpan _phaseTime = TimeSpan.FromSeconds(1);
    private ElegooPhase _phase = ElegooPhase.Steady;
    private DateTimeOffset _phaseStart;
    private DateTimeOffset? _jobBegin;
    private string? _taskId;
    private DateTimeOffset? _lastUploadStored;
    private readonly List<HistoryTask> _history = new();

    /// <summary>Setting it puts the printer in that state at once, without the passing phases a command goes through.</summary>
    public ElegooJobState State
    {
        get => Get(ref _state);
        set => Change(() =>
        {
            _state = value;
            _phase = ElegooPhase.Steady;
            if (value != ElegooJobState.Idle)
            {
                _taskId ??= Guid.NewGuid().ToString("D");
            }
        });
    }

    /// <summary>0-100; advances by itself while printing when <see cref="JobDuration"/> is set.</summary>
    public int ProgressPercent { get => Percent(Get(ref _progress)); set => Change(() => _progress = Math.Clamp(value, 0, 100) / 100.0); }

    /// <summary>
    /// How long a job takes from 0 to 100 %. Null (default): a running job stays frozen at its progress. Set: a
    /// printing job advances progress, layer and ticks over this time, then completes; a paused one stands still.
    /// </summary>
    public TimeSpan? JobDuration
    {
        get => Get(ref _jobDuration);
        set => Change(() => _jobDuration = value is { } d && d <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "A job duration must be positive.")
            : value);
    }

    /// <summary>The clock jobs, phases, TimeStamps and <see cref="BusyAfterUpload"/> run on: the system clock unless a test passes its own.</summary>
    public TimeProvider Clock { get => Get(ref _clock); set => Change(() => _clock = value ?? throw new ArgumentNullException(nameof(value))); }

    /// <summary>
    /// How long each passing code lasts on <see cref="Clock"/>: CC preheating 16 and preheat-done 20 after a start,
    /// pausing 5, resuming 12, stopping 7; resin 0 and homing 1 after a start, 7 before complete. Zero skips them.
    /// </summary>
    public TimeSpan PhaseTime { get => Get(ref _phaseTime); set => Set(ref _phaseTime, value < TimeSpan.Zero ? TimeSpan.Zero : value); }

    /// <summary>
    /// Cmd 128: starts <paramref name="file"/> from 0 % with a new TaskId; false (Ack 1, busy) while a job is
    /// printing or paused.
    /// </summary>
    internal bool TryStartJob(string file, int layers)
    {
        lock (_gate)
        {
            Settle();
            if (_state is ElegooJobState.Printing or ElegooJobState.Paused)
            {
                return false;
            }

            Change(() =>
            {
                _state = ElegooJobState.Printing;
                _currentFile = file;
                _progress = 0;
                _currentLayer = 0;
                _totalLayers = layers;
                _taskId = Guid.NewGuid().ToString("D");
                _jobBegin = _clock.GetUtcNow();
                EnterPhase(ElegooPhase.Starting);
            });
            return true;
        }
    }

    /// <summary>Cmd 129/131/130: moves the job on with its passing phase; false (Ack 1) when there is nothing to act on.</summary>
    internal bool Pause() => Move(s => s == ElegooJobState.Printing, ElegooJobState.Paused, ElegooPhase.Pausing);

    internal bool Resume() => Move(s => s == ElegooJobState.Paused, ElegooJobState.Printing, ElegooPhase.Resuming);

    internal bool Stop() => Move(s => s is ElegooJobState.Printing or ElegooJobState.Paused, ElegooJobState.Stopped, ElegooPhase.Stopping);

    /// <summary>Puts a running or paused job at <paramref name="percent"/> (layer to match); 100 completes it.</summary>
    internal bool SetJobProgress(int percent)
    {
        lock (_gate)
        {
            Settle();
            if (_state is not (ElegooJobState.Printing or ElegooJobState.Paused))
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

    /// <summary>An upload was stored now: the resin answers Cmd 128 with Ack 1 for <see cref="BusyAfterUpload"/>.</summary>
    internal void UploadStored()
    {
        lock (_gate)
        {
            _lastUploadStored = _clock.GetUtcNow();
        }
    }

    internal bool BusyAfterUploadNow()
    {
        lock (_gate)
        {
            return _lastUploadStored is DateTimeOffset at && _clock.GetUtcNow() < at + _busyAfterUpload;
        }
    }

    /// <summary>One finished task per file named at start, newest first, so Cmd 320/321 have something to list.</summary>
    internal void SeedHistory(IReadOnlyList<string> files)
    {
        lock (_gate)
        {
            if (_history.Count > 0)
            {
                return; // the same options started again: the printer remembers its history
            }

            DateTimeOffset now = _clock.GetUtcNow();
            for (int i = 0; i < files.Count; i++)
            {
                DateTimeOffset end = now - TimeSpan.FromDays(i + 1);
                _history.Add(new HistoryTask(HistoryTask.SeededId(MainboardId, files[i]), files[i],
                    end - TimeSpan.FromMinutes(85), end, HistoryTask.Completed, 100, 100));
            }
        }
    }

    /// <summary>The history, newest first (a copy).</summary>
    internal IReadOnlyList<HistoryTask> History()
    {
        lock (_gate)
        {
            Settle();
            return _history.ToArray();
        }
    }

    /// <summary>One consistent copy of everything a frame needs.</summary>
    internal ElegooSnapshot Snapshot()
    {
        lock (_gate)
        {
            Settle();
            DateTimeOffset now = _clock.GetUtcNow();
            return new ElegooSnapshot(
                _address, _family, Defaults, Name, MainboardId, Firmware, MachineName, MacAddress,
                _state, _phase, now - _phaseStart, _phaseTime, _currentFile, _taskId, _progress, _currentLayer, _totalLayers,
                _jobDuration ?? _estimatedPrintTime, _nozzleTemperature, _nozzleTarget, _bedTemperature, _bedTarget,
                _chamberTemperature, _chamberTarget, _lightOn, _modelFan, _auxiliaryFan, _boxFan, _printSpeedPercent, _timeLapse,
                _uvLedTemperature, _tankTemperature, _tankTarget, _canvasConnected, _canvasTrays, _activeTray, _fault, _latency, now);
        }
    }

    private static int Percent(double progress) => (int)Math.Floor(progress * 100 + 1e-9);

    private bool Move(Func<ElegooJobState, bool> from, ElegooJobState to, ElegooPhase phase)
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
                if (to == ElegooJobState.Stopped)
                {
                    RecordTask(HistoryTask.Stopped);
                }
            });
            return true;
        }
    }

    private void EnterPhase(ElegooPhase phase)
    {
        _phase = phase;
        _phaseStart = _clock.GetUtcNow();
    }

    private bool Advancing => _state == ElegooJobState.Printing && _jobDuration is not null && _progress < 1;

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

    private void Complete()
    {
        _state = ElegooJobState.Completed;
        _progress = 1;
        _currentLayer = _totalLayers;
        _runStart = null;
        EnterPhase(ElegooPhase.Completing);
        RecordTask(HistoryTask.Completed);
    }

    /// <summary>The job that just ended goes first in the history (§7.5 TaskStatus 1 completed, 3 stopped).</summary>
    private void RecordTask(int status)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        _history.Insert(0, new HistoryTask(_taskId ?? Guid.NewGuid().ToString("D"), _currentFile ?? string.Empty,
            _jobBegin ?? now, now, status, _totalLayers, _currentLayer));
    }
}
