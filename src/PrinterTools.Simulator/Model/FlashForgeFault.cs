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

    /// <summary>
    /// Close the connection once about half of an upload has arrived: after half of the TCP packets
    /// (notes §2.5) or half of the HTTP <c>/uploadGcode</c> body (§3.2). The partial file is discarded.
    /// </summary>
    DropMidUpload,

    /// <summary>
    /// Answer <c>M662</c> with a length field of 0x7FFFFFF0 followed by only a few image bytes (notes §2.4);
    /// the connection stays open.
    /// </summary>
    BadThumbnailLength,
}
