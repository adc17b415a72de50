namespace PrinterTools.Simulator;

/// <summary>What the virtual printer is doing; drives M119, M27, /detail and the discovery status.</summary>
public enum VirtualJobState
{
    Idle,
    Printing,
    Paused,
    Completed,

    /// <summary>
    /// The job was cancelled (M26, HTTP <c>jobCtl_cmd</c> cancel, or the printer's screen) and the dialog is not
    /// cleared yet: /detail says <c>cancel</c> (§3.3); M119 shows READY (our assumption, see ReplyFormats.Status).
    /// </summary>
    Cancelled,
}
