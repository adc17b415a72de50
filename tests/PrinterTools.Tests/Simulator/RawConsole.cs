using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// A bare TCP 8899 client: sends "~CMD\r\n" and reads until a line that is exactly "ok". Keeps what it received
/// as bytes, so binary replies (M661, M662) and upload acks can be read after the text.
/// </summary>
internal sealed class RawConsole : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly byte[] _buffer = new byte[65536];
    private readonly List<byte> _pending = new();

    private RawConsole(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static async Task<RawConsole> ConnectAsync(IPAddress address, int port = 8899)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
        return new RawConsole(socket);
    }

    public Task SendAsync(string command, string lineEnd = "\r\n") =>
        Socket.SendAsync(Encoding.UTF8.GetBytes("~" + command + lineEnd), SocketFlags.None);

    public async Task SendBytesAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await Socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Sends a command and returns the whole reply text, "ok\r\n" included.</summary>
    public async Task<string> AskAsync(string command, TimeSpan? timeout = null)
    {
        await SendAsync(command);
        return await ReadReplyAsync(timeout);
    }

    public async Task<string> ReadReplyAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            int end = FindOkLineEnd();
            if (end >= 0)
            {
                return Take(end);
            }

            if (!await FillAsync(cts.Token))
            {
                throw new InvalidOperationException($"Connection closed before ok; got: {Encoding.UTF8.GetString(_pending.ToArray())}");
            }
        }
    }

    /// <summary>One line without its CRLF, or null when the connection closed first.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            int newline = _pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return Take(newline + 1).TrimEnd('\n').TrimEnd('\r');
            }

            if (!await FillAsync(cts.Token))
            {
                return null;
            }
        }
    }

    /// <summary>Exactly <paramref name="count"/> bytes (after whatever text was already read).</summary>
    public async Task<byte[]> ReadExactlyAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (_pending.Count < count)
        {
            if (!await FillAsync(cts.Token))
            {
                throw new InvalidOperationException($"Connection closed after {_pending.Count} of {count} bytes");
            }
        }

        byte[] bytes = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return bytes;
    }

    /// <summary>Reads whatever arrives within <paramref name="window"/>; stops early at end of stream.</summary>
    public async Task<(byte[] Bytes, bool Closed)> ReadForAsync(TimeSpan window, int limit = int.MaxValue)
    {
        var collected = new System.IO.MemoryStream();
        collected.Write(_pending.ToArray());
        _pending.Clear();
        using var cts = new CancellationTokenSource(window);
        try
        {
            while (collected.Length < limit)
            {
                int read = await Socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None, cts.Token);
                if (read == 0)
                {
                    return (collected.ToArray(), true);
                }

                collected.Write(_buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return (collected.ToArray(), false);
    }

    /// <summary>
    /// Everything (after what was already read) until the printer closes the connection. No window: the end of
    /// the stream is the event; the test guard only stops a connection that never ends.
    /// </summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        using var guard = new CancellationTokenSource(TestGuard.Limit);
        try
        {
            while (await FillAsync(guard.Token))
            {
            }
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"Hung: the printer never closed the connection; got {_pending.Count} bytes");
        }

        byte[] bytes = _pending.ToArray();
        _pending.Clear();
        return bytes;
    }

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        int read = await Socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None, ct);
        for (int i = 0; i < read; i++)
        {
            _pending.Add(_buffer[i]);
        }

        return read > 0;
    }

    private string Take(int count)
    {
        string text = Encoding.UTF8.GetString(_pending.GetRange(0, count).ToArray());
        _pending.RemoveRange(0, count);
        return text;
    }

    /// <summary>Index just past the first line that is "ok" once trimmed, or -1.</summary>
    private int FindOkLineEnd()
    {
        int start = 0;
        while (true)
        {
            int newline = _pending.IndexOf((byte)'\n', start);
            if (newline < 0)
            {
                return -1;
            }

            string line = Encoding.UTF8.GetString(_pending.GetRange(start, newline - start).ToArray());
            if (line.Trim() == "ok")
            {
                return newline + 1;
            }

            start = newline + 1;
        }
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
