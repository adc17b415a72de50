namespace PrinterTools.Simulator;

/// <summary>One SDCP request as a virtual Elegoo printer received it, for tests that check what a client sent.</summary>
/// <param name="Sequence">Arrival order across all WebSockets of the printer, from 1 (restarts at ResetCounters).</param>
/// <param name="Connection">Which WebSocket sent it: the printer numbers them from 1.</param>
/// <param name="Cmd">The request's <c>Data.Cmd</c>.</param>
/// <param name="Data">The request's inner <c>Data.Data</c> as raw JSON text (<c>null</c> when absent).</param>
/// <param name="RequestId">The request's <c>Data.RequestID</c> as the printer echoes it ("" when absent).</param>
public sealed record SdcpReceivedCommand(long Sequence, int Connection, int Cmd, string Data, string RequestId);
