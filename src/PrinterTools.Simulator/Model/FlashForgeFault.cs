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

    /// <summary>
    /// Refuse every <c>M28</c> with <c>Error: cannot open file</c> + <c>ok</c> (words ours: no capture shows a
    /// refusal, §2.5). Data bytes that still arrive are counted in
    /// <see cref="VirtualFlashForgePrinter.BytesReceivedAfterRefusedUpload"/>: a client must send none.
    /// </summary>
    RefuseUpload,

    /// <summary>
    /// A started job never moves: it stays at its progress, layer and elapsed time and never completes, even with
    /// <see cref="FlashForgePrinterOptions.JobDuration"/> set (the firmware's <c>estimatedTime</c> freezes
    /// likewise when a print is not advancing, §3.3).
    /// </summary>
    StalledJob,

    /// <summary>
    /// A hostile printer that repeats a secret: every HTTP request that carries a check code (JSON body or
    /// <c>/uploadGcode</c> header) is answered <c>{"code":1,"message":"check code &lt;the code sent&gt; is wrong"}</c>,
    /// right or wrong code alike, and changes nothing. A client must not log or show that message verbatim.
    /// </summary>
    EchoCheckCode,

    /// <summary>
    /// The camera (port 8080) serves, for every frame and snapshot, bytes that start with <c>FF D8</c> and end with
    /// <c>FF D9</c> but are random noise between: no <c>FF</c> byte inside, so no segment, no SOF, no SOS.
    /// </summary>
    NoisySnapshot,

    /// <summary>
    /// Every TCP reply and HTTP body is sent one byte at a time, <see cref="FlashForgePrinterOptions.SlowDripByteDelay"/>
    /// apart (default 50 ms): a reply outlasts a short timeout but never stops trickling.
    /// </summary>
    SlowDrip,

    /// <summary>
    /// A command that changes the printer (a job command, a temperature, the light, G-code), sent under control, is
    /// carried out and then the connection is closed before its reply: a printer that drops the connection after the command.
    /// </summary>
    DropAfterCommand,
}
