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
/// otherwise); a reply ends at its "ok" line; every read is bounded in time and size.
/// </summary>
public sealed class FlashForgeTcpClient : IDisposable
{
    public const int DefaultPort = 8899;

    /// <summary>Largest text reply accepted; real replies are a few hundred bytes.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly byte[] _buffer = new byte[4096];

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
            catch (Exception e) when (e is SocketException or IOException)
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

    /// <summary>Sends one command ("~" and CRLF are added) and returns the data lines of its reply.</summary>
    public Task<IReadOnlyList<string>> SendAsync(string command, TimeSpan timeout, CancellationToken cancel) =>
        Deadline.RunAsync(Address, FlashForgeTextParser.CommandCode(command), timeout, cancel, async token =>
        {
            await _oneAtATime.WaitAsync(token).ConfigureAwait(false);
            try
            {
                using (token.Register(() => _tcp.Dispose()))
                {
                    var line = Encoding.ASCII.GetBytes("~" + command.Trim().TrimStart('~') + "\r\n");
                    await _stream.WriteAsync(line, 0, line.Length, token).ConfigureAwait(false);
                    var reply = await ReadReplyAsync(token).ConfigureAwait(false);
                    return FlashForgeTextParser.GetDataLines(reply, command);
                }
            }
            catch (FormatException e)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, Address, $"{Address}: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException && !token.IsCancellationRequested)
            {
                throw new PrinterException(PrinterErrorKind.Unreachable, Address,
                    $"{Address} closed the connection during {FlashForgeTextParser.CommandCode(command)}.", e);
            }
            finally
            {
                _oneAtATime.Release();
            }
        });

    /// <summary>Reads until a line that is just "ok" (CRLF or LF), which ends every text reply.</summary>
    private async Task<string> ReadReplyAsync(CancellationToken token)
    {
        using var reply = new MemoryStream();
        var lineStart = 0;
        var firstLine = true;
        while (true)
        {
            var read = await _stream.ReadAsync(_buffer, 0, _buffer.Length, token).ConfigureAwait(false);
            if (read == 0)
            {
                // Half a reply is a broken reply; no reply at all is a dropped connection.
                throw reply.Length > 0
                    ? new FormatException($"The reply was cut off after {reply.Length} bytes, before 'ok'.")
                    : new IOException("connection closed");
            }
            reply.Write(_buffer, 0, read);
            if (reply.Length > MaxReplyBytes)
            {
                throw new FormatException($"The reply is larger than {MaxReplyBytes} bytes without ending in 'ok'.");
            }
            var bytes = reply.GetBuffer();
            for (var i = lineStart; i < reply.Length; i++)
            {
                if (bytes[i] != (byte)'\n')
                {
                    continue;
                }
                var line = Encoding.UTF8.GetString(bytes, lineStart, i - lineStart).Trim();
                lineStart = i + 1;
                // Fail at once on a stream that does not even start like a reply.
                if (firstLine && line.Length > 0 && !line.StartsWith("CMD ", StringComparison.Ordinal))
                {
                    throw new FormatException($"Expected a 'CMD ... Received.' line but the printer sent '{FlashForgeTextParser.Printable(line)}'.");
                }
                firstLine &= line.Length == 0;
                if (string.Equals(line, "ok", StringComparison.OrdinalIgnoreCase))
                {
                    return Encoding.UTF8.GetString(bytes, 0, lineStart);
                }
            }
        }
    }

    public void Dispose()
    {
        _tcp.Dispose();
        _oneAtATime.Dispose();
    }
}
