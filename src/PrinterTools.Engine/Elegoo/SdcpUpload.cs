using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Elegoo;

/// <summary>
/// The SDCP V3 upload (notes §6.1): POST /uploadFile/upload, one multipart request per 1 MiB
/// chunk, all on one keep-alive connection, with the whole file's MD5 as the form field
/// S-File-MD5 in every chunk (a header of that name is ignored, and the file then fails its
/// check). The printer answers HTTP 200 even when it refuses: the JSON "success" tells.
/// </summary>
internal static class SdcpUpload
{
    /// <summary>What ChituManager sends; one large POST makes the Carbon reset mid-transfer.</summary>
    public const int ChunkBytes = 1024 * 1024;

    private const int MaxReplyBytes = 64 * 1024;

    /// <summary>
    /// Sends <paramref name="file"/> from its start in chunks; <paramref name="timeout"/> bounds each
    /// chunk, not the whole. A refused chunk ends the upload at once with the printer's reason.
    /// </summary>
    public static async Task SendAsync(HttpClient http, Uri endpoint, string address, string targetName, Stream file, string md5,
        IProgress<long>? progress, TimeSpan timeout, CancellationToken cancel)
    {
        var total = file.Length;
        var uuid = Guid.NewGuid().ToString("N");
        var chunk = new byte[(int)Math.Min(ChunkBytes, Math.Max(total, 1))];
        long offset = 0;
        do
        {
            var length = await ReadChunkAsync(file, chunk, cancel).ConfigureAwait(false);
            using var form = new MultipartFormDataContent("----PrinterTools" + uuid);
            Add(form, "S-File-MD5", md5);
            Add(form, "Check", "1");
            Add(form, "Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add(form, "Uuid", uuid);
            Add(form, "TotalSize", total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var bytes = new ByteArrayContent(chunk, 0, length);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            bytes.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"File\"", FileName = "\"" + targetName + "\"" };
            form.Add(bytes);
            await SendChunkAsync(http, endpoint, address, targetName, form, offset, timeout, cancel).ConfigureAwait(false);
            offset += length;
            progress?.Report(offset);
        }
        while (offset < total);
    }

    private static async Task<int> ReadChunkAsync(Stream file, byte[] chunk, CancellationToken cancel)
    {
        var filled = 0;
        while (filled < chunk.Length)
        {
            var read = await file.ReadAsync(chunk, filled, chunk.Length - filled, cancel).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return filled;
    }

    /// <summary>A quoted form field, as the printers' small parsers expect it.</summary>
    private static void Add(MultipartFormDataContent form, string name, string value)
    {
        var field = new StringContent(value);
        field.Headers.ContentType = null;
        field.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"" + name + "\"" };
        form.Add(field);
    }

    private static async Task SendChunkAsync(HttpClient http, Uri endpoint, string address, string targetName, HttpContent form, long offset,
        TimeSpan timeout, CancellationToken cancel)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        window.CancelAfter(timeout);
        byte[] reply;
        try
        {
            using var response = await http.PostAsync(endpoint, form, window.Token).ConfigureAwait(false);
            reply = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, address,
                    $"{address} answered the upload of '{targetName}' at byte {offset:N0} with HTTP {(int)response.StatusCode}.");
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException || e is OperationCanceledException && !cancel.IsCancellationRequested)
        {
            if (window.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                throw new PrinterException(PrinterErrorKind.Timeout, address,
                    $"{address} did not take the upload of '{targetName}' at byte {offset:N0} within {timeout.TotalSeconds:0.###} s.", e);
            }
            if (cancel.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancel);
            }
            throw new PrinterException(offset == 0 && e is HttpRequestException ? PrinterErrorKind.Unreachable : PrinterErrorKind.ProtocolError, address,
                $"The upload of '{targetName}' to {address} broke off at byte {offset:N0}: {PrinterText.Clean((e.InnerException ?? e).Message)}", e);
        }
        CheckReply(address, targetName, offset, reply);
    }

    /// <summary>{"success":true,"code":"000000"} or a failure whose messages carry -1 to -4 (notes §5).</summary>
    internal static void CheckReply(string address, string targetName, long offset, byte[] reply)
    {
        if (reply.Length > MaxReplyBytes)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address} answered an upload chunk with {reply.Length:N0} bytes; a real reply is under 1 KB.");
        }
        try
        {
            using var document = JsonDocument.Parse(reply);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True)
            {
                return;
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("success", out _))
            {
                throw new JsonException("no 'success' field");
            }
            string? reason = null;
            if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in messages.EnumerateArray())
                {
                    if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("message", out var text))
                    {
                        reason ??= text.ValueKind == JsonValueKind.String ? text.GetString() : text.GetRawText();
                    }
                }
            }
            throw new PrinterException(PrinterErrorKind.CommandRefused, address,
                $"{address} refused the upload of '{targetName}' at byte {offset:N0}: {PrinterText.Clean(SdcpCodes.UploadFailure(reason))}.");
        }
        catch (JsonException e)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, address,
                $"{address} answered an upload chunk of '{targetName}' with something that is not the SDCP upload reply ({PrinterText.Clean(e.Message)}).", e);
        }
    }
}
