using System;
using System.Security.Cryptography;
using System.Text;

namespace PrinterTools.Simulator.Http;

/// <summary>The server side of the RFC 6455 opening handshake (SDCP and Creality), and the CC's refusal when it is full (sdcp.md §3.6).</summary>
internal static class WebSocketHandshake
{
    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>§3.6: the body the CC sends to the 6th client, literally.</summary>
    public const string RefusalBody = "too many client";

    /// <summary>
    /// 101 with the accept key. No extension: permessage-deflate offers are declined (sdcp.md §3.1). A
    /// <paramref name="subprotocol"/> (one the client offered) is named in the answer; SDCP passes none.
    /// </summary>
    public static byte[] Accept(string key, string? subprotocol = null) => Encoding.ASCII.GetBytes(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + (string.IsNullOrEmpty(subprotocol) ? string.Empty : $"Sec-WebSocket-Protocol: {subprotocol}\r\n")
        + $"Sec-WebSocket-Accept: {AcceptKey(key)}\r\n\r\n");

    /// <summary>HTTP 500 with the literal body and no upgrade; the connection then closes.</summary>
    public static byte[] Refuse() => Encoding.ASCII.GetBytes(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
        + $"Content-Length: {RefusalBody.Length}\r\nConnection: close\r\n\r\n{RefusalBody}");

    public static string AcceptKey(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + KeyGuid)));
}
