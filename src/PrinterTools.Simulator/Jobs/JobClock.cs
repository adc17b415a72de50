using System;

namespace PrinterTools.Simulator.Jobs;

/// <summary>
/// A job's progress that advances over <see cref="Duration"/> without a timer, as the FlashForge and Elegoo
/// options do it: the progress is stored with the moment it was true and brought up to date from
/// <see cref="Clock"/> whenever it is read (<see cref="Settle"/>). Not thread-safe: the owner's lock guards it.
/// </summary>
internal sealed class JobClock
{
    private DateTimeOffset? _runStart; // set only while the job advances

    /// <summary>0.0-1.0, true at the last <see cref="Settle"/> (or now, when the job stands still).</summary>
    public double Progress { get; private set; }

    /// <summary>How long 0 to 100 % takes; null: the progress stands still.</summary>
    public TimeSpan? Duration { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public bool Running => _runStart is not null;

    /// <summary>Puts the progress at <paramref name="progress"/> (clamped); call <see cref="Restart"/> after.</summary>
    public void Set(double progress) => Progress = Math.Clamp(progress, 0.0, 1.0);

    /// <summary>
    /// Counts from <paramref name="from"/> (default now) when the owner says the job advances and there is a
    /// duration and something left to do; stands still otherwise.
    /// </summary>
    public void Restart(bool advancing, DateTimeOffset? from = null) =>
        _runStart = advancing && Duration is not null && Progress < 1 ? from ?? Now : null;

    /// <summary>Brings an advancing job up to now; true when this call took it to 100 % (it then stands still).</summary>
    public bool Settle()
    {
        if (_runStart is not DateTimeOffset start || Duration is not TimeSpan length)
        {
            return false;
        }

        DateTimeOffset now = Now;
        TimeSpan ran = now > start ? now - start : TimeSpan.Zero;
        Progress = Math.Min(1.0, Progress + ran / length);
        _runStart = now;
        if (Progress < 1)
        {
            return false;
        }

        _runStart = null;
        return true;
    }
}
