using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// One TCP port of the printer with its hand-written HTTP/1.1 server (no ASP.NET: the simulator also loads as a
/// PowerShell module): keep-alive requests in order, the WebSocket upgrade, uploads, downloads, thumbnails.
/// </summary>
internal sealed class ElegooHttpServer : IAsyncDisposable
{
    /// <summary>Chunks are 1 MiB (§6.1); a body past this is refused.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    private readonly ElegooRoutes _routes;
    private readonly ElegooPrinterOptions _options;
    private readonly ElegooCounters _counters;
    private readonly SdcpWebSocketEndpoint _webSocket;
    private readonly SdcpUploadEndpoint _upload;
    private readonly SdcpUploads _uploads;
    private readonly ElegooResources _resources;
    private readonly LoopbackListener _listener;

    public ElegooHttpServer(ElegooRoutes routes, ElegooPrinterOptions options, ElegooCounters counters, SdcpWebSocketEndpoint webSocket,
        SdcpUploadEndpoint upload, SdcpUploads uploads, ElegooResources resources)
    {
        _routes = routes;
        _options = options;
        _counters = counters;
        _webSocket = webSocket;
        _upload = upload;
        _uploads = uploads;
        _resources = resources;
        _listener = new LoopbackListener(ServeAsync);
    }

    public void Start(IPAddress address, int port) => _listener.Start(address, port);

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var connection = new HttpConnection(new NetworkStream(socket, ownsSocket: true));
        bool uploadsCounted = false;
        try
        {
            while (await connection.ReadHeadAsync(ct).ConfigureAwait(false) is HttpRequestHead head)
            {
                if (_routes.WebSocket && head.Path == "/websocket" && head.IsWebSocketUpgrade)
                {
                    await _webSocket.RunAsync(socket, connection, head, ct).ConfigureAwait(false);
                    return;
                }

                bool upload = _routes.Uploads && head.Method == "POST" && head.Path == "/uploadFile/upload";
                if (upload && !uploadsCounted)
                {
                    uploadsCounted = true; // §3.6: a client should reuse one connection for every chunk
                    _counters.UploadConnectionOpened();
                }

                if (head.ContentLength is -1 or > MaxBodyBytes || (upload && head.ContentLength is null))
                {
                    int status = head.ContentLength is null ? 411 : head.ContentLength == -1 ? 400 : 413;
                    await connection.WriteAsync(HttpReplyBytes.Build(HttpReplyBytes.Text(status, "Bad Request"), keepAlive: false), ct).ConfigureAwait(false);
                    return;
                }

                int length = (int)(head.ContentLength ?? 0);
                if (upload && _options.Fault == ElegooFault.CloseMidUpload && _uploads.AnyUnderWay)
                {
                    await connection.ReadBodyAsync(length / 2, ct).ConfigureAwait(false);
                    return; // the fault: the connection goes halfway through the second chunk
                }

                if (length > 0 && string.Equals(head.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await connection.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
                }

                byte[] body = await connection.ReadBodyAsync(length, ct).ConfigureAwait(false);
                HttpReply reply = upload ? _upload.Handle(head, body) : Route(head);
                await Delay.LatencyAsync(_options.Latency, ct).ConfigureAwait(false);
                // §6.1: the resin pads Content-Length with spaces, as the Mars 5 Ultra does.
                bool padded = upload && _options.Family == ElegooFamily.Saturn4Ultra;
                await connection.WriteAsync(HttpReplyBytes.Build(reply, head.KeepAlive, padded, headOnly: head.Method == "HEAD"), ct).ConfigureAwait(false);
                if (!head.KeepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the printer is being disposed.
        }
    }

    private HttpReply Route(HttpRequestHead head)
    {
        if (head.Method is not ("GET" or "HEAD"))
        {
            return ElegooResources.NotFound();
        }

        if (_routes.WebSocket && head.Path == "/websocket")
        {
            return HttpReplyBytes.Text(400, "Bad Request"); // /websocket without an upgrade
        }

        return (_routes.CarbonResources ? _resources.Carbon(head.Path) : null)
            ?? (_routes.ResinResources ? _resources.Resin(head.Path) : null)
            ?? ElegooResources.NotFound();
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
