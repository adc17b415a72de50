using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Elegoo;

/// <summary>
/// HTTP to an SDCP printer: uploads, stored files, history thumbnails and time-lapse videos. A
/// URL the printer gives is only followed on the printer's own address and HTTP ports: the
/// printer may name a stale address, and a hostile one must not send us elsewhere.
/// </summary>
internal static class SdcpHttp
{
    /// <summary>The Carbon's web server; resin boards serve everything on the SDCP port.</summary>
    public const int CarbonHttpPort = 80;

    // One client for the process, as HttpClient is meant to be used; each upload's chunks then
    // share one keep-alive connection (a new one costs a Mars 5 Ultra about 7 s, notes §3.6).
    // No redirects, no proxy: a printer is on the LAN.
    public static readonly HttpClient Client = new(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// The printer's own address with the path of <paramref name="url"/> (a URL, or "host:port/path"
    /// without a scheme as the Carbon writes its VideoUrl); null when the port is not one the printer serves HTTP on.
    /// </summary>
    public static Uri? OnPrinter(string address, string url)
    {
        if (!url.Contains("://"))
        {
            url = "http://" + url;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var given) || given.Scheme != Uri.UriSchemeHttp
            || given.Port is not (CarbonHttpPort or SdcpWebSocket.Port))
        {
            return null;
        }
        return new UriBuilder(Uri.UriSchemeHttp, address, given.Port) { Path = given.AbsolutePath, Query = given.Query.TrimStart('?') }.Uri;
    }

    /// <summary>GET into memory, at most <paramref name="maxBytes"/>; 404 is PrinterFileNotFound.</summary>
    public static Task<byte[]> GetAsync(string address, Uri uri, string what, long maxBytes, TimeSpan timeout, CancellationToken cancel) =>
        Deadline.RunAsync(address, what, timeout, cancel, async token =>
        {
            try
            {
                using var response = await Client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new PrinterException(PrinterErrorKind.FileNotFound, address, $"{address} has no {what} ({PrinterText.Clean(uri.AbsolutePath)} answered HTTP 404).");
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address} answered the request for {what} with HTTP {(int)response.StatusCode}.");
                }
                if (response.Content.Headers.ContentLength > maxBytes)
                {
                    throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address} offers {what} of {response.Content.Headers.ContentLength:N0} bytes; at most {maxBytes:N0} are read.");
                }
                using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using (token.Register(() => body.Dispose()))
                {
                    return await ReadBoundedAsync(address, body, what, maxBytes, token).ConfigureAwait(false);
                }
            }
            catch (HttpRequestException e) when (!token.IsCancellationRequested)
            {
                throw new PrinterException(PrinterErrorKind.Unreachable, address, $"Cannot get {what} from {address}: {PrinterText.Clean((e.InnerException ?? e).Message)}", e);
            }
            catch (IOException e) when (!token.IsCancellationRequested)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address}: {what} broke off: {PrinterText.Clean(e.Message)}", e);
            }
        });

    private static async Task<byte[]> ReadBoundedAsync(string address, Stream body, string what, long maxBytes, CancellationToken token)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > maxBytes)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address} sent more than {maxBytes:N0} bytes of {what}.");
            }
        }
        return copy.ToArray();
    }
}
