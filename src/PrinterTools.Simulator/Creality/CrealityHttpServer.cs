using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// One TCP port of the printer's libhv web-server: 9999 serves the WebSocket upgrade at <c>/</c> and <c>GET /ping</c> (creality.md
/// §2); 80 serves <c>/info</c>, uploads and downloads (§7), which move to 9999 when 80 cannot be bound.
/// </summary>
internal sealed class CrealityHttpServer : HttpPortServer
{
    private readonly bool _webSocket;
    private readonly bool _webRoutes;
    private readonly CrealityPrinterOptions _options;
    private readonly CrealityWebSocketEndpoint _endpoint;
    private readonly CrealityUploadEndpoint _upload;
    private readonly CrealityDownloads _downloads;

    public CrealityHttpServer(bool webSocket, bool webRoutes, CrealityPrinterOptions options, CrealityWebSocketEndpoint endpoint,
        CrealityUploadEndpoint upload, CrealityDownloads downloads)
    {
        _webSocket = webSocket;
        _webRoutes = webRoutes;
        _options = options;
        _endpoint = endpoint;
        _upload = upload;
        _downloads = downloads;
    }

    protected override int MaxBodyBytes => 256 * 1024 * 1024; // a whole G-code file comes in one request

    protected override TimeSpan Latency => _options.Latency;

    protected override bool IsWebSocket(HttpRequestHead head) => _webSocket && head.Path == "/";

    protected override Task RunWebSocketAsync(Socket socket, HttpConnection connection, HttpRequestHead head, CancellationToken ct) =>
        _endpoint.RunAsync(socket, connection, head, ct);

    protected override bool IsUpload(HttpRequestHead head) => _webRoutes && CrealityUploadEndpoint.Matches(head);

    protected override bool BreaksOffMidBody(HttpRequestHead head) => _options.Fault == CrealityFault.CloseMidUpload;

    protected override HttpReply Reply(HttpRequestHead head, byte[] body, bool upload) => upload ? _upload.Handle(head, body) : Route(head);

    private HttpReply Route(HttpRequestHead head)
    {
        // No route climbs out of its folder: any ".." (raw or percent-encoded) is not found.
        if (head.Method is not ("GET" or "HEAD") || head.Path.Contains("..", StringComparison.Ordinal) || head.Target.Contains("..", StringComparison.Ordinal))
        {
            return CrealityHttpReplies.NotFound();
        }

        if (head.Path == "/ping")
        {
            return HttpReplyBytes.Text(200, "pong"); // FW-src WebSocket.cpp (§2)
        }

        if (!_webRoutes)
        {
            return CrealityHttpReplies.NotFound();
        }

        return head.Path == "/info" ? CrealityInfo.Reply(_options.Snapshot()) : _downloads.Get(head.Path) ?? CrealityHttpReplies.NotFound();
    }

}
