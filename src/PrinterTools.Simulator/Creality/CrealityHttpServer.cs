using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// One TCP port of the printer's libhv web-server, on the shared hand-written HTTP/1.1 reading
/// (<see cref="HttpConnection"/>): 9999 serves the WebSocket upgrade at <c>/</c> and <c>GET /ping</c> (creality.md
/// §2); 80 serves <c>/info</c>, uploads and downloads (§7), which move to 9999 when 80 cannot be bound.
/// </summary>
internal sealed class CrealityHttpServer : IAsyncDisposable
{
    /// <summary>A whole G-code file comes in one request; bigger bodies are refused.</summary>
    public const int MaxBodyBytes = 256 * 1024 * 1024;

    private readonly bool _webSocket;
    private readonly bool _webRoutes;
    private readonly CrealityPrinterOptions _options;
    private readonly CrealityWebSocketEndpoint _endpoint;
    private readonly CrealityUploadEndpoint _upload;
    private readonly CrealityDownloads _downloads;
    private readonly LoopbackListener _listener;

    public CrealityHttpServer(bool webSocket, bool webRoutes, CrealityPrinterOptions options, CrealityWebSocketEndpoint endpoint,
        CrealityUploadEndpoint upload, CrealityDownloads downloads)
    {
        _webSocket = webSocket;
        _webRoutes = webRoutes;
        _options = options;
        _endpoint = endpoint;
        _upload = upload;
        _downloads = downloads;
        _listener = new LoopbackListener(ServeAsync);
    }

    public void Start(IPAddress address, int port) => _listener.Start(address, port);

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var connection = new HttpConnection(new NetworkStream(socket, ownsSocket: true));
        try
        {
            while (await connection.ReadHeadAsync(ct).ConfigureAwait(false) is HttpRequestHead head)
            {
                if (_webSocket && head.IsWebSocketUpgrade && head.Path == "/")
                {
                    await _endpoint.RunAsync(socket, connection, head, ct).ConfigureAwait(false);
                    return;
                }

                bool upload = _webRoutes && CrealityUploadEndpoint.Matches(head);
                if (head.ContentLength is -1 or > MaxBodyBytes || (upload && head.ContentLength is null))
                {
                    int status = head.ContentLength is null ? 411 : head.ContentLength == -1 ? 400 : 413;
                    await connection.WriteAsync(HttpReplyBytes.Build(HttpReplyBytes.Text(status, "Bad Request"), keepAlive: false), ct).ConfigureAwait(false);
                    return;
                }

                int length = (int)(head.ContentLength ?? 0);
                if (upload && _options.Fault == CrealityFault.CloseMidUpload)
                {
                    await connection.ReadBodyAsync(length / 2, ct).ConfigureAwait(false);
                    return; // the fault: the connection goes halfway through the body
                }

                if (length > 0 && string.Equals(head.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await connection.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
                }

                byte[] body = await connection.ReadBodyAsync(length, ct).ConfigureAwait(false);
                HttpReply reply = upload ? _upload.Handle(head, body) : Route(head);
                await Delay.LatencyAsync(_options.Latency, ct).ConfigureAwait(false);
                await connection.WriteAsync(HttpReplyBytes.Build(reply, head.KeepAlive, headOnly: head.Method == "HEAD"), ct).ConfigureAwait(false);
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

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
