using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Creality;

/// <summary>
/// The upload Creality Print sends (creality.md §7): <c>POST /upload/&lt;url-encoded name&gt;</c>
/// on port 80, multipart with one part <c>file</c>, and the file's MD5 in an <c>MD5</c> header.
/// The printer's web UI takes a JSON <c>code</c> of 200 as success and Creality Print a body that
/// says "OK": a body with a code is judged by it, one without by its words.
/// </summary>
internal static class CrealityUpload
{
    private const int MaxReplyBytes = 64 * 1024;

    /// <summary><paramref name="timeout"/> bounds each wait for the printer (a pause in sending, the reply), not the whole transfer.</summary>
    public static async Task SendAsync(HttpClient http, string address, string targetName, Stream file, string md5,
        IProgress<long>? progress, TimeSpan timeout, CancellationToken cancel)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        idle.CancelAfter(timeout);
        var uri = new Uri($"http://{address}:{CrealityInfo.HttpPort}/upload/{Uri.EscapeDataString(targetName)}");
        using var form = new MultipartFormDataContent("----PrinterTools" + Guid.NewGuid().ToString("N"));
        var body = new CountingContent(file, file.Length - file.Position, sent =>
        {
            idle.CancelAfter(timeout);
            progress?.Report(sent);
        }, idle.Token);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(body, "file", targetName);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = form };
        request.Headers.TryAddWithoutValidation("MD5", md5);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
            var reply = await ReadReplyAsync(response, idle.Token).ConfigureAwait(false);
            var refusal = Refusal(reply);
            if (!response.IsSuccessStatusCode || refusal is not null)
            {
                throw new PrinterException(PrinterErrorKind.CommandRefused, address,
                    $"{address} refused the upload of '{targetName}' (HTTP {(int)response.StatusCode}): {refusal ?? "no reason given"}.");
            }
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new PrinterException(PrinterErrorKind.Timeout, address, $"{address} stopped taking the upload of '{targetName}' for {timeout.TotalSeconds:0.###} s.", e);
        }
        catch (HttpRequestException e) when (!cancel.IsCancellationRequested)
        {
            throw new PrinterException(PrinterErrorKind.Unreachable, address, $"The upload of '{targetName}' to {address} failed: {PrinterText.Clean((e.InnerException ?? e).Message)}", e);
        }
        catch (IOException e) when (!cancel.IsCancellationRequested)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"The upload of '{targetName}' to {address} broke off: {PrinterText.Clean(e.Message)}", e);
        }
    }

    /// <summary>Null when the reply says the file was taken; else why not, in the printer's words.</summary>
    internal static string? Refusal(string reply)
    {
        var text = PrinterText.Clean(reply).Trim();
        try
        {
            using var document = JsonDocument.Parse(reply);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("code", out var code))
            {
                var message = document.RootElement.TryGetProperty("message", out var m) ? CrealityValues.Text(m) ?? m.GetRawText() : null;
                return CrealityValues.Integer(code) == 200 ? null : $"code {PrinterText.Clean(code.GetRawText())}{(string.IsNullOrEmpty(message) ? "" : $", '{Shorten(message!)}'")}";
            }
        }
        catch (JsonException)
        {
        }
        return text.IndexOf("ok", StringComparison.OrdinalIgnoreCase) >= 0 ? null : text.Length == 0 ? "an empty reply" : $"'{Shorten(text)}'";
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "...";

    private static async Task<string> ReadReplyAsync(HttpResponseMessage response, CancellationToken token)
    {
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using (token.Register(() => stream.Dispose()))
        {
            var buffer = new byte[MaxReplyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer, total, buffer.Length - total, token).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }
}
