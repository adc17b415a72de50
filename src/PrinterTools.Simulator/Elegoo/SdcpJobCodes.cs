using System;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The wire view of a job: machine status (CurrentStatus, §7.3), print status (PrintInfo.Status, §7.4) and which
/// file, task and layers go with them. Derived from the state and the passing phase a command started.
/// </summary>
/// <param name="Machine">CurrentStatus' one element.</param>
/// <param name="Print">PrintInfo.Status.</param>
/// <param name="Progress">0.0-1.0, what ticks and the CC's Progress are computed from.</param>
/// <param name="TicksKnown">False while the resin has not estimated the job yet (TotalTicks 0).</param>
internal sealed record SdcpJobCodes(int Machine, int Print, string Filename, string TaskId, int CurrentLayer, int TotalLayers, double Progress, bool TicksKnown)
{
    /// <summary>How long the resin shows "complete" (9) before falling back to 0 with the file kept (§7.4, Mars 5 Ultra).</summary>
    public static readonly TimeSpan ResinCompletionScreen = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The codes now. <paramref name="checkingUpload"/>: a finished upload is being verified, which shows as
    /// CurrentStatus [8] on the CC (the web UI's "file transfer just finished", §6.1) and [2] on resin (§6.1),
    /// unless a job keeps the printer at [1].
    /// </summary>
    public static SdcpJobCodes For(ElegooSnapshot p, bool checkingUpload)
    {
        SdcpJobCodes codes = p.IsCarbon ? Carbon(p) : Resin(p);
        return checkingUpload && codes.Machine == 0 ? codes with { Machine = p.IsCarbon ? 8 : 2 } : codes;
    }

    /// <summary>What a change-driven push compares: codes, layer, whole percent, file and task, never ticks or temperatures.</summary>
    public string ChangeKey => $"{Machine}|{Print}|{CurrentLayer}/{TotalLayers}|{Math.Floor(Progress * 100 + 1e-9)}|{Filename}|{TaskId}";

    // elegoo-link's sdcp_print_status_t (§7.4): 16 preheating, 20 preheat done, 13 printing, 5/6 pausing/paused,
    // 12 resuming, 7/8 stopping/stopped, 9 complete. Idle-after-stop as in cc-v1.1.29-status-idle-after-stop.json.
    private static SdcpJobCodes Carbon(ElegooSnapshot p)
    {
        string file = p.CurrentFile ?? string.Empty, task = p.TaskId ?? string.Empty;
        SdcpJobCodes job = new(1, 13, file, task, p.CurrentLayer, p.TotalLayers, p.Progress, true);
        return p.State switch
        {
            ElegooJobState.Printing when p.Phase == ElegooPhase.Starting && !p.PhasePast(1) => job with { Print = 16 },
            ElegooJobState.Printing when p.Phase == ElegooPhase.Starting && !p.PhasePast(2) => job with { Print = 20 },
            ElegooJobState.Printing when p.Phase == ElegooPhase.Resuming && !p.PhasePast(1) => job with { Print = 12 },
            ElegooJobState.Printing => job,
            ElegooJobState.Paused => job with { Print = p.Phase == ElegooPhase.Pausing && !p.PhasePast(1) ? 5 : 6 },
            ElegooJobState.Stopped when p.Phase == ElegooPhase.Stopping && !p.PhasePast(1) => job with { Print = 7 },
            ElegooJobState.Stopped => new(0, 8, string.Empty, string.Empty, 0, p.TotalLayers, 0, true),
            ElegooJobState.Completed => new(0, 9, file, task, p.TotalLayers, p.TotalLayers, 1, true),
            _ => new(0, 0, string.Empty, string.Empty, 0, p.TotalLayers, 0, false),
        };
    }

    // Spec resin table (§7.4) in the order the Mars 5 Ultra showed: start 0 (no task, no layers) → 1 → per layer
    // 2 dropping, 3 exposing, 4 lifting → 7 after the last layer (still [1]) → 9 with [0] → later 0, file kept.
    private static SdcpJobCodes Resin(ElegooSnapshot p)
    {
        string file = p.CurrentFile ?? string.Empty, task = p.TaskId ?? string.Empty;
        SdcpJobCodes job = new(1, LayerPhase(p), file, task, p.CurrentLayer, p.TotalLayers, p.Progress, true);
        return p.State switch
        {
            ElegooJobState.Printing when p.Phase == ElegooPhase.Starting && !p.PhasePast(1) => job with { Print = 0, TaskId = string.Empty, TotalLayers = 0, TicksKnown = false },
            ElegooJobState.Printing when p.Phase == ElegooPhase.Starting && !p.PhasePast(2) => job with { Print = 1, TicksKnown = false },
            ElegooJobState.Printing => job,
            ElegooJobState.Paused => job with { Print = p.Phase == ElegooPhase.Pausing && !p.PhasePast(1) ? 5 : 6 },
            ElegooJobState.Stopped when p.Phase == ElegooPhase.Stopping && !p.PhasePast(1) => job with { Print = 7 },
            ElegooJobState.Stopped => job with { Machine = 0, Print = 8, TaskId = string.Empty },
            ElegooJobState.Completed when p.Phase == ElegooPhase.Completing && !p.PhasePast(1) => job with { Print = 7, CurrentLayer = p.TotalLayers },
            ElegooJobState.Completed when p.Phase == ElegooPhase.Completing && p.PhaseElapsed >= p.PhaseTime + ResinCompletionScreen =>
                job with { Machine = 0, Print = 0, TaskId = string.Empty, CurrentLayer = p.TotalLayers },
            ElegooJobState.Completed => job with { Machine = 0, Print = 9, CurrentLayer = p.TotalLayers },
            _ => new(0, 0, file, string.Empty, 0, p.TotalLayers, 0, false),
        };
    }

    /// <summary>Each layer's time in thirds: 2 dropping, 3 exposing, 4 lifting.</summary>
    private static int LayerPhase(ElegooSnapshot p)
    {
        double exact = p.Progress * p.TotalLayers;
        double within = exact - Math.Floor(exact);
        return within < 1.0 / 3 ? 2 : within < 2.0 / 3 ? 3 : 4;
    }
}
