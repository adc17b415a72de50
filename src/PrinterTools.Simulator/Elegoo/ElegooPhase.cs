namespace PrinterTools.Simulator.Elegoo;

/// <summary>The passing phase a command (or a job's end) started; Steady when the state was set directly.</summary>
internal enum ElegooPhase
{
    Steady,
    Starting,
    Pausing,
    Resuming,
    Stopping,
    Completing,
}
