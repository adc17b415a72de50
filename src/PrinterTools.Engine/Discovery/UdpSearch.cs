using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Discovery;

/// <summary>
/// One UDP search, as every vendor's discovery runs it: probes go out from one socket, and each
/// datagram from a source the search probed (see <see cref="ReplySources"/>) is handed to the
/// vendor's parser until -Timeout or until the caller stops listening.
/// </summary>
internal static class UdpSearch
{
    /// <param name="preferredPort">The reply port users open in firewalls; any port when it is taken (printers answer the source).</param>
    /// <param name="probes">The datagrams to send, given the reply port.</param>
    /// <param name="received">Told each datagram from an expected source, on the receive loop: it must not block.</param>
    public static async Task RunAsync(PrinterVendor vendor, DiscoveryRequest request, IReadOnlyList<IPAddress> hostAddresses, int preferredPort,
        Func<int, IEnumerable<(IPEndPoint Target, byte[] Payload)>> probes, Action<IPAddress, byte[]> received,
        CancellationToken cancel, CancellationToken stopListening = default)
    {
        using var udp = Bind(preferredPort);
        var replyPort = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        var rejected = new HashSet<IPAddress>();
        var expected = ReplySources.For(request, hostAddresses);
        // Linux reports twice what it granted, capped by net.core.rmem_max: a small figure here explains lost replies.
        request.Log?.Invoke($"Listening for {vendor} discovery replies on UDP port {replyPort} (receive buffer {udp.Client.ReceiveBufferSize / 1024} KiB).");

        foreach (var (target, payload) in probes(replyPort))
        {
            try
            {
                await udp.SendAsync(payload, payload.Length, target).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // One unroutable target (no multicast route, say) must not end the search.
            }
        }

        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancel, stopListening);
        window.CancelAfter(request.Timeout);
        using (window.Token.Register(() => udp.Dispose()))
        {
            while (!window.IsCancellationRequested)
            {
                UdpReceiveResult datagram;
                try
                {
                    datagram = await udp.ReceiveAsync().ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset && !window.IsCancellationRequested)
                {
                    // Windows reports an ICMP "port unreachable" from any probed host this way: not the end.
                    continue;
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    break;
                }
                var source = datagram.RemoteEndPoint.Address;
                if (!expected.Contains(source))
                {
                    // A late reply to an earlier search, or a device nobody asked: it is not an
                    // answer to this search, whatever it claims.
                    if (rejected.Add(source))
                    {
                        request.Log?.Invoke($"Ignored a discovery reply from {source}: no probe of this search went there.");
                    }
                    continue;
                }
                received(source, datagram.Buffer);
            }
        }
        cancel.ThrowIfCancellationRequested();
    }

    /// <summary>The probes' targets: the broadcast addresses given (or the real ones), then every host and subnet address.</summary>
    public static IEnumerable<IPEndPoint> Targets(DiscoveryRequest request, IReadOnlyList<IPAddress> hostAddresses, int port, IPAddress realBroadcast)
    {
        if (request.Broadcast)
        {
            if (request.BroadcastAddresses.Count == 0)
            {
                yield return new IPEndPoint(realBroadcast, port);
            }
            foreach (var address in request.BroadcastAddresses)
            {
                yield return new IPEndPoint(address, port);
            }
        }
        foreach (var address in hostAddresses)
        {
            yield return new IPEndPoint(address, port);
        }
        foreach (var address in request.SubnetAddresses)
        {
            yield return new IPEndPoint(address, port);
        }
    }

    private static UdpClient Bind(int preferredPort)
    {
        UdpClient udp;
        try
        {
            udp = new UdpClient(new IPEndPoint(IPAddress.Any, preferredPort)) { EnableBroadcast = true };
        }
        catch (SocketException)
        {
            // Another discovery (or the vendor's own tool) has the port: any port works, printers reply to the source.
            udp = new UdpClient(new IPEndPoint(IPAddress.Any, 0)) { EnableBroadcast = true };
        }
        IgnoreUnreachableReports(udp);
        try
        {
            // A farm's replies arrive in one burst: room for all of them until the loop drains them.
            udp.Client.ReceiveBufferSize = FleetLimits.DiscoveryReceiveBufferBytes;
        }
        catch (SocketException)
        {
            // The system refused the size; its default still works for a smaller farm.
        }
        return udp;
    }

    /// <summary>
    /// On Windows an ICMP "port unreachable" for any earlier datagram fails the next receive
    /// (SIO_UDP_CONNRESET); a subnet sweep meets many such hosts. Turning it off is Windows-only.
    /// </summary>
    private static void IgnoreUnreachableReports(UdpClient udp)
    {
        const int SioUdpConnReset = unchecked((int)0x9800000C);
        if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows))
        {
            try
            {
                udp.Client.IOControl(SioUdpConnReset, new byte[] { 0, 0, 0, 0 }, null);
            }
            catch (SocketException)
            {
            }
        }
    }
}
