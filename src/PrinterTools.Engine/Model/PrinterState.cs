namespace PrinterTools;

/// <summary>What a printer is doing now, in the same words for every vendor.</summary>
public enum PrinterState
{
    Unknown,
    Idle,
    Printing,
    Pausing,
    Paused,
    Resuming,
    Stopping,
    Stopped,
    Completed,
    Busy,
    Error,
}
