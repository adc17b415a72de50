using System.Text;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Http;

/// <summary>Writes an HTTP/1.1 response head and body as the printer's small server sends them.</summary>
internal static class HttpReplyBytes
{
    /// <param name="paddedLength">
    /// §6.1: the Mars 5 Ultra pads Content-Length with trailing spaces (<c>"58         "</c>); the resin fake does
    /// the same so a strict client that refuses it fails here too.
    /// </param>
    public static byte[] Build(HttpReply reply, bool keepAlive, bool paddedLength = false, bool headOnly = false)
    {
        string length = reply.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (paddedLength)
        {
            length = length.PadRight(11);
        }

        string head = $"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\n"
            + $"Content-Type: {reply.ContentType}\r\n"
            + $"Content-Length: {length}\r\n"
            + $"Connection: {(keepAlive ? "keep-alive" : "close")}\r\n\r\n";
        byte[] headBytes = Encoding.ASCII.GetBytes(head);
        if (headOnly)
        {
            return headBytes;
        }

        var all = new byte[headBytes.Length + reply.Body.Length];
        headBytes.CopyTo(all, 0);
        reply.Body.CopyTo(all, headBytes.Length);
        return all;
    }

    public static HttpReply Text(int status, string text) => new(status, "text/plain", Encoding.ASCII.GetBytes(text));

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Payload Too Large",
        500 => "Internal Server Error",
        _ => "Unknown",
    };
}
