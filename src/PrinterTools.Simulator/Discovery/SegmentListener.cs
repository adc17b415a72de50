using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Discovery;

/// <summary>
/// The farm's "LAN segment": one extra loopback address (127.0.0.1 for the Program's farm) listening on the
/// discovery ports of §1.2 (19000, 48899, 8899). A probe sent there stands for a broadcast: every printer of the
/// farm answers it from its own address (see <see cref="DiscoveryServer.AnswerSegmentProbe"/>).
/// </summary>
internal sealed class SegmentListener : IAsyncDisposable
{
    // The union of the modern and legacy ports; each printer answers only on the ports it listens on itself.
    public static IReadOnlyList<int> Ports => DiscoveryServer.LegacyPorts;

    private readonly Action<int, IPEndPoint> _probe;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<UdpClient> _sockets = new();
    private readonly List<Task> _loops = new();
    private readonly List<int> _bound = new();

    /// <param name="probe">Called with the port and the source of each probe.</param>
    public SegmentListener(Action<int, IPEndPoint> probe) => _probe = probe;

    /// <summary>The ports actually bound: a port another process holds is skipped.</summary>
    public IReadOnlyList<int> BoundPorts => _bound;

    /// <summary>
    /// Binds each port it can. No SO_REUSEADDR: on Linux two UDP sockets sharing an address and port get each
    /// unicast datagram one at a time, never both, so a second farm would steal probes from the first rather than
    /// share them. A taken port is left to whoever holds it and the farm starts anyway (see BoundPorts).
    /// </summary>
    public void Start(IPAddress address)
    {
        Loopback.Require(address);
        foreach (int port in Ports)
        {
            UdpClient socket;
            try
            {
                socket = new UdpClient(new IPEndPoint(address, port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                continue;
            }

            _sockets.Add(socket);
            _bound.Add(port);
            _loops.Add(Task.Run(() => ServeAsync(socket, port, _stop.Token)));
        }
    }

    private async Task ServeAsync(UdpClient socket, int port, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            UdpReceiveResult probe;
            try
            {
                probe = await socket.ReceiveAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a stale ICMP error must not end the segment
            }

            _probe(port, probe.RemoteEndPoint);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (UdpClient socket in _sockets)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
    }
}
