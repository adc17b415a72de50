using System;
using System.IO;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// <c>GET /websocket</c> on 3030 (§3.1): the upgrade, the client cap (§3.6: the 6th handshake gets HTTP 500
/// <c>too many client</c>, a closed socket frees its slot at once), then the session until it ends.
/// </summary>
internal sealed class SdcpWebSocketEndpoint
{
    private readonly ElegooPrinterOptions _options;
    private readonly ElegooCounters _counters;
    private readonly SdcpSessions _sessions;
    private readonly SdcpCommandHandler _handler;

    public SdcpWebSocketEndpoint(ElegooPrinterOptions options, ElegooCounters counters, SdcpSessions sessions, SdcpCommandHandler handler)
    {
        _options = options;
        _counters = counters;
        _sessions = sessions;
        _handler = handler;
    }

    public async Task RunAsync(Socket tcp, HttpConnection connection, HttpRequestHead head, CancellationToken ct)
    {
        if (_options.Fault == ElegooFault.RefuseHandshake || !_counters.TryOpenWebSocket(_options.MaxWebSocketClients))
        {
            _counters.WebSocketRefused();
            await connection.WriteAsync(WebSocketHandshake.Refuse(), ct).ConfigureAwait(false);
            return;
        }

        SdcpSession? session = null;
        try
        {
            // Framing by the runtime; no keep-alive pings of our own (the printer sends none, §3.5), pongs are automatic.
            WebSocket socket = WebSocket.CreateFromStream(connection.TakeOver(), new WebSocketCreationOptions
            {
                IsServer = true,
                KeepAliveInterval = TimeSpan.Zero,
            });
            SdcpSession created = session = new SdcpSession(_counters.NextConnectionId(), socket, tcp, _options, () =>
            {
                _sessions.Remove(session!);
                _counters.WebSocketClosed();
            });
            // Registered before the 101 goes out, so a client that is connected gets every push from then on;
            // the session holds its frames until the 101 is written.
            _sessions.Add(created);
            await connection.WriteAsync(WebSocketHandshake.Accept(head.Header("Sec-WebSocket-Key")!), ct).ConfigureAwait(false);
            created.Open();
            await created.ReceiveAsync(_handler.HandleAsync, _counters.IdleClosed, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, the session was dropped, or the printer is being disposed.
        }
        finally
        {
            if (session is null)
            {
                _counters.WebSocketClosed(); // the handshake failed before a session held the slot
            }
            else
            {
                session.Release();
            }
        }
    }
}
