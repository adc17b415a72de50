using System;
using System.IO;

namespace PrinterTools.Vendors;

/// <summary>What Start-PrinterJob asks of one printer.</summary>
public sealed class PrinterJobRequest
{
    /// <summary>A local file to upload first, or null to start a file already on the printer.</summary>
    public string? LocalPath { get; init; }
    /// <summary>The name on the printer; defaults to the local file's name.</summary>
    public string? FileName { get; init; }
    public bool LevelBed { get; init; }
    /// <summary>Record a time-lapse video of the job, where the printer can.</summary>
    public bool Timelapse { get; init; }
    /// <summary>The layer to start at (0: the first), where the printer can.</summary>
    public int StartLayer { get; init; }

    /// <summary>Told when part of the request cannot be honoured (the job still starts).</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>
    /// Awaited right before the start command goes out, after any upload: a fleet's starts are spaced by it
    /// (<see cref="StartStagger"/>), so a farm's heaters do not all switch on in the same second.
    /// </summary>
    public Func<System.Threading.CancellationToken, System.Threading.Tasks.Task>? BeforeStart { get; init; }

    internal System.Threading.Tasks.Task BeforeStartAsync(System.Threading.CancellationToken cancel) =>
        BeforeStart?.Invoke(cancel) ?? System.Threading.Tasks.Task.CompletedTask;

    public string TargetName => FileName ?? Path.GetFileName(LocalPath ?? "");
}
