namespace PrinterTools.Simulator;

/// <summary>One key of a request a virtual Creality printer received, for tests that check what a client sent.</summary>
/// <param name="Sequence">Arrival order across all WebSockets of the printer, from 1 (restarts at ResetCounters).</param>
/// <param name="Connection">Which WebSocket sent it: the printer numbers them from 1.</param>
/// <param name="Method"><c>get</c>, <c>set</c> or whatever <c>method</c> said; "" for a heartbeat (no method).</param>
/// <param name="Key">One key of <c>params</c> (a request with several keys is logged once per key, in order), or <c>ModeCode</c> for a heartbeat.</param>
/// <param name="Json">The whole message as the client sent it.</param>
public sealed record CrealityReceivedRequest(long Sequence, int Connection, string Method, string Key, string Json);
