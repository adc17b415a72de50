using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;

namespace PrinterTools.FlashForge;

/// <summary>
/// FlashForge UDP discovery, sending what FlashPrint sends: an 8-byte probe (our IPv4 and reply
/// port) to port 19000 and "www.usr.cn" + ten NULs to port 48899. Printers ignore the payload
/// and answer the probe's source address and port.
/// </summary>
public static class FlashForgeDiscovery
{
    public static readonly IPAddress MulticastGroup = IPAddress.Parse("225.0.0.9");
    public const int MulticastPort = 19000;
    public const int BroadcastPort = 48899;

    /// <summary>The port FlashPrint-style tools reply to and users open in firewalls.</summary>
    public const int PreferredReplyPort = 18007;

    /// <summary>FlashPrint's broadcast probe (USR-IOT Wi-Fi module convention).</summary>
    public static byte[] BroadcastProbe()
    {
        var probe = new byte[20];
        Encoding.ASCII.GetBytes("www.usr.cn").CopyTo(probe, 0);
        return probe;
    }

    /// <summary>FlashPrint's multicast probe: IPv4 address, reply port (big-endian), two zero bytes.</summary>
    public static byte[] MulticastProbe(IPAddress local, int replyPort)
    {
        var probe = new byte[8];
        local.MapToIPv4().GetAddressBytes().CopyTo(probe, 0);
        probe[4] = (byte)(replyPort >> 8);
        probe[5] = (byte)replyPort;
        return probe;
    }

    /// <summary>
    /// Sends the probes and reports each printer once, as it answers, until the timeout or until
    /// <paramref name="stopListening"/> (the caller knows enough: every named host answered). Replies only count from where this search sent probes; invalid ones are reported
    /// through <paramref name="problem"/>. Returns the addresses that answered.
    /// </summary>
    public static Task<ISet<IPAddress>> DiscoverAsync(DiscoveryRequest request, IReadOnlyList<IPAddress> hostAddresses,
        Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel, CancellationToken stopListening = default) =>
        DiscoverRepliesAsync(request, hostAddresses, (address, reply) => found(ToPrinterInfo(address.ToString(), reply)), problem, cancel, stopListening);

    /// <summary>The same, reporting each printer's parsed reply (its TCP port, for one).</summary>
    public static async Task<ISet<IPAddress>> DiscoverRepliesAsync(DiscoveryRequest request, IReadOnlyList<IPAddress> hostAddresses,
        Action<IPAddress, FlashForgeDiscoveryReply> found, Action<PrinterException> problem, CancellationToken cancel, CancellationToken stopListening = default)
    {
        var answered = new ConcurrentDictionary<IPAddress, bool>();
        var invalid = new HashSet<IPAddress>();
        await UdpSearch.RunAsync(PrinterVendor.FlashForge, request, hostAddresses, PreferredReplyPort, replyPort => Probes(request, hostAddresses, replyPort), (source, datagram) =>
        {
            var reply = FlashForgeDiscoveryReply.TryParse(datagram);
            if (reply is null)
            {
                // A device answers each of our probes: one error per device is enough.
                if (invalid.Add(source))
                {
                    problem(new PrinterException(PrinterErrorKind.ProtocolError, source.ToString(),
                        $"{source} sent a {datagram.Length}-byte datagram that is not a FlashForge discovery reply " +
                        $"({FlashForgeDiscoveryReply.LegacyLength} or {FlashForgeDiscoveryReply.ModernLength} bytes with vendor id 0x2B71)."));
                }
            }
            else if (answered.TryAdd(source, true))
            {
                found(source, reply);
            }
        }, cancel, stopListening).ConfigureAwait(false);
        return new HashSet<IPAddress>(answered.Keys);
    }

    public static PrinterInfo ToPrinterInfo(string address, FlashForgeDiscoveryReply reply) => new()
    {
        Name = reply.Name,
        Vendor = PrinterVendor.FlashForge,
        Model = reply.Model,
        Address = address,
        SerialNumber = string.IsNullOrEmpty(reply.SerialNumber) ? null : reply.SerialNumber,
        Protocol = reply.IsModern ? $"FlashForge TCP {reply.CommandPort} + HTTP {reply.HttpPort}" : $"FlashForge TCP {reply.CommandPort}",
        Capabilities = Capabilities(reply.IsModern),
    };

    public static string[] Capabilities(bool modern) =>
        modern ? new[] { "Status", "Gcode", "Light", "HttpStatus" } : new[] { "Status", "Gcode", "Light" };

    private static IEnumerable<(IPEndPoint Target, byte[] Payload)> Probes(DiscoveryRequest request, IReadOnlyList<IPAddress> hostAddresses, int replyPort)
    {
        var broadcastProbe = BroadcastProbe();
        var unicast = new List<IPAddress>(hostAddresses);
        unicast.AddRange(request.SubnetAddresses);
        if (request.Broadcast)
        {
            if (request.BroadcastAddresses.Count == 0)
            {
                yield return (new IPEndPoint(MulticastGroup, MulticastPort), MulticastProbe(LocalAddressFor(MulticastGroup), replyPort));
                yield return (new IPEndPoint(IPAddress.Broadcast, BroadcastPort), broadcastProbe);
                yield break;
            }
            unicast.AddRange(request.BroadcastAddresses);
        }
        foreach (var address in unicast)
        {
            var probe = MulticastProbe(LocalAddressFor(address), replyPort);
            yield return (new IPEndPoint(address, MulticastPort), probe);
            yield return (new IPEndPoint(address, BroadcastPort), broadcastProbe);
            // Legacy printers may listen on 8899 only (RE notes, unconfirmed): costs one datagram.
            yield return (new IPEndPoint(address, FlashForgeTcpClient.DefaultPort), probe);
        }
    }

    /// <summary>Our address on the route to a target (a UDP connect sends nothing).</summary>
    private static IPAddress LocalAddressFor(IPAddress target)
    {
        if (IPAddress.IsLoopback(target))
        {
            return IPAddress.Loopback;
        }
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(target, MulticastPort);
            return ((IPEndPoint)socket.LocalEndPoint!).Address;
        }
        catch (SocketException)
        {
            return IPAddress.Any;
        }
    }
}
