using System;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Tcp;

/// <summary>
/// One TCP 8899 connection: reads request lines, answers them one at a time, plays the faults. Between M28 and
/// M29 it also reads the 4112-byte upload packets (notes §2.5) and acknowledges each.
/// </summary>
internal sealed class CommandSession
{
    // A client that never sends a newline must not make us buffer without end.
    private const int MaxLineBytes = 1024 * 1024;

    // Oversized fault: enough to defeat any sane line limit, bounded so a test run cannot stream forever.
    private const long OversizedLimit = 16L * 1024 * 1024;

    private readonly Socket _socket;
    private readonly FlashForgePrinterOptions _options;
    private readonly CommandHandler _handler;
    private readonly ControlLock _control;
    private readonly PrinterCounters _counters;
    private readonly LineBuffer _pending = new();
    private readonly byte[] _received = new byte[16384];
    private readonly int _id;
    private bool _oversizedSent;

    // From taking a command line until its reply goes out; stays set when a reply never goes (the Silent fault).
    private bool _awaitingReply;

    // Set by a refused M28 until the next accepted one: data arriving meanwhile is counted (the client must send none).
    private bool _uploadRefused;

    public CommandSession(Socket socket, FlashForgePrinterOptions options, CommandHandler handler, ControlLock control, PrinterCounters counters)
    {
        _socket = socket;
        _options = options;
        _handler = handler;
        _control = control;
        _counters = counters;
        _id = counters.NextConnectionId();
    }

    /// <summary>The file being received on this connection, from M28 until M29.</summary>
    public TcpUpload? Upload { get; private set; }

    /// <summary>An accepted M28: packets follow. An upload still open on this connection is dropped.</summary>
    public void BeginUpload(TcpUpload upload)
    {
        AbandonUpload();
        Upload = upload;
        _uploadRefused = false;
    }

    /// <summary>M29: the upload, or null when none was open.</summary>
    public TcpUpload? EndUpload()
    {
        TcpUpload? upload = Upload;
        Upload = null;
        return upload;
    }

    /// <summary>A refused M28: an upload still open is dropped, and data sent anyway is counted from now on.</summary>
    public void RefuseUpload()
    {
        AbandonUpload();
        _uploadRefused = true;
    }

    /// <summary>Discards an unfinished upload (counted as rejected).</summary>
    public void AbandonUpload()
    {
        if (Upload is not null)
        {
            Upload = null;
            _counters.UploadRejected();
        }
    }

