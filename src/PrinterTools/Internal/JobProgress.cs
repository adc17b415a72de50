using System;
using System.Management.Automation;

namespace PrinterTools.Internal;

/// <summary>One printer's progress bar while its job runs: state, file, layer, percent and time left.</summary>
internal static class JobProgress
{
    public static ProgressRecord Update(ProgressRecord progress, PrinterStatus status)
    {
        progress.StatusDescription = $"{status.State} '{status.FileName}'" + (status.TotalLayers is null ? "" : $", layer {status.CurrentLayer}/{status.TotalLayers}");
        progress.PercentComplete = Math.Max(0, Math.Min(100, (int)(status.Progress ?? 0)));
        progress.SecondsRemaining = status.Remaining is { } left ? (int)left.TotalSeconds : -1;
        return progress;
    }
}
