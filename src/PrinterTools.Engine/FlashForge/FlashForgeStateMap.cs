using System;

namespace PrinterTools.FlashForge;

/// <summary>FlashForge's state words in PrinterState terms.</summary>
public static class FlashForgeStateMap
{
    /// <summary>M119 "MachineStatus" (READY, BUILDING_FROM_SD, BUILDING_COMPLETED, PAUSED, BUSY).</summary>
    public static PrinterState FromMachineStatus(string? machineStatus, string? moveMode)
    {
        switch (machineStatus?.Trim().ToUpperInvariant())
        {
            case "READY": return PrinterState.Idle;
            case "BUILDING_FROM_SD":
                // MoveMode PAUSED while still building: the pause was asked for and is being carried out.
                return string.Equals(moveMode, "PAUSED", StringComparison.OrdinalIgnoreCase) ? PrinterState.Pausing : PrinterState.Printing;
            case "BUILDING_COMPLETED": return PrinterState.Completed;
            case "PAUSED": return PrinterState.Paused;
            case "BUSY": return PrinterState.Busy;
            case null: return PrinterState.Unknown;
            default: return PrinterState.Unknown;
        }
    }

    /// <summary>HTTP /detail "status" (official list plus the words clients have seen).</summary>
    public static PrinterState FromHttpStatus(string? status)
    {
        switch (status?.Trim().ToLowerInvariant())
        {
            case "ready": return PrinterState.Idle;
            case "printing": return PrinterState.Printing;
            case "pausing": return PrinterState.Pausing;
            case "pause":
            case "paused": return PrinterState.Paused;
            case "canceling": return PrinterState.Stopping;
            case "cancel": return PrinterState.Stopped;
            case "completed": return PrinterState.Completed;
            case "error": return PrinterState.Error;
            case "busy":
            case "calibrate_doing":
            case "heating":
            case "downloading": return PrinterState.Busy;
            default: return PrinterState.Unknown;
        }
    }
}
