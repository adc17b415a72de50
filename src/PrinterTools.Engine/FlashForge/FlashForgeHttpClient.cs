using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.FlashForge;

/// <summary>
/// HTTP 8898 of the Adventurer 5M family: POST JSON carrying serialNumber and checkCode, reply
/// {code, message, ...}. The check code lives only in the request body, never in messages.
/// </summary>
public static class FlashForgeHttpClient
{
    public const int DefaultPort = 8898;

    /// <summary>Real /detail replies are about 2 KB; anything near this is not a printer.</summary>
    public const int MaxReplyBytes = 1024 * 1024;

    // One client for the process: HttpClient is meant to be shared. Timeouts are per request.
    // No redirects: a redirected POST would carry the check code to whatever host the reply names.
    private static readonly HttpClient Http = new(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxReplyBytes,
    };

    /// <summary>
    /// POST /detail, or null when the model was not known and nothing serves HTTP there: a check
    /// code given for a whole mixed farm must not cost the legacy printers in it their status.
    /// </summary>
    public static async Task<JsonElement?> TryGetDetailAsync(FlashForgeConnectionOptions options, string serialNumber, CancellationToken cancel)
    {
        try
        {
            return await GetDetailAsync(options, serialNumber, cancel).ConfigureAwait(false);
        }
        catch (PrinterException e) when (e.Kind == PrinterErrorKind.Unreachable && options.Known?.Model is null)
        {
            return null;
        }
    }

