using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
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
    private static readonly HttpClient Http = new(new HttpClientHandler { UseProxy = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxReplyBytes,
    };

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
    public static Task<JsonDocument> PostAsync(FlashForgeConnectionOptions options, string endpoint, string serialNumber, CancellationToken cancel) =>
        Deadline.RunAsync(options.Address, "/" + endpoint, options.Timeout, cancel, async token =>
        {
            var credential = options.Credential ?? throw new InvalidOperationException("HTTP needs a check code.");
            var body = JsonSerializer.Serialize(new { serialNumber, checkCode = credential.Password });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
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
                throw new PrinterException(kind, options.Address, $"{options.Address}:{options.HttpPort} /{endpoint} failed: {e.Message}", e);
            }
            return ParseEnvelope(options.Address, endpoint, bytes);
        });

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
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            document.Dispose();
            // The printer's code for a wrong check code is not documented; any refusal of /detail
            // with valid framing is read as "these credentials were not accepted".
            throw new PrinterException(PrinterErrorKind.AuthenticationFailed, address,
                $"{address} refused /{endpoint} (code {codeText}: {FlashForgeTextParser.Printable(message ?? "")}). Check the serial number and the LAN-mode check code.");
        }
        return document;
    }
}
