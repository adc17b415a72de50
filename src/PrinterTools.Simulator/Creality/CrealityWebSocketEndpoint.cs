using System;
using System.IO;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// <c>ws://&lt;ip&gt;:9999/</c> (creality.md §2): no auth; a subprotocol the client offers (HA's <c>wsslicer</c>)
/// is echoed, none is needed. On open the full dump, then the session until it ends.
/// </summary>
internal sealed class CrealityWebSocketEndpoint
{
    private readonly CrealityPrinterOptions _options;
    private readonly CrealityCounters _counters;
    private readonly CrealitySessions _sessions;
    private readonly CrealityPusher _pusher;
    private readonly CrealityRequestHandler _handler;

    public CrealityWebSocketEndpoint(CrealityPrinterOptions options, CrealityCounters counters, CrealitySessions sessions,
        CrealityPusher pusher, CrealityRequestHandler handler)
    {
        _options = options;
        _counters = counters;
        _sessions = sessions;
        _pusher = pusher;
        _handler = handler;
    }

    public async Task RunAsync(Socket tcp, HttpConnection connection, HttpRequestHead head, CancellationToken ct)
    {
        CrealitySession? session = null;
        try
        {
            // Framing by the runtime; the printer sends no pings of its own, pongs are automatic.
            WebSocket socket = WebSocket.CreateFromStream(connection.TakeOver(), new WebSocketCreationOptions
            {
                IsServer = true,
                KeepAliveInterval = TimeSpan.Zero,
            });
            _counters.WebSocketOpened();
            CrealitySession created = session = new CrealitySession(_counters.NextConnectionId(), socket, tcp,
                _options.Fault == CrealityFault.SilentSocket, () => _options.Fault == CrealityFault.GoesSilent, () =>
                {
                    _sessions.Remove(session!);
                    _counters.WebSocketClosed();
                });
            _sessions.Add(created);
            string? subprotocol = head.Header("Sec-WebSocket-Protocol")?.Split(',')[0].Trim();
            await connection.WriteAsync(WebSocketHandshake.Accept(head.Header("Sec-WebSocket-Key")!, subprotocol), ct).ConfigureAwait(false);
            created.Open();
            await _pusher.DumpAsync(created, ct).ConfigureAwait(false);
            await created.ReceiveAsync(_handler.HandleAsync, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, the socket was dropped, or the printer is being disposed.
        }
        finally
        {
            session?.Release();
        }
    }
}
