using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Http;

/// <summary>
/// One TCP port of a virtual printer's hand-written HTTP/1.1 server (no ASP.NET: the simulator also loads as a
/// PowerShell module): keep-alive requests in order, a WebSocket upgrade handed to its endpoint, 400/411/413 for
/// bodies it will not read, 100-continue, and one reply per request after the printer's latency. Each vendor
/// says which requests are uploads and upgrades, how its faults break a body, and what each request gets.
/// </summary>
internal abstract class HttpPortServer : IAsyncDisposable
{
    private readonly LoopbackListener _listener;

    protected HttpPortServer() => _listener = new LoopbackListener(ServeAsync);

    /// <summary>A body past this is refused with 413.</summary>
    protected abstract int MaxBodyBytes { get; }

    /// <summary>Read before every reply, so a test may change it while the printer runs.</summary>
    protected abstract TimeSpan Latency { get; }

    /// <summary>True when this request is the WebSocket upgrade this port serves.</summary>
    protected abstract bool IsWebSocket(HttpRequestHead head);

    /// <summary>Runs the WebSocket that <paramref name="head"/> opened, to its end.</summary>
    protected abstract Task RunWebSocketAsync(Socket socket, HttpConnection connection, HttpRequestHead head, CancellationToken ct);

    /// <summary>Uploads must say their length: 411 without one.</summary>
    protected abstract bool IsUpload(HttpRequestHead head);

    /// <summary>The reply to a request whose whole body was read.</summary>
    protected abstract HttpReply Reply(HttpRequestHead head, byte[] body, bool upload);

    /// <summary>The first upload request on a connection (one per upload proves keep-alive).</summary>
    protected virtual void UploadConnectionOpened()
    {
    }

    /// <summary>A fault that drops the connection halfway through this upload's body.</summary>
    protected virtual bool BreaksOffMidBody(HttpRequestHead head) => false;

    /// <summary>Content-Length padded with spaces, as some firmware writes it.</summary>
    protected virtual bool PadsContentLength(HttpRequestHead head, bool upload) => false;

    public void Start(IPAddress address, int port) => _listener.Start(address, port);

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var connection = new HttpConnection(new NetworkStream(socket, ownsSocket: true));
        bool uploadSeen = false;
        try
        {
            while (await connection.ReadHeadAsync(ct).ConfigureAwait(false) is HttpRequestHead head)
            {
                if (head.IsWebSocketUpgrade && IsWebSocket(head))
                {
                    await RunWebSocketAsync(socket, connection, head, ct).ConfigureAwait(false);
                    return;
                }

                bool upload = IsUpload(head);
                if (upload && !uploadSeen)
                {
                    uploadSeen = true;
                    UploadConnectionOpened();
                }

                if (head.ContentLength == -1 || head.ContentLength > MaxBodyBytes || (upload && head.ContentLength is null))
                {
                    int status = head.ContentLength is null ? 411 : head.ContentLength == -1 ? 400 : 413;
                    await connection.WriteAsync(HttpReplyBytes.Build(HttpReplyBytes.Text(status, "Bad Request"), keepAlive: false), ct).ConfigureAwait(false);
                    return;
                }

                int length = (int)(head.ContentLength ?? 0);
                if (upload && BreaksOffMidBody(head))
                {
                    await connection.ReadBodyAsync(length / 2, ct).ConfigureAwait(false);
                    return;
                }

                if (length > 0 && string.Equals(head.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await connection.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
                }

                byte[] body = await connection.ReadBodyAsync(length, ct).ConfigureAwait(false);
                HttpReply reply = Reply(head, body, upload);
                await Delay.LatencyAsync(Latency, ct).ConfigureAwait(false);
                await connection.WriteAsync(HttpReplyBytes.Build(reply, head.KeepAlive, PadsContentLength(head, upload), headOnly: head.Method == "HEAD"), ct).ConfigureAwait(false);
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

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
