using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Vendors;

/// <summary>HTTP to printers, for every vendor that serves files over it: one client, bounded reads.</summary>
internal static class PrinterHttp
{
    // One client for the process, as HttpClient is meant to be used; an upload's requests then
    // share one keep-alive connection (a new one costs a Mars 5 Ultra about 7 s, sdcp.md §3.6).
    // No redirects, no proxy: a printer is on the LAN.
    public static readonly HttpClient Client = new(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

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

    /// <summary>Lowercase hex MD5 of the whole stream from where it is, read once before an upload.</summary>
    public static string Md5Of(Stream file)
    {
        using var md5 = MD5.Create();
        var hash = md5.ComputeHash(file);
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return hex.ToString();
    }
}
