using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Jobs;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Http;

/// <summary>
/// <c>POST /uploadGcode</c> (notes §3.2, capture ad5x-likely-host204-http-uploadGcode-request-headers.txt):
/// credentials and options in headers, the file as the multipart part <c>gcodeFile</c>. HttpListener answers
/// <c>Expect: 100-continue</c> by itself, so clients that send it (GhostTypes) get their 100 first.
/// </summary>
internal sealed class UploadEndpoint
{
    /// <summary>What <see cref="LastHeaders"/> shows instead of the check code, which must never leak.</summary>
    public const string Redacted = "(redacted)";

    // Every upload header the notes name; AD5X adds the last two.
    private static readonly string[] Recorded =
    {
        "serialNumber", "checkCode", "fileSize", "printNow", "levelingBeforePrint", "flowCalibration",
        "useMatlStation", "gcodeToolCnt", "materialMappings", "firstLayerInspection", "timeLapseVideo",
    };

    // Booleans are the words true/false: the capture, the YAML spec, GhostTypes and Orca agree; the wiki's 0/1 is
    // contradicted (§3.2), and the Creator 5 answers a non-boolean with "Parameter is error." (§3.1).
    private static readonly string[] Booleans =
    {
        "printNow", "levelingBeforePrint", "flowCalibration", "useMatlStation", "firstLayerInspection", "timeLapseVideo",
    };

    // The capture's multipart framing cost 221 bytes; allow generously more, but bounded.
    private const int MultipartAllowance = 64 * 1024;

    // A refused upload's body is read and dropped up to this much, so the client sees our answer, not a reset.
    private const long DrainLimit = 64L * 1024 * 1024;

    private readonly FlashForgePrinterOptions _options;
    private readonly PrinterCounters _counters;
    private readonly FileStore _files;
    private readonly PrintJobs _jobs;
    private IReadOnlyDictionary<string, string>? _lastHeaders;

    // -1 stands for none: a long? cannot be read and written atomically.
    private long _lastContentLength = -1;

    public UploadEndpoint(FlashForgePrinterOptions options, PrinterCounters counters, FileStore files, PrintJobs jobs)
    {
        _options = options;
        _counters = counters;
        _files = files;
        _jobs = jobs;
    }

    /// <summary>The named upload headers of the last request, check code redacted; null before the first.</summary>
    public IReadOnlyDictionary<string, string>? LastHeaders => Volatile.Read(ref _lastHeaders);

    /// <summary>The Content-Length of the last request; null before the first or when it announced none (chunked).</summary>
    public long? LastContentLength => Interlocked.Read(ref _lastContentLength) is long length and >= 0 ? length : null;

