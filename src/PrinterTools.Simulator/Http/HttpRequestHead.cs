using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PrinterTools.Simulator.Http;

/// <summary>The request line and headers of one HTTP/1.x request, as the printer's small server reads them.</summary>
internal sealed class HttpRequestHead
{
    private readonly Dictionary<string, string> _headers;

    private HttpRequestHead(string method, string target, string version, Dictionary<string, string> headers)
    {
        Method = method;
        Target = target;
        Version = version;
        _headers = headers;
    }

    public string Method { get; }

    /// <summary>The request target as sent: path and query.</summary>
    public string Target { get; }

    public string Version { get; }

    /// <summary>The target's path, percent-decoded, without the query.</summary>
    public string Path
    {
        get
        {
            string path = Target.Split('?', 2)[0];
            try
            {
                return Uri.UnescapeDataString(path);
            }
            catch (UriFormatException)
            {
                return path;
            }
        }
    }

    public string? Header(string name) => _headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The announced body length; null when absent, -1 when not a number.</summary>
    public long? ContentLength => Header("Content-Length") is not string text ? null
        : long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long length) ? length : -1;

    /// <summary>HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.</summary>
    public bool KeepAlive
    {
        get
        {
            string connection = Header("Connection") ?? string.Empty;
            return Version == "HTTP/1.1"
                ? !connection.Contains("close", StringComparison.OrdinalIgnoreCase)
                : connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>RFC 6455 §4.2.1: GET with <c>Upgrade: websocket</c>, <c>Connection: Upgrade</c> and a key.</summary>
    public bool IsWebSocketUpgrade =>
        Method == "GET"
        && (Header("Upgrade") ?? string.Empty).Contains("websocket", StringComparison.OrdinalIgnoreCase)
        && (Header("Connection") ?? string.Empty).Contains("upgrade", StringComparison.OrdinalIgnoreCase)
        && !string.IsNullOrWhiteSpace(Header("Sec-WebSocket-Key"));

    /// <summary>Parses a head (without its blank line); null when it is not a request.</summary>
    public static HttpRequestHead? Parse(ReadOnlySpan<byte> head)
    {
        string[] lines = Encoding.Latin1.GetString(head).Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || requestLine[1].Length == 0)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines[1..])
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            string name = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out string? earlier) ? earlier + ", " + value : value;
        }

        return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
    }
}
