using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// One WebSocket client of :9999 (creality.md §2): frames go out one at a time (pushes, replies and <c>ok</c> from
/// different threads), and the session remembers what it last sent of each attribute, so its first push is the
/// full dump and every later one only the keys that changed since.
/// </summary>
internal sealed class CrealitySession
{
    /// <summary>Bigger client messages drop the connection: no request comes near it.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private readonly WebSocket _socket;
    private readonly Socket _tcp;
    private readonly Action _released;
    // Closed until Open(): a push may find the session before its handshake answer has gone out, and must wait.
    private readonly SemaphoreSlim _sendGate = new(0, 1);
    private readonly Dictionary<string, string> _sent = new(StringComparer.Ordinal);
    private int _releasedOnce;
    private int _opened;
    private volatile bool _closed;

    /// <param name="silent">The SilentSocket fault: nothing is ever sent on this socket.</param>
    public CrealitySession(int id, WebSocket socket, Socket tcp, bool silent, Action released)
    {
        Id = id;
        _socket = socket;
        _tcp = tcp;
        Silent = silent;
        _released = released;
    }

    public int Id { get; }

    public bool Silent { get; }

    /// <summary>The 101 has been sent: frames may follow it now.</summary>
    public void Open()
    {
        if (Interlocked.Exchange(ref _opened, 1) == 0)
        {
            _sendGate.Release();
        }
    }

    /// <summary>One text frame (a reply, <c>ok</c>); nothing on a silent or closed socket. A send that fails drops the connection.</summary>
    public Task SendAsync(string text, CancellationToken ct) => UnderGateAsync(() => text, ct);

    /// <summary>
    /// Sends the attributes that differ from what this client last got (all of them the first time), rendered by
    /// <paramref name="render"/> (told whether it is the first frame); nothing when none changed.
    /// </summary>
    public Task PushAsync(IReadOnlyList<KeyValuePair<string, string>> attributes,
        Func<IReadOnlyList<KeyValuePair<string, string>>, bool, string> render, CancellationToken ct) =>
        UnderGateAsync(() =>
        {
            bool first = _sent.Count == 0;
            var changed = attributes.Where(a => !_sent.TryGetValue(a.Key, out string? was) || was != a.Value).ToArray();
            if (changed.Length == 0)
            {
                return null;
            }

            foreach ((string key, string value) in changed)
            {
                _sent[key] = value;
            }

            return render(changed, first);
        }, ct);

    private async Task UnderGateAsync(Func<string?> frame, CancellationToken ct)
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

    /// <summary>Reads text messages until the client closes; each goes to <paramref name="onText"/> in order.</summary>
    public async Task ReceiveAsync(Func<CrealitySession, string, CancellationToken, Task> onText, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (!_closed)
        {
            ValueWebSocketReceiveResult frame = await _socket.ReceiveAsync(buffer.AsMemory(), ct).ConfigureAwait(false);
            if (frame.MessageType == WebSocketMessageType.Close)
            {
                Release();
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, ct).ConfigureAwait(false);
                return;
            }

            message.Write(buffer, 0, frame.Count);
            if (message.Length > MaxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, "Message too big.");
            }

            if (frame.EndOfMessage)
            {
                if (frame.MessageType == WebSocketMessageType.Text)
                {
                    await onText(this, Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), ct).ConfigureAwait(false);
                }

                message.SetLength(0);
            }
        }
    }

    /// <summary>Abrupt end, as the K1 after a start (§2): no close frame, the TCP connection just goes ("End of file").</summary>
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
