using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;
using Websocket.Client;

namespace PrinterTools.Creality;

/// <summary>
/// One WebSocket to one Creality printer (creality.md §2). The printer opens with a full dump of
/// its attributes and then sends only what changed: every frame is merged key by key into one
/// state. Replies to <c>get</c> carry no request id and are just frames with their own top-level
/// key, so a request waits for the next frame that has that key. A heartbeat goes out every 5 s
/// as the printer's own web UI sends it, and its "ok" reply is not a frame.
/// </summary>
internal sealed class CrealityChannel
{
    /// <summary>What the printer's web UI sends; tests shorten it.</summary>
    internal static TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Heartbeats in a row that may go by with nothing at all from the printer (it answers each one "ok"): past
    /// them the socket is taken as hung, though still open, and the merged state as stale.
    /// </summary>
    internal const int SilentHeartbeatsAllowed = 3;

    private readonly string _address;
    private readonly WebsocketClient _socket;
    private readonly object _gate = new();
    private readonly CrealityState _state = new();
    private readonly List<IDisposable> _subscriptions = new();
    private readonly FrameSignal _frames = new();
    private BoundedWebSocket? _connection;
    private PrinterException? _broken;
    private Timer? _heartbeat;
    private int _closed;
    private int _heartbeatsUnheard;

    private CrealityChannel(string address, TimeSpan connectTimeout)
    {
        _address = address;
        _socket = CrealityWebSocket.Create(address, connectTimeout, (socket, _) => _connection = socket);
    }

    /// <summary>Frames merged so far; the first is the full dump.</summary>
    public int Frames
    {
        get
        {
            lock (_gate)
            {
                return _state.Frames;
            }
        }
    }

    /// <summary>True once the socket failed or closed (a K1 closes it after a start): the next operation opens a new one.</summary>
    public bool IsBroken
    {
        get
        {
            lock (_gate)
            {
                return _broken is not null;
            }
        }
    }

