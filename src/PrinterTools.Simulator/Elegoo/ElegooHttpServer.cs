using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>One TCP port of the printer: the WebSocket upgrade at /websocket, chunked uploads, downloads and thumbnails, as its routes allow.</summary>
internal sealed class ElegooHttpServer : HttpPortServer
{
    private readonly ElegooRoutes _routes;
    private readonly ElegooPrinterOptions _options;
    private readonly ElegooCounters _counters;
    private readonly SdcpWebSocketEndpoint _webSocket;
    private readonly SdcpUploadEndpoint _upload;
    private readonly SdcpUploads _uploads;
    private readonly ElegooResources _resources;

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
    }

    protected override int MaxBodyBytes => 16 * 1024 * 1024; // chunks are 1 MiB (§6.1)

    protected override TimeSpan Latency => _options.Latency;

    protected override bool IsWebSocket(HttpRequestHead head) => _routes.WebSocket && head.Path == "/websocket";

    protected override Task RunWebSocketAsync(Socket socket, HttpConnection connection, HttpRequestHead head, CancellationToken ct) =>
        _webSocket.RunAsync(socket, connection, head, ct);

    protected override bool IsUpload(HttpRequestHead head) => _routes.Uploads && head.Method == "POST" && head.Path == "/uploadFile/upload";

    // §3.6: a client should reuse one connection for every chunk.
    protected override void UploadConnectionOpened() => _counters.UploadConnectionOpened();

    // The fault: the connection goes halfway through the second chunk.
    protected override bool BreaksOffMidBody(HttpRequestHead head) => _options.Fault == ElegooFault.CloseMidUpload && _uploads.AnyUnderWay;

    // §6.1: the resin pads Content-Length with spaces, as the Mars 5 Ultra does.
    protected override bool PadsContentLength(HttpRequestHead head, bool upload) => upload && _options.Family == ElegooFamily.Saturn4Ultra;

    protected override HttpReply Reply(HttpRequestHead head, byte[] body, bool upload) => upload ? _upload.Handle(head, body) : Route(head);

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

}
