using System.Collections.Concurrent;
using System.Net;

namespace PrinterTools.Simulator.Http;

/// <summary>
/// Which client endpoints (ip:port, one per TCP connection) have a request under way, so the first request of a
/// connection can pay for the handshake that loopback does not cost (see FlashForgePrinterOptions.Latency).
/// </summary>
internal sealed class ClientConnections
{
    private readonly ConcurrentDictionary<IPEndPoint, byte> _open = new();

    /// <summary>True when no request from this endpoint is known: it came on a new connection.</summary>
    public bool Opened(IPEndPoint? client) => client is null || _open.TryAdd(client, 0);

    /// <summary>
    /// Every answer closes its connection ("Connection: close", notes §3.1), so the endpoint is forgotten: a later
    /// request from the same ip:port is a new connection that reused the port.
    /// </summary>
    public void Closed(IPEndPoint? client)
    {
        if (client is not null)
        {
            _open.TryRemove(client, out _);
        }
    }
}
