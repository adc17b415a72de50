namespace PrinterTools.Simulator;

/// <summary>Misbehaviour a virtual printer can be told to show, to prove the client copes with it.</summary>
public enum FlashForgeFault
{
    /// <summary>Behave like a healthy printer.</summary>
    None,

    /// <summary>Accept and read, never answer (TCP and HTTP).</summary>
    Silent,

    /// <summary>Send half of each reply, then close the connection.</summary>
    Truncated,

    /// <summary>Answer with random non-protocol bytes and never an <c>ok</c>; the connection stays open.</summary>
    Garbage,

    /// <summary>Stream one endless line without a newline (capped at 16 MiB per connection).</summary>
    Oversized,

    /// <summary>Accept a TCP connection and reset it at once.</summary>
    ResetOnConnect,

    /// <summary>Refuse every <c>M601</c> with <c>Control failed.</c>.</summary>
    RefuseControl,

    /// <summary>Answer discovery with a datagram of the wrong size (100 bytes).</summary>
    WrongDiscoverySize,
}
