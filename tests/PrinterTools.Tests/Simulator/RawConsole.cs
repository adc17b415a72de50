using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Tests.Simulator;

/// <summary>A bare TCP 8899 client: sends "~CMD\r\n" and reads until a line that is exactly "ok".</summary>
internal sealed class RawConsole : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly byte[] _buffer = new byte[65536];
    private readonly StringBuilder _pending = new();

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
            string text = _pending.ToString();
            int end = FindOkLineEnd(text);
            if (end >= 0)
            {
                _pending.Remove(0, end);
                return text[..end];
            }

            int read = await Socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None, cts.Token);
            if (read == 0)
            {
                throw new InvalidOperationException($"Connection closed before ok; got: {text}");
            }

            _pending.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }
    }

    /// <summary>Reads whatever arrives within <paramref name="window"/>; stops early at end of stream.</summary>
    public async Task<(byte[] Bytes, bool Closed)> ReadForAsync(TimeSpan window, int limit = int.MaxValue)
    {
        var collected = new System.IO.MemoryStream();
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

    private static int FindOkLineEnd(string text)
    {
        int start = 0;
        while (true)
        {
            int newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                return -1;
            }

            if (text[start..newline].Trim() == "ok")
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
