using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;
using Websocket.Client;

namespace PrinterTools.Elegoo;

/// <summary>
/// One WebSocket to one SDCP printer, for one cmdlet's whole run: requests matched to their
/// responses by RequestID, pushes merged into <see cref="State"/>, sdcp/error frames counted,
/// and a text "ping" every 20 s so the Carbon, which drops a silent client after about 60 s,
/// keeps the socket (notes §3.4, §3.5). A Carbon takes five clients at most and may not free a
/// slot left open (§3.6): the owner always closes the channel.
/// </summary>
internal sealed class SdcpChannel
{
    /// <summary>What elegoo-link sends; the Carbon's idle close comes after about 60 s. Tests shorten it.</summary>
    internal static TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The Carbon's client limit (measured, notes §3.6), for the message of a refused handshake.</summary>
    internal const int CarbonClientLimit = 5;

    private readonly string _address;
    private readonly WebsocketClient _socket;
    private readonly object _gate = new();
    private readonly Dictionary<string, TaskCompletionSource<SdcpFrame>> _pending = new();
    private readonly List<IDisposable> _subscriptions = new();
    private readonly FrameSignal _frames = new();
    private BoundedWebSocket? _connection;
    private Exception? _handshakeFailure;
    private PrinterException? _broken;
    private Timer? _keepAlive;
    private int _lastSent;
    private int _closed;

    private SdcpChannel(string address, TimeSpan connectTimeout, string? mainboardId)
    {
        _address = address;
        MainboardId = mainboardId ?? "";
        _socket = SdcpWebSocket.Create(address, connectTimeout, (socket, failure) =>
        {
            _connection = socket;
            _handshakeFailure = failure;
        });
    }

    public SdcpState State { get; } = new();

    /// <summary>True once the socket failed or closed: a new user opens a new channel.</summary>
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

    /// <summary>The printer's id for requests: known from discovery, else learnt from its first frame ("" until then, which the Carbon accepts).</summary>
    public string MainboardId { get; private set; }

    /// <summary>Counts of the frames seen so far, to wait for one that comes after a request.</summary>
    public int StatusPushes { get; private set; }
    public int AttributesPushes { get; private set; }
    public int ErrorFrames { get; private set; }

    /// <summary>The last sdcp/error's ErrorCode.</summary>
    public int? LastErrorCode { get; private set; }

    /// <summary>Responses that came after the one their request was answered with, by Cmd: the Carbon's file list comes so.</summary>
    private readonly Dictionary<int, (int Count, SdcpFrame Frame)> _laterResponses = new();

    /// <summary>Connects within <paramref name="cancel"/>; a refused handshake is PrinterBusy (the client limit) or PrinterUnreachable.</summary>
    public static async Task<SdcpChannel> OpenAsync(string address, string? mainboardId, TimeSpan connectTimeout, CancellationToken cancel)
    {
        var channel = new SdcpChannel(address, connectTimeout, mainboardId);
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
            throw channel.HandshakeError(e);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
        channel._lastSent = Environment.TickCount;
        var interval = KeepAliveInterval;
        channel._keepAlive = new Timer(_ => channel.KeepAlive(interval), null, interval, interval);
        return channel;
    }

    private PrinterException HandshakeError(Exception e)
    {
        var failure = _handshakeFailure as PrinterWebSocket.HandshakeFailure;
        if (failure?.HttpStatus == 500)
        {
            return new PrinterException(PrinterErrorKind.Busy, _address,
                $"{_address} refused the WebSocket with HTTP 500: it serves {CarbonClientLimit} SDCP clients at most (a Centauri Carbon says 'too many client'). " +
                "Close another app's connection (the Elegoo app, a slicer, Home Assistant); a slot a crashed client left open is freed only by restarting the printer.", e);
        }
        if (failure?.HttpStatus is { } status)
        {
            return new PrinterException(PrinterErrorKind.ProtocolError, _address, $"{_address} answered the SDCP WebSocket handshake with HTTP {status}, not 101.", e);
        }
        var inner = failure?.InnerException ?? e.InnerException ?? e;
        return new PrinterException(PrinterErrorKind.Unreachable, _address,
            $"Cannot open the SDCP WebSocket of {_address} (port {SdcpWebSocket.Port}): {PrinterText.Clean(inner.Message)}", e);
    }

