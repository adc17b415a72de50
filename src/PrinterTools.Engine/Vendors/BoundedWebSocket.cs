using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Vendors;

/// <summary>
/// A ClientWebSocket that refuses a message longer than a bound: Websocket.Client gathers each
/// message whole in memory, so without this a printer could make it hold any size. Past the
/// bound the socket is aborted and <see cref="Oversized"/> says so.
/// </summary>
internal sealed class BoundedWebSocket : WebSocket
{
    private readonly WebSocket _inner;
    private readonly int _maxMessageBytes;
    private long _messageBytes;

    public BoundedWebSocket(WebSocket inner, int maxMessageBytes)
    {
        _inner = inner;
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>True once a message ran past the bound.</summary>
    public bool Oversized { get; private set; }

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await _inner.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        _messageBytes += result.Count;
        if (_messageBytes > _maxMessageBytes)
        {
            Oversized = true;
            _inner.Abort();
            throw new WebSocketException(WebSocketError.Faulted, $"A message is longer than {_maxMessageBytes} bytes.");
        }
        if (result.EndOfMessage)
        {
            _messageBytes = 0;
        }
        return result;
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        _inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override WebSocketCloseStatus? CloseStatus => _inner.CloseStatus;
    public override string? CloseStatusDescription => _inner.CloseStatusDescription;
    public override WebSocketState State => _inner.State;
    public override string? SubProtocol => _inner.SubProtocol;
    public override void Abort() => _inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose() => _inner.Dispose();
}
