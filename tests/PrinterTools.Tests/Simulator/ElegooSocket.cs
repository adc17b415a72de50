using System;
using System.IO;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// A raw SDCP client for the simulator tests: a ClientWebSocket whose every text frame is queued as it arrives,
/// and requests written by hand as the notes' §3.2 envelope. Knows nothing of the PrinterTools client.
/// </summary>
internal sealed class ElegooSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<string> _frames = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;
    private int _requestIds;

    private ElegooSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>How the connection ended: the printer's close frame, or the exception of an abrupt end (null while open).</summary>
    public Task<Exception?> Ended => _ended.Task;

    public WebSocketState State => _socket.State;

    public static async Task<ElegooSocket> ConnectAsync(IPAddress address, string path = "/websocket")
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // only our own traffic reaches the printer
        await TestGuard.AgainstHangAsync(socket.ConnectAsync(new Uri($"ws://{address}:3030{path}"), CancellationToken.None), "the WebSocket connect");
        return new ElegooSocket(socket);
    }

    /// <summary>A request in the §3.2 envelope; returns the RequestID it carries.</summary>
    public async Task<string> SendCommandAsync(int cmd, string data = "{}", bool withTopic = true)
    {
        string requestId = $"req{Interlocked.Increment(ref _requestIds)}{Guid.NewGuid():N}"[..16];
        string topic = withTopic ? ",\"Topic\":\"sdcp/request/\"" : string.Empty;
        await SendTextAsync($"{{\"Id\":\"\",\"Data\":{{\"Cmd\":{cmd},\"Data\":{data},\"RequestID\":\"{requestId}\",\"MainboardID\":\"\",\"TimeStamp\":1752338967263,\"From\":1}}{topic}}}");
        return requestId;
    }

    public Task SendTextAsync(string text) =>
        TestGuard.AgainstHangAsync(_socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None), "a send");

    /// <summary>The next frame as text, whatever it is.</summary>
    public Task<string> NextRawAsync() => TestGuard.AgainstHangAsync(_frames.Reader.ReadAsync().AsTask(), "the next frame");

    /// <summary>The next frame, parsed (it must be JSON).</summary>
    public async Task<JsonElement> NextAsync() => JsonDocument.Parse(await NextRawAsync()).RootElement.Clone();

    /// <summary>Skips frames until one whose Topic starts with <paramref name="topicStart"/> and that passes <paramref name="match"/>.</summary>
    public async Task<JsonElement> NextOnAsync(string topicStart, Func<JsonElement, bool>? match = null)
    {
        while (true)
        {
            JsonElement frame = await NextAsync();
            if (frame.TryGetProperty("Topic", out JsonElement topic) && topic.GetString()!.StartsWith(topicStart, StringComparison.Ordinal)
                && (match is null || match(frame)))
            {
                return frame;
            }
        }
    }

    /// <summary>A status push whose PrintInfo.Status is <paramref name="printStatus"/> (earlier pushes skipped).</summary>
    public Task<JsonElement> StatusWithAsync(int printStatus) =>
        NextOnAsync("sdcp/status/", f => f.GetProperty("Status").GetProperty("PrintInfo").GetProperty("Status").GetInt32() == printStatus);

    /// <summary>True when a frame is queued now (nothing waits).</summary>
    public bool HasFrame => _frames.Reader.TryPeek(out _);

    public Task CloseAsync() =>
        TestGuard.AgainstHangAsync(_socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None), "the close handshake");

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                WebSocketReceiveResult frame = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    _ended.TrySetResult(null);
                    return;
                }

                message.Write(buffer, 0, frame.Count);
                if (frame.EndOfMessage)
                {
                    _frames.Writer.TryWrite(Encoding.UTF8.GetString(message.ToArray()));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e)
        {
            _ended.TrySetResult(e);
        }
    }

    /// <summary>The connection ended without a close frame (the printer dropped it): the exception that showed it.</summary>
    public async Task<Exception> DroppedAsync()
    {
        Exception? end = await TestGuard.AgainstHangAsync(Ended, "the printer dropping the socket");
        return end ?? throw new Xunit.Sdk.XunitException("The printer closed the WebSocket with a close frame, not abruptly.");
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await _reading;
    }
}