    /// <summary>Connects and waits for the full dump; both within <paramref name="cancel"/>.</summary>
    public static async Task<CrealityChannel> OpenAsync(string address, TimeSpan connectTimeout, CancellationToken cancel)
    {
        var channel = new CrealityChannel(address, connectTimeout);
        channel._subscriptions.Add(channel._socket.MessageReceived.Subscribe(channel.OnMessage));
        channel._subscriptions.Add(channel._socket.DisconnectionHappened.Subscribe(channel.OnDisconnected));
        try
        {
            var start = channel._socket.StartOrFail();
            using (cancel.Register(() => channel._socket.Dispose()))
            {
                await start.ConfigureAwait(false);
            }
            cancel.ThrowIfCancellationRequested();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            channel.Dispose();
            throw new PrinterException(PrinterErrorKind.Unreachable, address,
                $"Cannot open the Creality WebSocket of {address} (port {CrealityWebSocket.Port}): {PrinterText.Clean((e.InnerException ?? e).Message)}", e);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
        var interval = HeartbeatInterval;
        channel._heartbeat = new Timer(_ => channel.Beat(interval), null, interval, interval);
        try
        {
            await channel.WaitAsync(() => channel.Frames > 0, cancel).ConfigureAwait(false);
        }
        catch
        {
            await channel.CloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            throw;
        }
        return channel;
    }

    /// <summary>A copy of the merged state.</summary>
    public Dictionary<string, JsonElement> Snapshot()
    {
        lock (_gate)
        {
            return _state.Snapshot();
        }
    }

    /// <summary>How many frames carried <paramref name="key"/> so far.</summary>
    public int Seen(string key)
    {
        lock (_gate)
        {
            return _state.Seen(key);
        }
    }

    /// <summary>
    /// Sends a get and returns the first frame after it that carries one of <paramref name="replyKeys"/>:
    /// the key it came with and its value.
    /// </summary>
    public async Task<(string Key, JsonElement Value)> GetAsync(string request, IReadOnlyList<string> replyKeys, CancellationToken cancel)
    {
        var before = replyKeys.Select(Seen).ToArray();
        await SendAsync(request).ConfigureAwait(false);
        string? answered = null;
        await WaitAsync(() =>
        {
            answered = replyKeys.Where((key, i) => Seen(key) > before[i]).FirstOrDefault();
            return answered is not null;
        }, cancel).ConfigureAwait(false);
        lock (_gate)
        {
            return (answered!, _state[answered!]);
        }
    }

    /// <summary>Sends a frame; most set commands get no reply, their effect shows in later frames.</summary>
    public async Task SendAsync(string frame)
    {
        lock (_gate)
        {
            if (_broken is not null)
            {
                throw _broken;
            }
        }
        await _socket.SendInstant(frame).ConfigureAwait(false);
    }

    /// <summary>Waits until <paramref name="done"/> holds, checking it after every frame; a channel that broke throws.</summary>
    public Task WaitAsync(Func<bool> done, CancellationToken cancel) => _frames.WaitAsync(_gate, done, () => _broken, cancel);

    /// <summary>Sends a heartbeat, unless the printer has sent nothing since the last few: then the channel breaks.</summary>
    private void Beat(TimeSpan interval)
    {
        lock (_gate)
        {
            if (++_heartbeatsUnheard > SilentHeartbeatsAllowed && _broken is null)
            {
                FailAll(new PrinterException(PrinterErrorKind.Timeout, _address,
                    $"{_address} has sent nothing on its open Creality WebSocket for {SilentHeartbeatsAllowed} heartbeats ({SilentHeartbeatsAllowed * interval.TotalSeconds:0.###} s); what it last sent is not taken as its state."));
                return;
            }
        }
        Send(CrealityRequests.Heartbeat(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    }

    private void OnMessage(ResponseMessage message)
    {
        if (message.MessageType != System.Net.WebSockets.WebSocketMessageType.Text || message.Text is null)
        {
            return; // the protocol is text only
        }
        lock (_gate)
        {
            _heartbeatsUnheard = 0; // anything at all, "ok" included, shows the printer is there
            switch (_state.Accept(message.Text))
            {
                case CrealityFrameKind.Merged:
                    _frames.Signal();
                    break;
                case CrealityFrameKind.Heartbeat:
                    // Some clients see the printer ask too (unconfirmed, §2): it gets the answer it gives.
                    Send("ok");
                    break;
                case CrealityFrameKind.NotJson:
                    Fail($"a text frame that is not JSON ({message.Text.Length} characters)");
                    break;
                case CrealityFrameKind.NotObject:
                    Fail("a JSON frame that is not an object");
                    break;
            }
        }
    }

    /// <summary>Under the gate.</summary>
    private void Fail(string what) =>
        FailAll(new PrinterException(PrinterErrorKind.ProtocolError, _address, $"{_address} sent {what} on its Creality WebSocket."));

    private void OnDisconnected(DisconnectionInfo info)
    {
        if (info.Type is DisconnectionType.ByUser or DisconnectionType.Exit)
        {
            return;
        }
        lock (_gate)
        {
            FailAll(_connection?.Oversized == true
                ? new PrinterException(PrinterErrorKind.ProtocolError, _address,
                    $"{_address} sent a WebSocket frame longer than {CrealityWebSocket.MaxFrameBytes / (1024 * 1024)} MiB, the most PrinterTools reads; the connection was closed.")
                : new PrinterException(PrinterErrorKind.Unreachable, _address,
                    $"{_address} closed the Creality WebSocket{(info.Exception is { } e ? $" ({PrinterText.Clean(e.Message)})" : "")}.", info.Exception));
        }
    }

    /// <summary>Under the gate: the channel is broken; every wait ends with <paramref name="failure"/>.</summary>
    private void FailAll(PrinterException failure)
    {
        _broken ??= failure;
        _frames.Signal();
    }

    /// <summary>Fire and forget, for the heartbeat and its answer: a send that fails shows as a disconnection.</summary>
    private void Send(string frame)
    {
        if (_broken is not null || _closed != 0)
        {
            return;
        }
        _ = _socket.SendInstant(frame).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }

    /// <summary>Closes the socket with a close handshake, bounded by <paramref name="timeout"/>; safe to call twice.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        _heartbeat?.Dispose();
        await PrinterWebSocket.StopAsync(_socket, timeout).ConfigureAwait(false);
        Dispose();
    }

    private void Dispose()
    {
        Interlocked.Exchange(ref _closed, 1);
        _heartbeat?.Dispose();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _socket.Dispose();
        lock (_gate)
        {
            FailAll(new PrinterException(PrinterErrorKind.Unreachable, _address, $"The Creality WebSocket of {_address} is closed."));
        }
    }
}
