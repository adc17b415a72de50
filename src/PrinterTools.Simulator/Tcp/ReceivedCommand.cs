namespace PrinterTools.Simulator;

/// <summary>One TCP 8899 command line as the printer received it, for tests that check what a client sent and when.</summary>
/// <param name="Sequence">Arrival order across all connections of the printer, from 1 (restarts at ResetCounters).</param>
/// <param name="Connection">Which connection sent it: the printer numbers its connections from 1.</param>
/// <param name="Code">The command code, upper case: <c>M601</c>, <c>G28</c>.</param>
/// <param name="Text">The whole line without <c>~</c> and line end: <c>M601 S1</c>.</param>
/// <param name="ChangesState">A command that needs control: job, upload, heating, light, motion (see CommandKinds).</param>
/// <param name="HadControl">Whether that connection held control (M601) when the line arrived.</param>
public sealed record ReceivedCommand(long Sequence, int Connection, string Code, string Text, bool ChangesState, bool HadControl)
{
    /// <summary>A state-changing command from a connection without control: answered with an error, changed nothing.</summary>
    public bool RefusedWithoutControl => ChangesState && !HadControl;
}
