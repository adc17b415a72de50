namespace PrinterTools.Simulator;

/// <summary>What the virtual printer is doing; drives M119, M27, /detail and the discovery status.</summary>
public enum VirtualJobState
{
    Idle,
    Printing,
    Paused,
    Completed,
}
