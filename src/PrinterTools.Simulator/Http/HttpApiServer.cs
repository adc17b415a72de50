using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Jobs;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Http;

/// <summary>The 5M-family HTTP API on port 8898 (notes §3), served by HttpListener on the printer's address.</summary>
internal sealed class HttpApiServer : IAsyncDisposable
{
    public const int Port = 8898;

    // §3.1 real headers: "Content-Type: appliation/json" (sic) and "Connection: close".
    public const string RealContentType = "appliation/json";

    private const int MaxBodyBytes = 1024 * 1024;

    private readonly FlashForgePrinterOptions _options;
    private readonly PrinterCounters _counters;
    private readonly FileStore _files;
    private readonly PrintJobs _jobs;
    private readonly UploadEndpoint _upload;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<HttpListenerContext, Task> _requests = new();
    private readonly ClientConnections _connections = new();
    private HttpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public HttpApiServer(FlashForgePrinterOptions options, PrinterCounters counters, FileStore files, PrintJobs jobs)
    {
        _options = options;
        _counters = counters;
        _files = files;
        _jobs = jobs;
        _upload = new UploadEndpoint(options, counters, files, jobs);
    }

    /// <summary>The named headers of the last /uploadGcode request (check code redacted).</summary>
    public IReadOnlyDictionary<string, string>? LastUploadHeaders => _upload.LastHeaders;

    /// <summary>The Content-Length of the last /uploadGcode request; null before the first or when it had none.</summary>
    public long? LastUploadContentLength => _upload.LastContentLength;

