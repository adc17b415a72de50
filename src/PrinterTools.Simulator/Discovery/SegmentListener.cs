using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Discovery;

/// <summary>
/// The farm's "LAN segment": one extra loopback address (127.0.0.1 for the Program's farm) listening on the
/// FlashForge discovery ports of §1.2 (19000, 48899, 8899), when the farm has Elegoo printers on SDCP's UDP 3000
/// (sdcp.md §2), and when it has Creality printers on mDNS's UDP 5353 (creality.md §1.1). A probe sent there
/// stands for a broadcast (or multicast): every printer of the farm answers it from its own address (see
/// <see cref="DiscoveryServer.AnswerSegmentProbe"/>).
/// </summary>
internal sealed class SegmentListener : IAsyncDisposable
{
    // The union of the modern and legacy ports; each printer answers only on the ports it listens on itself.
    public static IReadOnlyList<int> FlashForgePorts => DiscoveryServer.LegacyPorts;

    /// <summary>The ports a farm's segment listens on: SDCP's 3000 and mDNS's 5353 too only when printers would answer there.</summary>
    public static IReadOnlyList<int> PortsFor(bool withElegoo, bool withCreality = false)
    {
        IEnumerable<int> ports = FlashForgePorts;
        if (withElegoo)
        {
            ports = ports.Append(Elegoo.ElegooFamilyDefaults.DiscoveryPort);
        }

        if (withCreality)
        {
            ports = ports.Append(Creality.CrealityModelDefaults.MdnsPort);
        }

        return ports.ToArray();
    }

    private readonly IReadOnlyList<int> _ports;
    private readonly Action<int, IPEndPoint, ReadOnlyMemory<byte>> _probe;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<UdpClient> _sockets = new();
    private readonly List<Task> _loops = new();
    private readonly List<int> _bound = new();

    /// <param name="ports">The ports to listen on (see <see cref="PortsFor"/>).</param>
    /// <param name="probe">Called with the port, the source and the payload of each probe.</param>
    public SegmentListener(IReadOnlyList<int> ports, Action<int, IPEndPoint, ReadOnlyMemory<byte>> probe)
    {
        _ports = ports;
        _probe = probe;
    }

    /// <summary>The ports the segment was asked to listen on; <see cref="BoundPorts"/> says which it got.</summary>
    public IReadOnlyList<int> Ports => _ports;

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
        foreach (int port in _ports)
        {
            UdpClient socket;
            try
            {
                socket = Bind(address, port);
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

    /// <summary>
    /// The mDNS port alone takes SO_REUSEADDR: a desktop's avahi or systemd-resolved holds *:5353 with it, and
    /// without it too the segment could never bind 5353 there (the Creality printers' own sockets do the same).
    /// </summary>
    private static UdpClient Bind(IPAddress address, int port)
    {
        if (port != Creality.CrealityModelDefaults.MdnsPort)
        {
            return new UdpClient(new IPEndPoint(address, port));
        }

        var socket = new UdpClient(AddressFamily.InterNetwork);
        try
        {
            socket.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Client.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
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

            _probe(port, probe.RemoteEndPoint, probe.Buffer);
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
