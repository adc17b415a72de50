using System.Net;

namespace PrinterTools.Simulator.Http;

/// <summary>
/// The strictest embedded HTTP servers take a request body only when its length is announced: a request without
/// Content-Length (a chunked body) is answered 411 Length Required, and its body is never used.
/// </summary>
internal static class LengthRequired
{
    /// <summary>A request that may carry a body (not GET or HEAD) but announces no Content-Length.</summary>
    public static bool Lacks(HttpListenerRequest request) =>
        request.Headers["Content-Length"] is null && request.HttpMethod is not ("GET" or "HEAD");

    public static HttpReply Reply() => new(411, "text/plain", "Length Required"u8.ToArray());
}
