namespace PrinterTools.Simulator;

/// <summary>
/// What a virtual Elegoo printer is doing. The wire codes (CurrentStatus, PrintInfo.Status, notes §7.3/§7.4) are
/// derived from this and the passing phases a command starts (preheating, pausing, stopping …).
/// </summary>
public enum ElegooJobState
{
    Idle,
    Printing,
    Paused,
    Completed,

    /// <summary>Stopped by Cmd 130: CC PrintInfo.Status 8 with the file name cleared (cc-v1.1.29-status-idle-after-stop).</summary>
    Stopped,
}
