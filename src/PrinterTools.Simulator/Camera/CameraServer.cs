using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Camera;

/// <summary>
/// mjpg-streamer on port 8080: the 5M Pro's built-in camera (flashforge.md §3.2 camera row) and the K1C's
/// (creality.md §8). <c>GET /?action=stream</c>
/// answers <c>multipart/x-mixed-replace</c> with a JPEG part every ~200 ms until the client goes;
/// <c>/?action=snapshot</c> answers one JPEG. The notes hold no capture of this exchange: the head below is a
/// plain HTTP/1.0 multipart stream, each part with Content-Type and Content-Length.
/// </summary>
internal sealed class CameraServer : IAsyncDisposable
{
    public const int Port = 8080;

    // Our choice of boundary (no capture): the name mjpg-streamer is commonly seen to use.
    public const string Boundary = "boundarydonotcross";

    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(200);

    private const int MaxRequestHead = 8 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly CameraHooks _hooks;
    private readonly LoopbackListener _listener;

    public CameraServer(CameraHooks hooks)
    {
        _hooks = hooks;
        _listener = new LoopbackListener(ServeAsync);
    }

    public void Start(IPAddress address) => _listener.Start(address, Port);

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        try
        {
            // The handshake's round trip, which loopback does not have (see FlashForgePrinterOptions.Latency),
            // taken as the connection is accepted.
            TimeSpan handshake = _hooks.Latency();
            _hooks.ConnectionAccepted();
            await Delay.LatencyAsync(handshake, ct).ConfigureAwait(false);
            string? target = await ReadRequestTargetAsync(socket, ct).ConfigureAwait(false);
            switch (Action(target))
            {
                case "stream":
                    await StreamAsync(socket, ct).ConfigureAwait(false);
                    break;
                case "snapshot":
                    byte[] frame = Frame();
                    await SendAsync(socket, Encoding.ASCII.GetBytes(
                        "HTTP/1.0 200 OK\r\nConnection: close\r\nContent-Type: image/jpeg\r\n"
                        + $"Content-Length: {frame.Length}\r\n\r\n"), ct).ConfigureAwait(false);
                    await SendAsync(socket, frame, ct).ConfigureAwait(false);
                    break;
                default:
                    await SendAsync(socket, Encoding.ASCII.GetBytes(
                        "HTTP/1.0 404 Not Found\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found"), ct).ConfigureAwait(false);
                    break;
            }

            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed, or the viewer went away.
        }
    }

    /// <summary>Frames until the viewer closes (seen by a pending read ending) or the printer is disposed.</summary>
    private async Task StreamAsync(Socket socket, CancellationToken ct)
    {
        _hooks.StreamOpened();
        try
        {
            await SendAsync(socket, Encoding.ASCII.GetBytes(
                "HTTP/1.0 200 OK\r\nConnection: close\r\nCache-Control: no-cache\r\n"
                + $"Content-Type: multipart/x-mixed-replace; boundary={Boundary}\r\n\r\n"), ct).ConfigureAwait(false);

            Task viewerGone = WaitForCloseAsync(socket, ct);
            byte[] partEnd = "\r\n"u8.ToArray();
            while (!viewerGone.IsCompleted)
            {
                byte[] frame = Frame();
                await SendAsync(socket, Encoding.ASCII.GetBytes(
                    $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Length}\r\n\r\n"), ct).ConfigureAwait(false);
                await SendAsync(socket, frame, ct).ConfigureAwait(false);
                await SendAsync(socket, partEnd, ct).ConfigureAwait(false);
                await Task.WhenAny(viewerGone, Task.Delay(FrameInterval, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
            }

        }
        finally
        {
            _hooks.StreamClosed();
        }
    }

    /// <summary>The next frame: the grey JPEG, or a fresh noise image (the 5M Pro's NoisySnapshot fault).</summary>
    private byte[] Frame() => _hooks.NoisyFrames() ? NoisyJpeg.Create() : TinyJpeg.Frame;

    /// <summary>Ends when the viewer closes its side (or the socket dies); whatever it sends meanwhile is dropped.</summary>
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

    /// <summary>The request line's target, after reading the head up to the blank line.</summary>
    private static async Task<string?> ReadRequestTargetAsync(Socket socket, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        var head = new byte[MaxRequestHead];
        int length = 0;
        while (length < head.Length)
        {
            int read = await socket.ReceiveAsync(head.AsMemory(length), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            if (head.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                string[] requestLine = Encoding.ASCII.GetString(head, 0, head.AsSpan(0, length).IndexOf("\r\n"u8)).Split(' ');
                return requestLine.Length == 3 && requestLine[0] == "GET" ? requestLine[1] : null;
            }
        }

        return null;
    }

    /// <summary>The <c>action</c> query value of <c>/?action=…</c>, or null.</summary>
    private static string? Action(string? target)
    {
        if (target is null || !target.StartsWith("/?", StringComparison.Ordinal))
        {
            return null;
        }

        return target[2..].Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == "action")
            .Select(pair => pair[1])
            .FirstOrDefault();
    }

    private static async Task SendAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
