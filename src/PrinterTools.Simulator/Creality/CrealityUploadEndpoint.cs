using System;
using System.Security.Cryptography;
using System.Text;
using PrinterTools.Simulator.Http;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// <c>POST /upload/&lt;url-encoded name&gt;</c> on port 80 (creality.md §7): one multipart part named <c>file</c>;
/// the <c>MD5</c> header Creality Print adds is checked against the bytes received; the firmware's <c>.gcode</c>
/// and "file name too long" checks. Success stores the file in the model's folder; any failure stores nothing.
/// </summary>
internal sealed class CrealityUploadEndpoint
{
    public const string Route = "/upload";

    /// <summary>The firmware says "file name too long" past a limit the notes do not give: 128 UTF-8 bytes (INFERRED).</summary>
    public const int MaxNameBytes = 128;

    private readonly CrealityPrinterOptions _options;
    private readonly CrealityFileStore _files;
    private readonly CrealityCounters _counters;

    public CrealityUploadEndpoint(CrealityPrinterOptions options, CrealityFileStore files, CrealityCounters counters)
    {
        _options = options;
        _files = files;
        _counters = counters;
    }

    public static bool Matches(HttpRequestHead head) =>
        head.Method == "POST" && (head.Path == Route || head.Path.StartsWith(Route + "/", StringComparison.Ordinal));

    public HttpReply Handle(HttpRequestHead head, byte[] body)
    {
        if (MultipartBody.Boundary(head.Header("Content-Type")) is not string boundary
            || !MultipartBody.TryFindFile(body, boundary, "file", out string partName, out Range content))
        {
            return Reject("no file part");
        }

        byte[] data = body.AsSpan(content).ToArray();
        string? md5Header = head.Header("MD5")?.Trim();
        _counters.UploadReceived(data.Length, md5Header);
        if (_options.Fault == CrealityFault.UploadErrorBody)
        {
            _counters.UploadRejected();
            return CrealityHttpReplies.ErrorIn200("upload file failed");
        }

        string name = NameInTarget(head.Target) ?? partName; // CP6 names the file in the URL; the part's filename is the fallback
        if (!FileNames.IsValid(name) || !CrealityFileStore.IsGcode(name))
        {
            return Reject("file type not supported");
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return Reject("file name too long");
        }

        if (md5Header is { Length: > 0 } && !string.Equals(md5Header, Convert.ToHexStringLower(MD5.HashData(data)), StringComparison.OrdinalIgnoreCase))
        {
            return Reject("md5 check failed");
        }

        _files.Store(name, data);
        _counters.UploadCompleted();
        return CrealityHttpReplies.Ok();
    }

    private HttpReply Reject(string message)
    {
        _counters.UploadRejected();
        return CrealityHttpReplies.Status(400, message);
    }

    /// <summary>The decoded name after <c>/upload/</c> in the raw target (an encoded <c>%2F</c> stays inside the name, and so fails).</summary>
    private static string? NameInTarget(string target)
    {
        string path = target.Split('?', 2)[0];
        if (!path.StartsWith(Route + "/", StringComparison.Ordinal) || path.Length == Route.Length + 1)
        {
            return null;
        }

        try
        {
            return Uri.UnescapeDataString(path[(Route.Length + 1)..]);
        }
        catch (UriFormatException)
        {
            return string.Empty;
        }
    }
}