    /// <summary>The answer, or null to drop the connection (the DropMidUpload fault).</summary>
    public async Task<HttpReply?> HandleAsync(HttpListenerRequest request, CancellationToken ct)
    {
        NameValueCollection headers = request.Headers;
        Volatile.Write(ref _lastHeaders, Record(headers));
        Interlocked.Exchange(ref _lastContentLength, headers["Content-Length"] is null ? -1 : request.ContentLength64);
        if (LengthRequired.Lacks(request))
        {
            _counters.ChunkedRequestRefused();
            _counters.UploadRejected();
            return LengthRequired.Reply();
        }

        PrinterSnapshot printer = _options.Snapshot();

        if (printer.Fault == FlashForgeFault.EchoCheckCode && headers["checkCode"] is string sent)
        {
            return await RefuseAsync(request, ApiReplies.CheckCodeEchoed(sent), ct).ConfigureAwait(false);
        }

        // Same answer as /detail for wrong credentials.
        if (!string.Equals(headers["serialNumber"], printer.SerialNumber, StringComparison.Ordinal)
            || !string.Equals(headers["checkCode"], printer.CheckCode, StringComparison.Ordinal))
        {
            return await RefuseAsync(request, ApiReplies.VerifyFailed(), ct).ConfigureAwait(false);
        }

        string? boundary = MultipartBody.Boundary(request.ContentType);
        if (!long.TryParse(headers["fileSize"], NumberStyles.None, CultureInfo.InvariantCulture, out long fileSize)
            || !OptionsValid(headers) || boundary is null)
        {
            return await RefuseAsync(request, ApiReplies.BadParameter(), ct).ConfigureAwait(false);
        }

        if (!_files.HasRoomFor(fileSize))
        {
            return await RefuseAsync(request, ApiReplies.UploadFailed("not enough free space"), ct).ConfigureAwait(false);
        }

        long limit = fileSize + MultipartAllowance;
        long? dropAt = printer.Fault == FlashForgeFault.DropMidUpload
            ? Math.Max(1, (request.ContentLength64 > 0 ? request.ContentLength64 : fileSize) / 2)
            : null;
        (byte[]? body, bool dropped) = await ReadBodyAsync(request.InputStream, limit, dropAt, ct).ConfigureAwait(false);
        if (dropped)
        {
            _counters.UploadRejected();
            return null;
        }

        if (body is null)
        {
            return Refused(ApiReplies.UploadFailed("body larger than fileSize allows"));
        }

        if (!MultipartBody.TryFindFile(body, boundary, "gcodeFile", out string fileName, out Range part)
            || !FileNames.IsValid(fileName))
        {
            return Refused(ApiReplies.BadParameter());
        }

        byte[] content = body[part];
        if (content.Length != fileSize)
        {
            return Refused(ApiReplies.UploadFailed("fileSize does not match the file received"));
        }

        if (!_files.TryStore(fileName, content))
        {
            return Refused(ApiReplies.UploadFailed("not enough free space"));
        }

        _counters.UploadCompleted();
        if (headers["printNow"] == "true")
        {
            _jobs.TryStart(fileName, out _);
        }

        return Json(ApiReplies.Success());
    }

    private static IReadOnlyDictionary<string, string> Record(NameValueCollection headers)
    {
        var recorded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in Recorded)
        {
            if (headers[name] is string value)
            {
                recorded[name] = name == "checkCode" ? Redacted : value;
            }
        }

        return new ReadOnlyDictionary<string, string>(recorded);
    }

    /// <summary>Booleans are true/false, gcodeToolCnt a count, materialMappings Base64 of a JSON array (§3.2).</summary>
    private static bool OptionsValid(NameValueCollection headers)
    {
        if (Booleans.Any(name => headers[name] is string value && value is not ("true" or "false")))
        {
            return false;
        }

        if (headers["gcodeToolCnt"] is string count && !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        return headers["materialMappings"] is not string mappings || IsBase64JsonArray(mappings);
    }

    private static bool IsBase64JsonArray(string text)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(Convert.FromBase64String(text));
            return json.RootElement.ValueKind == JsonValueKind.Array;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the body, counting its bytes as received. Null body: more than <paramref name="limit"/>; dropped:
    /// <paramref name="dropAt"/> bytes arrived and the fault wants the connection gone.
    /// </summary>
    private async Task<(byte[]? Body, bool Dropped)> ReadBodyAsync(Stream input, long limit, long? dropAt, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await input.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            _counters.UploadBytesReceived(read);
            buffer.Write(chunk, 0, read);
            if (buffer.Length >= dropAt)
            {
                return (null, true);
            }

            if (buffer.Length > limit)
            {
                return (null, false);
            }
        }

        return (buffer.ToArray(), false);
    }

    private async Task<HttpReply> RefuseAsync(HttpListenerRequest request, byte[] answer, CancellationToken ct)
    {
        var sink = new byte[64 * 1024];
        long drained = 0;
        int read;
        while (drained < DrainLimit && (read = await request.InputStream.ReadAsync(sink, ct).ConfigureAwait(false)) > 0)
        {
            drained += read;
        }

        return Refused(answer);
    }

    private HttpReply Refused(byte[] answer)
    {
        _counters.UploadRejected();
        return Json(answer);
    }

    private static HttpReply Json(byte[] body) => new(200, HttpApiServer.RealContentType, body);
}
