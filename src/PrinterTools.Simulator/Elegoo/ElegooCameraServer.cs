using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Camera;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The CC's MJPEG camera, <c>http://ip:3031/video</c> (notes §6.4): <c>HTTP/1.0 200</c>,
/// <c>multipart/x-mixed-replace; boundary=--foo</c>, each part a full JPEG, ~10 per second until the viewer goes.
/// The notes give the header but not the delimiter lines; we write <c>--foo</c>, which a client looking for the
/// RFC form <c>----foo</c> misses: clients should find frames by their JPEG markers, not trust the boundary.
/// </summary>
internal sealed class ElegooCameraServer : IAsyncDisposable
{
    public const string Boundary = "--foo";

    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly ElegooCounters _counters;
    private readonly LoopbackListener _listener;

    public ElegooCameraServer(ElegooCounters counters)
    {
        _counters = counters;
        _listener = new LoopbackListener(ServeAsync);
    }

    public void Start(IPAddress address) => _listener.Start(address, ElegooFamilyDefaults.CameraPort);

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        try
        {
            var connection = new HttpConnection(new NetworkStream(socket, ownsSocket: false));
            HttpRequestHead? head;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(RequestTimeout);
                head = await connection.ReadHeadAsync(timeout.Token).ConfigureAwait(false);
            }

            if (head is not { Method: "GET", Path: "/video" })
            {
                await connection.WriteAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found"), ct).ConfigureAwait(false);
                return;
            }

            _counters.CameraOpened();
            try
            {
                await StreamAsync(socket, connection, ct).ConfigureAwait(false);
            }
            finally
            {
                _counters.CameraClosed();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Disposed, or the viewer went away.
        }
    }

    private static async Task StreamAsync(Socket socket, HttpConnection connection, CancellationToken ct)
    {
        await connection.WriteAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.0 200 OK\r\nServer: sdcp-camera\r\nCache-Control: no-cache\r\nConnection: close\r\n"
            + $"Content-Type: multipart/x-mixed-replace; boundary={Boundary}\r\n\r\n"), ct).ConfigureAwait(false);
        Task viewerGone = WaitForCloseAsync(socket, ct);
        byte[] frame = TinyJpeg.Frame;
        byte[] part = Encoding.ASCII.GetBytes($"{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Length}\r\n\r\n");
        while (!viewerGone.IsCompleted)
        {
            await connection.WriteAsync(part, ct).ConfigureAwait(false);
            await connection.WriteAsync(frame, ct).ConfigureAwait(false);
            await connection.WriteAsync("\r\n"u8.ToArray(), ct).ConfigureAwait(false);
            await Task.WhenAny(viewerGone, Task.Delay(FrameInterval, ct)).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Ends when the viewer closes its side (or the socket dies); whatever it sends is dropped.</summary>
    private static async Task WaitForCloseAsync(Socket socket, CancellationToken ct)
    {
        var sink = new byte[256];
        try
        {
            while (await socket.ReceiveAsync(sink.AsMemory(), SocketFlags.None, ct).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
