namespace PrinterTools.Simulator.Creality;

/// <summary>A passing phase a command starts, shown on the wire for PhaseTime (creality.md §4).</summary>
internal enum CrealityPhase
{
    Steady,

    /// <summary>After a start: <c>state</c> 9, with the <c>withSelfTest</c> ramp when the start asked for a self-test.</summary>
    Preparing,

    /// <summary>After a stop: <c>state</c> 7, then 4.</summary>
    Stopping,
}