    /// <param name="handshake">The latency at the accept: the TCP handshake costs a round trip on a LAN and nothing on loopback, so nothing is read before it passed.</param>
    public async Task RunAsync(TimeSpan handshake, CancellationToken ct)
    {
        try
        {
            await Delay.LatencyAsync(handshake, ct).ConfigureAwait(false);
            await ReadLoopAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed, or the client went away.
        }
        finally
        {
            // A connection closed mid-upload leaves no partial file behind.
            AbandonUpload();
            // The brief's rule: control is released when its connection closes, so a crashed client frees the printer.
            _control.Release(this);
            _socket.Dispose();
            _counters.ConnectionClosed();
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (true)
        {
            int read = await _socket.ReceiveAsync(_received.AsMemory(), SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            _pending.Append(_received.AsSpan(0, read));
            if (!await DrainPendingAsync(ct).ConfigureAwait(false) || _pending.Length > MaxLineBytes)
            {
                return;
            }
        }
    }

    /// <summary>Answers every whole line or packet buffered; false closes the connection.</summary>
    private async Task<bool> DrainPendingAsync(CancellationToken ct)
    {
        while (true)
        {
            if (Upload is not null)
            {
                // Orca ends lines "\r\n\n" (§2.1): a stray line end may sit between M28 and the first packet.
                _pending.SkipLineEnds();
                if (_pending.Length == 0)
                {
                    return true;
                }

                // During an upload a command still starts with "~" (M29, keep-alives); anything else is a packet.
                if (_pending.Data[0] != (byte)'~')
                {
                    bool badMagic = _pending.Length >= 4 && !UploadFrame.StartsWithMagic(_pending.Data);
                    if (!badMagic && _pending.Length < UploadFrame.PacketLength)
                    {
                        return true; // wait for the rest of the packet
                    }

                    if (!await PacketAsync(ct).ConfigureAwait(false))
                    {
                        return false;
                    }

                    continue;
                }
            }

            if (_uploadRefused && Upload is null && DropStrayUploadData())
            {
                continue;
            }

            if (!_pending.TryTakeLine(out string? line, out bool arrivedBeforeReply))
            {
                return true;
            }

            CommandLine command = CommandLine.Parse(line);
            if (command.Text.Length == 0)
            {
                continue;
            }

            // Counted before the command is logged, so whoever sees the command also sees the count.
            if (arrivedBeforeReply || _awaitingReply)
            {
                _counters.CommandSentBeforeReply();
            }

            _awaitingReply = true;
            _counters.CommandReceived(_id, command.Code, command.Text, CommandKinds.ChangesState(command.Code), _control.IsHeldBy(this));
            if (_options.Fault == FlashForgeFault.DropAfterCommand && CommandKinds.ChangesState(command.Code) && _control.IsHeldBy(this))
            {
                _ = _handler.Handle(command, this); // carried out, never answered: the connection just ends
                return false;
            }

            if (!await AnswerAsync(() => _handler.Handle(command, this), ct, answersCommand: true).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// After a refused M28, whatever does not start a "~" command is upload data (a packet, or raw file bytes as
    /// Orca sends them, §2.5): counted and dropped up to the next "~", where a command (M29, most likely) may
    /// start. Data holding a "~" of its own is undercounted, never missed. True when something was dropped.
    /// </summary>
    private bool DropStrayUploadData()
    {
        _pending.SkipLineEnds();
        if (_pending.Length == 0 || _pending.Data[0] == (byte)'~')
        {
            return false;
        }

        int tilde = _pending.Data.IndexOf((byte)'~');
        int stray = tilde < 0 ? _pending.Length : tilde;
        _counters.BytesAfterRefusedUpload(stray);
        _pending.Consume(stray);
        return true;
    }

    /// <summary>
    /// Takes one packet (or the bytes of a bad header), acknowledges it with <c>N0000 ok.</c>, or answers a bad
    /// packet with an error line and closes: after a bad packet the stream's framing cannot be trusted, and what
    /// the real printer does then is not captured. False closes the connection.
    /// </summary>
    private async Task<bool> PacketAsync(CancellationToken ct)
    {
        TcpUpload upload = Upload!;
        int index = upload.PacketsReceived;
        long before = upload.Received;
        string? problem;
        if (_pending.Length < UploadFrame.PacketLength)
        {
            problem = "bad packet header";
        }
        else
        {
            problem = upload.Accept(_pending.Data[..UploadFrame.PacketLength]);
            _pending.Consume(UploadFrame.PacketLength);
        }

        if (problem is not null)
        {
            AbandonUpload();
            if (await AnswerAsync(() => Encoding.ASCII.GetBytes(ReplyFormats.PacketError(index, problem)), ct).ConfigureAwait(false))
            {
                await CloseGracefullyAsync(ct).ConfigureAwait(false);
            }

            return false;
        }

        _counters.UploadBytesReceived(upload.Received - before);
        if (_options.Fault == FlashForgeFault.DropMidUpload && upload.PacketsReceived >= Math.Max(1, upload.PacketsExpected / 2))
        {
            // The fault: about half of the packets arrived, then the printer drops the connection, unacknowledged.
            return false;
        }

        return await AnswerAsync(() => Encoding.ASCII.GetBytes(ReplyFormats.PacketAck(index)), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the reply (or the fault's stand-in); false closes the connection. <paramref name="answersCommand"/>: it
    /// answers a command line (not an upload packet), so what the client sent meanwhile came before its reply.
    /// </summary>
    private async Task<bool> AnswerAsync(Func<byte[]> reply, CancellationToken ct, bool answersCommand = false)
    {
        PrinterSnapshot printer = _options.Snapshot();
        if (printer.Fault == FlashForgeFault.Silent)
        {
            return true;
        }

        // Counted from arrival until the reply starts to go out: the client cannot have the reply,
        // and so cannot send its next command anywhere, before this count went down.
        _counters.CommandAnswerStarted();
        try
        {
            await Delay.LatencyAsync(printer.Latency, ct).ConfigureAwait(false);
        }
        finally
        {
            _counters.CommandAnswerEnded();
        }

        if (answersCommand)
        {
            TakeWhatArrivedBeforeReply();
        }

        switch (printer.Fault)
        {
            case FlashForgeFault.Garbage:
                await SendAsync(GarbageBytes.Create(), ct).ConfigureAwait(false);
                return true;
            case FlashForgeFault.Oversized:
                if (!_oversizedSent)
                {
                    _oversizedSent = true;
                    await StreamEndlessLineAsync(ct).ConfigureAwait(false);
                }

                return true;
            case FlashForgeFault.SlowDrip:
                _socket.NoDelay = true; // one byte per segment: Nagle would gather them
                await Drip.SendAsync(reply(), printer.SlowDripByteDelay, SendAsync, ct).ConfigureAwait(false);
                return true;
            case FlashForgeFault.Truncated:
                byte[] whole = reply();
                await SendAsync(whole.AsMemory(0, Math.Max(1, whole.Length / 2)), ct).ConfigureAwait(false);
                // FIN after the half reply, so the client sees the data and then the end of the stream.
                _socket.Shutdown(SocketShutdown.Send);
                return false;
            default:
                // One write per reply: each reply arrived as one TCP segment in the Finder capture (§2.1).
                await SendAsync(reply(), ct).ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>
    /// Just before a command's reply goes out: whatever the client sent since (read now, without waiting) it sent
    /// before it could have the reply, so a command starting there was sent with this one in flight.
    /// </summary>
    private void TakeWhatArrivedBeforeReply()
    {
        if (_socket.Available > 0)
        {
            int read = _socket.Receive(_received, SocketFlags.None);
            _pending.Append(_received.AsSpan(0, read));
        }

        _pending.MarkArrivedBeforeReply();
        _awaitingReply = false;
    }

    /// <summary>
    /// FIN after the last reply, then reads and drops what the client still sends for a moment: closing with
    /// unread data would send RST, which can destroy the error line before the client reads it.
    /// </summary>
    private async Task CloseGracefullyAsync(CancellationToken ct)
    {
        _socket.Shutdown(SocketShutdown.Send);
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linger.CancelAfter(TimeSpan.FromSeconds(2));
        var sink = new byte[UploadFrame.PacketLength];
        try
        {
            while (await _socket.ReceiveAsync(sink.AsMemory(), SocketFlags.None, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The client kept the connection open: close it anyway.
        }
    }

    private async Task StreamEndlessLineAsync(CancellationToken ct)
    {
        byte[] chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'X');
        for (long sent = 0; sent < OversizedLimit; sent += chunk.Length)
        {
            // Blocks while the client does not read; ends when it disconnects or the printer is disposed.
            await SendAsync(chunk, ct).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await _socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }
}
