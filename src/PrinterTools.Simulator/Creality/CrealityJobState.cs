namespace PrinterTools.Simulator;

/// <summary>
/// What a virtual Creality printer is doing. The wire <c>state</c>/<c>deviceState</c> (creality.md §4) come from
/// this and the passing phases a command starts (9 preparing after a start, 7 stopping after a stop).
/// </summary>
public enum CrealityJobState
{
    /// <summary><c>state</c> 0, <c>deviceState</c> 0, no job.</summary>
    Idle,

    /// <summary><c>state</c> 1 (9 while preparing), <c>deviceState</c> 1.</summary>
    Printing,

    /// <summary><c>state</c> 5.</summary>
    Paused,

    /// <summary>Idle with the last job latched: <c>state</c> 2, progress 100 and <c>printFileName</c> kept (§4).</summary>
    Completed,

    /// <summary>Idle with the last job latched: <c>state</c> 4 (7 while stopping), values kept (§4).</summary>
    Stopped,
}