    /// <summary>POST /detail and return its "detail" object.</summary>
    public static async Task<JsonElement> GetDetailAsync(FlashForgeConnectionOptions options, string serialNumber, CancellationToken cancel)
    {
        using var reply = await PostAsync(options, "detail", serialNumber, cancel).ConfigureAwait(false);
        if (!reply.RootElement.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, options.Address, $"{options.Address}: the /detail reply has no 'detail' object.");
        }
        return detail.Clone();
    }

    /// <summary>POSTs to an endpoint and checks the envelope; returns the parsed reply.</summary>
    public static Task<JsonDocument> PostAsync(FlashForgeConnectionOptions options, string endpoint, string serialNumber, CancellationToken cancel,
        IReadOnlyDictionary<string, object>? fields = null) =>
        Deadline.RunAsync(options.Address, "/" + endpoint, options.Timeout, cancel, async token =>
        {
            var body = new Dictionary<string, object> { ["serialNumber"] = serialNumber, ["checkCode"] = CheckCode(options) };
            foreach (var field in fields ?? new Dictionary<string, object>())
            {
                body[field.Key] = field.Value;
            }
            using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            return await SendAsync(options, endpoint, content, token).ConfigureAwait(false);
        });

    /// <summary>
    /// POST /uploadGcode: multipart part "gcodeFile" streamed from <paramref name="source"/>; the
    /// credentials and options travel in headers (real capture). The upload may take minutes, so
    /// the timeout bounds each pause in it, not the whole.
    /// </summary>
    public static async Task UploadAsync(FlashForgeConnectionOptions options, string serialNumber, string name, Stream source, long size,
        IReadOnlyList<KeyValuePair<string, string>> optionHeaders, IProgress<long>? progress, CancellationToken cancel)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        idle.CancelAfter(options.Timeout);
        // A body of known length, so that the request carries Content-Length (not chunked) and
        // MultipartFormDataContent can add up the exact total; still read from disk as it is sent.
        using var file = new CountingContent(source, size, sent =>
        {
            idle.CancelAfter(options.Timeout);
            progress?.Report(sent);
        }, idle.Token);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        file.Headers.ContentLength = size;
        // Quoted names and an unquoted boundary, as curl sends them (real capture): small
        // embedded parsers are picky, and .NET's defaults differ on both.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"gcodeFile\"", FileName = "\"" + name + "\"" };
        var boundary = "------------------------" + Guid.NewGuid().ToString("N");
        using var content = new MultipartFormDataContent(boundary) { file };
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
        content.Headers.Add("serialNumber", serialNumber);
        content.Headers.Add("checkCode", CheckCode(options));
        foreach (var header in optionHeaders)
        {
            content.Headers.Add(header.Key, header.Value);
        }
        try
        {
            using var reply = await SendAsync(options, "uploadGcode", content, idle.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (idle.IsCancellationRequested && !cancel.IsCancellationRequested && e is not PrinterException)
        {
            throw new PrinterException(PrinterErrorKind.Timeout, options.Address,
                $"{options.Address} stopped taking the upload of '{name}' for {options.Timeout.TotalSeconds:0.###} s.", e);
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancel);
        }
    }

    private static string CheckCode(FlashForgeConnectionOptions options) =>
        (options.Credential ?? throw new InvalidOperationException("HTTP needs a check code.")).Password;

    private static async Task<JsonDocument> SendAsync(FlashForgeConnectionOptions options, string endpoint, HttpContent content, CancellationToken token)
    {
        var uri = new UriBuilder("http", options.Address, options.HttpPort, "/" + endpoint).Uri;
        byte[] bytes;
        try
        {
            using var response = await Http.PostAsync(uri, content, token).ConfigureAwait(false);
            bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, options.Address,
                    $"{options.Address} answered /{endpoint} with HTTP {(int)response.StatusCode}.");
            }
        }
        catch (HttpRequestException e) when (!token.IsCancellationRequested)
        {
            var kind = e.InnerException is WebException or System.Net.Sockets.SocketException || e.Message.IndexOf("refused", StringComparison.OrdinalIgnoreCase) >= 0
                ? PrinterErrorKind.Unreachable : PrinterErrorKind.ProtocolError;
            // .NET's message can quote the printer's status or header line.
            throw new PrinterException(kind, options.Address, $"{options.Address}:{options.HttpPort} /{endpoint} failed: {Safe(e.Message, CheckCode(options))}", e);
        }
        return ParseEnvelope(options.Address, endpoint, WithoutSecret(bytes, CheckCode(options)));
    }

    /// <summary>
    /// The reply with every key and value cleaned and the check code redacted from them: a hostile
    /// or broken printer may echo the secret, also escaped (\u0031...), split by an escape sequence
    /// that cleaning would remove, or as a number. Cleaning before redacting closes the last gap.
    /// </summary>
    private static byte[] WithoutSecret(byte[] reply, string secret)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(reply);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetBytes("not JSON"); // ParseEnvelope reports it, without the body
        }
        return JsonSerializer.SerializeToUtf8Bytes(Redacted(root, secret));
    }

    private static JsonNode? Redacted(JsonNode? node, string secret)
    {
        switch (node)
        {
            case JsonObject obj:
                var redacted = new JsonObject();
                foreach (var property in obj.ToList())
                {
                    obj.Remove(property.Key);
                    redacted[Safe(property.Key, secret)] = Redacted(property.Value, secret);
                }
                return redacted;
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                return new JsonArray(items.Select(item => Redacted(item, secret)).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(Safe(text, secret));
            case JsonValue value when secret.Length > 0 && value.ToJsonString().IndexOf(secret, StringComparison.Ordinal) >= 0:
                return JsonValue.Create("***");
            default:
                return node;
        }
    }

    /// <summary>Printer text as it may be shown: cleaned, then without the secret.</summary>
    private static string Safe(string text, string secret) => PrinterText.Redact(PrinterText.Clean(text), secret);

    /// <summary>
    /// What a non-zero code means. The printer's own codes are not documented; the official
    /// library's are (FNET_DIVICE_IS_BUSY 2, FNET_GCODE_NOT_FOUND 3, FNET_VERIFY_LAN_DEV_FAILED 1001),
    /// and /detail fails for nothing but its credentials.
    /// </summary>
    private static PrinterErrorKind RefusalKind(string endpoint, string code) => code switch
    {
        "1001" => PrinterErrorKind.AuthenticationFailed,
        "2" => PrinterErrorKind.Busy,
        "3" => PrinterErrorKind.FileNotFound,
        _ => endpoint == "detail" ? PrinterErrorKind.AuthenticationFailed : PrinterErrorKind.ProtocolError,
    };

    /// <summary>Checks {code, message}: code 0 is success, anything else an error the printer named.</summary>
    public static JsonDocument ParseEnvelope(string address, string endpoint, byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address}: the /{endpoint} reply is not JSON.", e);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number)
        {
            document.Dispose();
            throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address}: the /{endpoint} reply has no numeric 'code'.");
        }
        if (code.GetDouble() != 0)
        {
            var codeText = code.GetRawText();
            var message = FlashForgeTextParser.Printable(root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "");
            document.Dispose();
            var kind = RefusalKind(endpoint, codeText);
            var hint = kind == PrinterErrorKind.AuthenticationFailed ? " Check the serial number and the LAN-mode check code." : "";
            throw new PrinterException(kind, address, $"{address} refused /{endpoint} (code {codeText}: {message}).{hint}");
        }
        return document;
    }
}