    public void Start(IPAddress address)
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://{address}:{Port}/");
        _listener.Start();
        _acceptLoop = Task.Run(() => AcceptLoopAsync(_listener, _stop.Token));
    }

    private async Task AcceptLoopAsync(HttpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException || ct.IsCancellationRequested)
            {
                return;
            }

            Task handling = HandleAsync(context, ct);
            _requests[context] = handling;
            if (handling.IsCompleted)
            {
                _requests.TryRemove(context, out _);
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken ct)
    {
        await Task.Yield();
        // Read before the request is counted: a test that waits for the count may then change the options.
        PrinterSnapshot printer = _options.Snapshot();
        _counters.HttpRequestStarted();
        HttpListenerResponse response = context.Response;
        IPEndPoint? client = context.Request.RemoteEndPoint;
        bool newConnection = _connections.Opened(client);
        if (newConnection)
        {
            _counters.HttpConnectionOpened();
        }
        try
        {
            if (printer.Fault == FlashForgeFault.Silent)
            {
                // Never answer: the client has to give up on its own; disposing the printer ends the wait.
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }

            // The first request of a connection pays for its handshake too, which loopback does not cost.
            await Delay.LatencyAsync(newConnection ? printer.Latency * 2 : printer.Latency, ct).ConfigureAwait(false);
            HttpReply? reply = await RouteAsync(context.Request, ct).ConfigureAwait(false);
            if (reply is null)
            {
                TryAbort(response); // DropMidUpload: the connection goes, no answer
                return;
            }

            await SendAsync(response, reply.Value, _options.Snapshot(), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            TryAbort(response);
        }
        finally
        {
            _connections.Closed(client);
            _counters.HttpRequestEnded();
            _requests.TryRemove(context, out _);
        }
    }

    private async Task<HttpReply?> RouteAsync(HttpListenerRequest request, CancellationToken ct)
    {
        string path = request.Url?.AbsolutePath ?? "/";
        if (path == "/uploadGcode")
        {
            // Multipart with the credentials in headers, not a JSON body (§3.2).
            return await _upload.HandleAsync(request, ct).ConfigureAwait(false);
        }

        if (path is not ("/detail" or "/product" or "/control" or "/gcodeList" or "/gcodeThumb" or "/printGcode"))
        {
            // §3.1: real firmware answers an unknown path with "page not found".
            return new HttpReply(404, "text/plain", Encoding.ASCII.GetBytes("page not found"));
        }

        if (LengthRequired.Lacks(request))
        {
            _counters.ChunkedRequestRefused();
            return LengthRequired.Reply();
        }

        byte[] body = await ReadBodyAsync(request, ct).ConfigureAwait(false);
        PrinterSnapshot printer = _options.Snapshot();
        using ApiRequest? api = ApiRequest.TryParse(body);
        if (api is null)
        {
            return Json(ApiReplies.BadParameter());
        }

        if (printer.Fault == FlashForgeFault.EchoCheckCode && api.CheckCode is string sent)
        {
            return Json(ApiReplies.CheckCodeEchoed(sent));
        }

        if (!api.Authorised(printer))
        {
            return Json(ApiReplies.VerifyFailed());
        }

        return Json(path switch
        {
            "/detail" => DetailReply.Build(printer, Port, Camera.CameraServer.Port),
            "/product" => ApiReplies.Product(),
            "/control" => ControlCommands.Control(api, _options, _jobs),
            "/gcodeList" => ApiReplies.GcodeList(_files.Names()),
            "/gcodeThumb" => Thumbnail(api),
            _ => ControlCommands.PrintFile(api, _jobs),
        });
    }

    private static HttpReply Json(byte[] body) => new(200, RealContentType, body);

    /// <summary>/gcodeThumb {fileName} (§3.2): the same PNG M662 sends, as base64.</summary>
    private byte[] Thumbnail(ApiRequest request) =>
        ApiRequest.Text(request.Root, "fileName") is { Length: > 0 } file && _files.TryGet(file, out _)
            ? ApiReplies.Thumbnail(Storage.Thumbnail.For(file))
            : ApiReplies.NotFound();

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task SendAsync(HttpListenerResponse response, HttpReply reply, PrinterSnapshot printer, CancellationToken ct)
    {
        FlashForgeFault fault = printer.Fault;
        byte[] body = fault == FlashForgeFault.Garbage ? GarbageBytes.Create() : reply.Body;
        response.StatusCode = reply.Status;
        response.KeepAlive = false;
        response.ContentType = reply.ContentType;
        response.ContentLength64 = body.Length;
        if (fault == FlashForgeFault.Truncated)
        {
            // Headers promise the whole body; half arrives, then the connection dies.
            await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2), ct).ConfigureAwait(false);
            await response.OutputStream.FlushAsync(ct).ConfigureAwait(false);
            TryAbort(response);
            return;
        }

        if (fault == FlashForgeFault.SlowDrip)
        {
            // Headers go at once; the body trickles, each byte flushed on its own.
            Stream output = response.OutputStream;
            await Drip.SendAsync(body, printer.SlowDripByteDelay, async (one, token) =>
            {
                await output.WriteAsync(one, token).ConfigureAwait(false);
                await output.FlushAsync(token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        else
        {
            await response.OutputStream.WriteAsync(body, ct).ConfigureAwait(false);
        }

        response.Close();
    }

    /// <summary>
    /// Breaks the exchange off. HttpListener cannot drop a connection without writing headers (Abort on an
    /// unanswered response sends "200 OK" with an empty chunked body), so we first promise a one-byte body that
    /// never comes: the client sees a broken response, never a valid empty one.
    /// </summary>
    private static void TryAbort(HttpListenerResponse response)
    {
        try
        {
            response.KeepAlive = false;
            response.ContentLength64 = 1;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Headers already went out (Truncated): closing now breaks the body anyway.
        }

        try
        {
            response.Abort();
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or HttpListenerException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();

        // Let cancelled handlers break their own exchanges first: HttpListener's Abort would otherwise
        // answer every open request with an empty "200 OK" (see TryAbort).
        Task handlers = Task.WhenAll(_requests.Values.ToArray());
        await Task.WhenAny(handlers, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        foreach (HttpListenerContext stuck in _requests.Keys)
        {
            TryAbort(stuck.Response);
        }

        try
        {
            _listener?.Abort();
        }
        catch (ObjectDisposedException)
        {
        }

        await _acceptLoop.ConfigureAwait(false);
        await handlers.ConfigureAwait(false);
        await Task.WhenAll(_requests.Values.ToArray()).ConfigureAwait(false);
    }
}
