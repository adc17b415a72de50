using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.FlashForge;

/// <summary>
/// One TCP 8899 console connection. One command is in flight at a time (the printer misbehaves
/// otherwise); a reply ends at its "ok" line; every wait is bounded in time and every reply in size.
/// A wait that is given up (timeout, Ctrl+C) leaves the socket open, so M602 can still be sent.
/// </summary>
public sealed class FlashForgeTcpClient : IDisposable
{
    public const int DefaultPort = 8899;

    /// <summary>Largest text reply accepted; real replies are a few hundred bytes.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly byte[] _chunk = new byte[4096];
    // Bytes received but not yet consumed by a reply: the tail of one read can start the next reply.
    private readonly MemoryStream _received = new();
    // A read that outlived the wait for it; the next reader takes it over instead of starting another.
    private Task<int>? _pendingRead;
    // Set when an exchange was abandoned mid-way; cleared by the next reply that answers its command.
    private bool _outOfStep;

    private FlashForgeTcpClient(string address, TcpClient tcp)
    {
        Address = address;
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public string Address { get; }

    public static Task<FlashForgeTcpClient> ConnectAsync(string address, TimeSpan timeout, CancellationToken cancel, int port = DefaultPort) =>
        Deadline.RunAsync(address, "a TCP connection", timeout, cancel, async token =>
        {
            var tcp = new TcpClient { NoDelay = true };
            try
            {
                // Closing the socket is the one way to abandon a connect on every runtime.
                using (token.Register(() => tcp.Dispose()))
                {
                    await tcp.ConnectAsync(address, port).ConfigureAwait(false);
                }
                token.ThrowIfCancellationRequested();
                return new FlashForgeTcpClient(address, tcp);
            }
            catch (Exception e) when (e is SocketException or IOException && !token.IsCancellationRequested)
            {
                tcp.Dispose();
                throw new PrinterException(PrinterErrorKind.Unreachable, address,
                    $"Cannot connect to {address}:{port}: {(e is SocketException s ? s.SocketErrorCode.ToString() : e.Message)}.", e);
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        });

    /// <summary>
    /// The console of <paramref name="options"/>: the connection the vendor probe already opened
    /// (<see cref="FlashForgeConnectionOptions.Probed"/>, taken once), else a new one.
    /// </summary>
    public static Task<FlashForgeTcpClient> OpenAsync(FlashForgeConnectionOptions options, CancellationToken cancel)
    {
        if (options.Probed?.Take() is { } probed)
        {
            probed.NoDelay = true;
            return Task.FromResult(new FlashForgeTcpClient(options.Address, probed));
        }
        return ConnectAsync(options.Address, options.Timeout, cancel, options.TcpPort);
    }

    /// <summary>Sends one command ("~" and CRLF are added) and returns the data lines of its reply.</summary>
    public Task<IReadOnlyList<string>> SendAsync(string command, TimeSpan timeout, CancellationToken cancel) =>
        RunExclusiveAsync(FlashForgeTextParser.CommandCode(command), timeout, cancel, token => SendCommandAsync(command, token));

    /// <summary>
    /// Runs a multi-step exchange (a command and the binary data or packets that follow) with the
    /// console to itself, under one timeout, with failures mapped to printer errors.
    /// </summary>
    public Task<T> RunExclusiveAsync<T>(string what, TimeSpan timeout, CancellationToken cancel, Func<CancellationToken, Task<T>> work) =>
        Deadline.RunAsync(Address, what, timeout, cancel, async token =>
        {
            try
            {
                return await RunLockedAsync(work, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, Address, $"{Address}: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException && !token.IsCancellationRequested)
            {
                throw new PrinterException(PrinterErrorKind.Unreachable, Address, $"{Address} closed the connection during {what}.", e);
            }
        });

    private async Task<T> RunLockedAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken token)
    {
        await _oneAtATime.WaitAsync(token).ConfigureAwait(false);
        try
        {
            return await work(token).ConfigureAwait(false);
        }
        catch
        {
            // Whatever was abandoned (a timeout, Ctrl+C, a reply out of place) may still send its
            // reply: the next command skips it.
            _outOfStep = true;
            throw;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Writes a command line and reads its reply. After an abandoned exchange, replies (or bytes)
    /// that belong to it are skipped until the one that echoes this command. Call inside
    /// <see cref="RunExclusiveAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> SendCommandAsync(string command, CancellationToken token)
    {
        await WriteCommandAsync(command, token).ConfigureAwait(false);
        while (true)
        {
            var reply = await ReadReplyAsync(skipToReply: _outOfStep, token).ConfigureAwait(false);
            try
            {
                var lines = FlashForgeTextParser.GetDataLines(reply, command);
                _outOfStep = false;
                return lines;
            }
            catch (FormatException) when (_outOfStep)
            {
                // A whole late reply to the abandoned command; what came after it is kept.
            }
        }
    }

    private Task WriteCommandAsync(string command, CancellationToken token)
    {
        // One line is one command: a CR or LF inside would smuggle in a second one.
        if (command.IndexOfAny(new[] { '\r', '\n' }) >= 0)
        {
            throw new ArgumentException("A command must be a single line.", nameof(command));
        }
        var line = Encoding.UTF8.GetBytes("~" + command.Trim().TrimStart('~') + "\r\n");
        return _stream.WriteAsync(line, 0, line.Length, token);
    }

    /// <summary>
    /// Uses only the Task-based socket calls, as on .NET Framework, so that tests on .NET Core
    /// cover that path too.
    /// </summary>
    internal bool TaskBasedIo { get; set; }

    /// <summary>
    /// Writes raw bytes (upload packets) without a Task per call where the runtime allows.
    /// Call inside <see cref="RunExclusiveAsync"/>.
    /// </summary>
    internal ValueTask WritePacketAsync(byte[] data, CancellationToken token) =>
        TaskBasedIo
            ? new ValueTask(_stream.WriteAsync(data, 0, data.Length, token))
            : StreamIo.WriteAsync(_stream, data, 0, data.Length, token);

    /// <summary>
    /// One socket read for a caller that parses the buffered bytes itself (upload acks, see
    /// <see cref="TryPeekLine"/>); hand its result to <see cref="Keep"/>. Call inside
    /// <see cref="RunExclusiveAsync"/>.
    /// </summary>
    internal ValueTask<int> ReceiveAsync(CancellationToken token)
    {
        // .NET Core's ValueTask read costs no allocation, and cancelling it cancels the receive
        // itself without closing the socket or losing data, so no read outlives the wait. A read
        // left over from an abandoned wait, or a runtime without that read, takes the Task path
        // with its handover.
        if (_pendingRead is null && !TaskBasedIo && StreamIo.ReadMemory is { } read)
        {
            return read(_stream, new Memory<byte>(_chunk), token);
        }
        return new ValueTask<int>(ReadChunkAsync(token));
    }

    /// <summary>Buffers what <see cref="ReceiveAsync"/> read; 0 is a closed connection.</summary>
    internal void Keep(int read)
    {
        if (read == 0)
        {
            throw new IOException("connection closed");
        }
        _received.Write(_chunk, 0, read);
    }

    /// <summary>
    /// The first buffered line without its LF, in place (valid until the next read or
    /// <see cref="ConsumeLine"/>), or false when no whole line has arrived yet.
    /// </summary>
    internal bool TryPeekLine(out ArraySegment<byte> line)
    {
        var bytes = _received.GetBuffer();
        var end = Array.IndexOf(bytes, (byte)'\n', 0, (int)_received.Length);
        if (end >= 0)
        {
            line = new ArraySegment<byte>(bytes, 0, end);
            return true;
        }
        if (_received.Length > MaxReplyBytes)
        {
            throw new FormatException($"A line is longer than {MaxReplyBytes} bytes.");
        }
        line = default;
        return false;
    }

    /// <summary>Drops a line returned by <see cref="TryPeekLine"/>, and its LF.</summary>
    internal void ConsumeLine(ArraySegment<byte> line) => Consume(line.Count + 1);

    /// <summary>Reads exactly <paramref name="count"/> bytes (binary bodies). Call inside <see cref="RunExclusiveAsync"/>.</summary>
    public async Task<byte[]> ReadExactAsync(int count, CancellationToken token)
    {
        while (_received.Length < count)
        {
            var read = await ReadChunkAsync(token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new FormatException($"The binary reply was cut off after {_received.Length} of {count} bytes.");
            }
            _received.Write(_chunk, 0, read);
        }
        var result = new byte[count];
        Buffer.BlockCopy(_received.GetBuffer(), 0, result, 0, count);
        Consume(count);
        return result;
    }

    /// <summary>
    /// Reads until a line that is just "ok" (CRLF or LF), which ends every text reply. With
    /// <paramref name="skipToReply"/> (after an abandoned exchange), bytes before the next "CMD "
    /// are the rest of an abandoned binary body and are dropped first, so that a reply arriving
    /// in the same segment as them is read on its own.
    /// </summary>
    private async Task<string> ReadReplyAsync(bool skipToReply, CancellationToken token)
    {
        var startChecked = false;
        while (true)
        {
            var bytes = _received.GetBuffer();
            var length = (int)_received.Length;
            if (!startChecked && length >= 4 && !StartsLikeAReply(bytes, length))
            {
                if (!skipToReply)
                {
                    // Fail at once on a stream that does not even start like a reply ("CMD ...").
                    throw new FormatException($"Expected a 'CMD ... Received.' reply but the printer sent '{FlashForgeTextParser.Printable(Encoding.UTF8.GetString(bytes, 0, Math.Min(length, 40)))}'.");
                }
                SkipToNextReply();
                continue;
            }
            startChecked |= length >= 4;
            var lineStart = 0;
            for (var i = 0; i < length; i++)
            {
                if (bytes[i] != (byte)'\n')
                {
                    continue;
                }
                var line = Encoding.UTF8.GetString(bytes, lineStart, i - lineStart).Trim();
                lineStart = i + 1;
                if (string.Equals(line, "ok", StringComparison.OrdinalIgnoreCase))
                {
                    var reply = Encoding.UTF8.GetString(bytes, 0, lineStart);
                    Consume(lineStart);
                    return reply;
                }
            }
            if (length > MaxReplyBytes)
            {
                throw new FormatException($"The reply is larger than {MaxReplyBytes} bytes without ending in 'ok'.");
            }
            var read = await ReadChunkAsync(token).ConfigureAwait(false);
            if (read == 0)
            {
                // Half a reply is a broken reply; no reply at all is a dropped connection.
                throw length > 0
                    ? new FormatException($"The reply was cut off after {length} bytes, before 'ok'.")
                    : new IOException("connection closed");
            }
            _received.Write(_chunk, 0, read);
        }
    }

    private static bool StartsLikeAReply(byte[] bytes, int length)
    {
        var i = 0;
        while (i < length && (bytes[i] == '\r' || bytes[i] == '\n' || bytes[i] == ' '))
        {
            i++;
        }
        return length - i < 4 || (bytes[i] == 'C' && bytes[i + 1] == 'M' && bytes[i + 2] == 'D' && bytes[i + 3] == ' ');
    }

    /// <summary>One socket read; giving up the wait leaves the read running for the next reader.</summary>
    private async Task<int> ReadChunkAsync(CancellationToken token)
    {
        _pendingRead ??= _stream.ReadAsync(_chunk, 0, _chunk.Length);
        var giveUp = Task.Delay(System.Threading.Timeout.Infinite, token);
        if (await Task.WhenAny(_pendingRead, giveUp).ConfigureAwait(false) == giveUp)
        {
            token.ThrowIfCancellationRequested();
        }
        var read = _pendingRead;
        _pendingRead = null;
        return await read.ConfigureAwait(false);
    }

    /// <summary>
    /// Drops bytes up to the next "CMD " that may start a reply. A "CMD " cut off at the end of
    /// what has arrived is kept: dropping its first bytes would lose the reply that follows
    /// (the M602 answer after an abandoned binary body, say).
    /// </summary>
    private void SkipToNextReply()
    {
        var bytes = _received.GetBuffer();
        var length = (int)_received.Length;
        for (var i = 1; i < length; i++)
        {
            if (MayStartEcho(bytes, i, length))
            {
                Consume(i);
                return;
            }
        }
        _received.SetLength(0);
    }

    private static bool MayStartEcho(byte[] bytes, int start, int length)
    {
        const string echo = "CMD ";
        for (var k = 0; k < echo.Length; k++)
        {
            if (start + k >= length)
            {
                return true;
            }
            if (bytes[start + k] != echo[k])
            {
                return false;
            }
        }
        return true;
    }

    private void Consume(int count)
    {
        var rest = (int)_received.Length - count;
        var bytes = _received.GetBuffer();
        Buffer.BlockCopy(bytes, count, bytes, 0, rest);
        _received.SetLength(rest);
    }

    public void Dispose()
    {
        _tcp.Dispose();
        _pendingRead?.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        _oneAtATime.Dispose();
        _received.Dispose();
    }
}
