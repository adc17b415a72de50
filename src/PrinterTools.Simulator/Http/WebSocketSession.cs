using System;
using System.IO;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Http;

/// <summary>
/// One WebSocket client of a virtual printer: frames go out one at a time (replies and pushes come from different
/// threads), not before the handshake answer has gone out, and never on a silent socket; whole messages are read
/// up to a bound. A send that fails drops the connection; the session's slot is given back once.
/// </summary>
internal abstract class WebSocketSession
{
    private readonly WebSocket _socket;
    private readonly Socket _tcp;
    private readonly Action _released;
    private readonly int _maxMessageBytes;
    // Closed until Open(): a push may find the session before its handshake answer has gone out, and must wait.
    private readonly SemaphoreSlim _sendGate = new(0, 1);
    private int _releasedOnce;
    private int _opened;
    private volatile bool _closed;

    /// <param name="silent">A fault: nothing is ever sent on this socket.</param>
    /// <param name="maxMessageBytes">Bigger client messages drop the connection: no request comes near it.</param>
    protected WebSocketSession(int id, WebSocket socket, Socket tcp, bool silent, int maxMessageBytes, Action released)
    {
        Id = id;
        _socket = socket;
        _tcp = tcp;
        Silent = silent;
        _maxMessageBytes = maxMessageBytes;
        _released = released;
    }

    public int Id { get; }

    /// <summary>Whether nothing may be sent now; a vendor's session may fall silent later (see CrealitySession).</summary>
    public virtual bool Silent { get; }

    protected bool Closed => _closed;

    /// <summary>The 101 has been sent: frames may follow it now.</summary>
    public void Open()
    {
        if (Interlocked.Exchange(ref _opened, 1) == 0)
        {
            _sendGate.Release();
        }
    }

    /// <summary>One text frame; nothing on a silent or closed socket.</summary>
    public Task SendAsync(string text, CancellationToken ct) => SendUnderGateAsync(() => text, ct);

    /// <summary>Sends what <paramref name="frame"/> makes once it is this session's turn (nothing when it makes null).</summary>
    protected async Task SendUnderGateAsync(Func<string?> frame, CancellationToken ct)
    {
        if (Silent || _closed)
        {
            return;
        }

        await _sendGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_closed || frame() is not string text)
            {
                return;
            }

            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            Drop();
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>The next whole message: its type, and its text when it is a text message.</summary>
    protected async Task<(WebSocketMessageType Type, string? Text)> ReadMessageAsync(byte[] buffer, CancellationToken ct)
    {
        using var message = new MemoryStream();
        while (true)
        {
            ValueWebSocketReceiveResult frame = await _socket.ReceiveAsync(buffer.AsMemory(), ct).ConfigureAwait(false);
            if (frame.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketMessageType.Close, null);
            }

            message.Write(buffer, 0, frame.Count);
            if (message.Length > _maxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, "Message too big.");
            }

            if (frame.EndOfMessage)
            {
                return frame.MessageType == WebSocketMessageType.Text
                    ? (WebSocketMessageType.Text, Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length))
                    : (frame.MessageType, null);
            }
        }
    }

    /// <summary>Answers the client's close frame.</summary>
    protected Task CloseOutputAsync(CancellationToken ct) => _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, ct);

    /// <summary>Abrupt end: no close frame, the TCP connection just goes (the client sees 1006, "End of file").</summary>
    public void Drop()
    {
        Release();
        _socket.Abort();
        _tcp.Dispose();
    }

    /// <summary>Gives the slot back, once; frames still waiting to be sent are dropped.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _releasedOnce, 1) == 0)
        {
            _closed = true;
            _released();
            Open(); // a socket that never got its 101 must not hold a waiting push forever
        }
    }
}
