using System;
using System.IO;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// One WebSocket client: reads whole text messages, drops the connection after <see cref="ElegooPrinterOptions.IdleClose"/>
/// without client traffic (§3.5, no close frame: the client sees 1006), and sends frames one at a time, answers and
/// pushes from other threads alike.
/// </summary>
internal sealed class SdcpSession
{
    /// <summary>Bigger client messages drop the connection: no request comes near it.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    private readonly WebSocket _socket;
    private readonly Socket _tcp;
    private readonly ElegooPrinterOptions _options;
    // Closed until Open(): a push may find the session before its handshake answer has gone out, and must wait.
    private readonly SemaphoreSlim _sendGate = new(0, 1);
    private readonly Action _released;
    private readonly bool _silent;
    private int _releasedOnce;
    private int _opened;
    private volatile bool _closed;

    public SdcpSession(int id, WebSocket socket, Socket tcp, ElegooPrinterOptions options, Action released)
    {
        Id = id;
        _socket = socket;
        _tcp = tcp;
        _options = options;
        _released = released;
        _silent = options.Fault == ElegooFault.SilentSocket; // a socket accepted silent stays silent
    }

    public int Id { get; }

    /// <summary>The 101 has been sent: frames may follow it now.</summary>
    public void Open()
    {
        if (Interlocked.Exchange(ref _opened, 1) == 0)
        {
            _sendGate.Release();
        }
    }

    /// <summary>Sends one text frame; nothing on a socket accepted under SilentSocket. A send that fails drops the connection.</summary>
    public async Task SendAsync(string text, CancellationToken ct)
    {
        if (_silent || _closed)
        {
            return;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        await _sendGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }

            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
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

    /// <summary>
    /// Reads messages until the client closes or goes quiet; each text message goes to <paramref name="onText"/>
    /// in order. <paramref name="onIdle"/> runs just before a quiet socket is dropped, so it is counted before
    /// the client can see it go.
    /// </summary>
    public async Task ReceiveAsync(Func<SdcpSession, string, CancellationToken, Task> onText, Action onIdle, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            Task<(WebSocketMessageType Type, string? Text)> receive = ReadMessageAsync(buffer, ct);
            if (_options.IdleClose is TimeSpan limit && !await ArrivesWithinAsync(receive, limit, ct).ConfigureAwait(false))
            {
                // Counted before the drop: the client may look at the counter the moment it sees the socket go.
                onIdle();
                Drop();
                try
                {
                    await receive.ConfigureAwait(false); // the read ends with the socket
                }
                catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
                {
                }

                return;
            }

            (WebSocketMessageType Type, string? Text) message = await receive.ConfigureAwait(false);
            switch (message.Type)
            {
                case WebSocketMessageType.Close:
                    // The slot is free before the close is confirmed: a client that reconnects at once gets in (§3.6).
                    Release();
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, ct).ConfigureAwait(false);
                    return;
                case WebSocketMessageType.Text when message.Text is not null:
                    await onText(this, message.Text, ct).ConfigureAwait(false);
                    break;
                default:
                    break; // binary frames mean nothing in SDCP
            }
        }
    }

    /// <summary>True when the message came before <paramref name="limit"/> passed: any client message restarts the count (§3.5).</summary>
    private static async Task<bool> ArrivesWithinAsync(Task receive, TimeSpan limit, CancellationToken ct)
    {
        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task timer = Task.Delay(limit, stopTimer.Token);
        Task first = await Task.WhenAny(receive, timer).ConfigureAwait(false);
        stopTimer.Cancel();
        return first == receive || ct.IsCancellationRequested;
    }

    /// <summary>Abrupt end, as the CC's daemon crash or idle timeout: no close frame, the TCP connection just goes.</summary>
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

    private async Task<(WebSocketMessageType, string?)> ReadMessageAsync(byte[] buffer, CancellationToken ct)
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
            if (message.Length > MaxMessageBytes)
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
}