    /// <summary>Sends a request and returns its response (the Ack frame); a channel that broke fails it at once.</summary>
    public async Task<SdcpFrame> RequestAsync(SdcpRequest request, CancellationToken cancel)
    {
        var id = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<SdcpFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        string frame;
        lock (_gate)
        {
            if (_broken is not null)
            {
                throw _broken;
            }
            _pending[id] = answer;
            frame = request.ToFrame(id, MainboardId);
        }
        try
        {
            using (cancel.Register(() => answer.TrySetCanceled()))
            {
                _lastSent = Environment.TickCount;
                await _socket.SendInstant(frame).ConfigureAwait(false);
                var response = await answer.Task.ConfigureAwait(false);
                if (response.Problem is not null)
                {
                    throw new PrinterException(PrinterErrorKind.ProtocolError, _address, $"{_address} answered {request.Description} with {response.Problem}.");
                }
                return response;
            }
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(id);
            }
        }
    }

    /// <summary>How many responses of <paramref name="cmd"/> came besides the ones requests were answered with, and the last of them.</summary>
    public (int Count, SdcpFrame? Frame) LaterResponse(int cmd)
    {
        lock (_gate)
        {
            return _laterResponses.TryGetValue(cmd, out var later) ? (later.Count, later.Frame) : (0, null);
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds, checking it after every frame; a channel that broke throws.</summary>
    public Task WaitAsync(Func<bool> done, CancellationToken cancel) => _frames.WaitAsync(_gate, done, () => _broken, cancel);

    private void OnMessage(ResponseMessage message)
    {
        if (message.MessageType != System.Net.WebSockets.WebSocketMessageType.Text || message.Text is null)
        {
            return; // SDCP is text only; a binary frame carries nothing we read
        }
        var frame = SdcpFrame.Parse(message.Text);
        lock (_gate)
        {
            if (frame.IsHeartbeat)
            {
                return;
            }
            if (MainboardId.Length == 0 && frame.MainboardId is { Length: > 0 } learnt)
            {
                MainboardId = PrinterText.Clean(learnt);
            }
            if (frame.Problem is not null && frame.Topic != SdcpTopic.Response)
            {
                // A push or a stray frame that cannot be read: every waiting request fails with it.
                FailAll(new PrinterException(PrinterErrorKind.ProtocolError, _address, $"{_address} sent {frame.Problem}."));
                return;
            }
            switch (frame.Topic)
            {
                case SdcpTopic.Response:
                    if (frame.RequestId is { } id && _pending.TryGetValue(id, out var waiting) && !waiting.Task.IsCompleted)
                    {
                        waiting.TrySetResult(frame);
                    }
                    else if (frame.Problem is not null)
                    {
                        // Which request it answers cannot be told: each of them has failed.
                        FailAll(new PrinterException(PrinterErrorKind.ProtocolError, _address, $"{_address} sent {frame.Problem}."));
                        return;
                    }
                    else if (frame.Cmd is { } cmd)
                    {
                        var count = _laterResponses.TryGetValue(cmd, out var later) ? later.Count : 0;
                        _laterResponses[cmd] = (count + 1, frame);
                    }
                    break;
                case SdcpTopic.Status:
                    State.Merge(SdcpTopic.Status, frame.Payload);
                    StatusPushes++;
                    break;
                case SdcpTopic.Attributes:
                    State.Merge(SdcpTopic.Attributes, frame.Payload);
                    AttributesPushes++;
                    break;
                case SdcpTopic.Error:
                    LastErrorCode = frame.ErrorCode;
                    ErrorFrames++;
                    break;
            }
            _frames.Signal();
        }
    }

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
                    $"{_address} sent a WebSocket frame longer than {SdcpWebSocket.MaxFrameBytes / (1024 * 1024)} MiB, the most PrinterTools reads; the connection was closed.")
                : new PrinterException(PrinterErrorKind.Unreachable, _address,
                    $"{_address} closed the SDCP WebSocket{(info.Exception is { } e ? $" ({PrinterText.Clean(e.Message)})" : "")}.", info.Exception));
        }
    }

    /// <summary>Under the gate: the channel is broken; every request and wait ends with <paramref name="failure"/>.</summary>
    private void FailAll(PrinterException failure)
    {
        _broken ??= failure;
        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(failure);
        }
        _frames.Signal();
    }

    /// <summary>A text "ping" when nothing was sent for a while; the printer need not answer it (notes §3.5, §12).</summary>
    private void KeepAlive(TimeSpan interval)
    {
        if (unchecked(Environment.TickCount - _lastSent) < interval.TotalMilliseconds / 2 || _broken is not null)
        {
            return;
        }
        _lastSent = Environment.TickCount;
        _ = _socket.SendInstant("ping").ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }

    /// <summary>Closes the socket with a close handshake, bounded by <paramref name="timeout"/>; safe to call twice.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        _keepAlive?.Dispose();
        await PrinterWebSocket.StopAsync(_socket, timeout).ConfigureAwait(false);
        Dispose();
    }

    private void Dispose()
    {
        _keepAlive?.Dispose();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _socket.Dispose();
        lock (_gate)
        {
            FailAll(new PrinterException(PrinterErrorKind.Unreachable, _address, $"The SDCP WebSocket of {_address} is closed."));
        }
    }
}
