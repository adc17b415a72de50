using System;

namespace PrinterTools.Elegoo;

/// <summary>
/// Where HTTP goes on an SDCP printer: uploads, stored files, history thumbnails and time-lapse
/// videos (fetched with <see cref="Vendors.PrinterHttp"/>). A URL the printer gives is only
/// followed on the printer's own address and HTTP ports: the printer may name a stale address,
/// and a hostile one must not send us elsewhere.
/// </summary>
internal static class SdcpHttp
{
    /// <summary>The Carbon's web server; resin boards serve everything on the SDCP port.</summary>
    public const int CarbonHttpPort = 80;

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
}
