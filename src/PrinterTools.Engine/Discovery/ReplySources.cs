using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PrinterTools.Discovery;

/// <summary>
/// Which source addresses may answer one search: the addresses it probed one by one, and for a
/// broadcast the segment the broadcast went to. Anything else that reaches the reply port (a
/// late reply to an earlier search, a device spoofing printers) is not an answer.
/// </summary>
public sealed class ReplySources
{
    private readonly HashSet<IPAddress> _addresses = new();
    private readonly List<(uint Network, uint Mask)> _segments = new();

    public static ReplySources For(DiscoveryRequest request, IEnumerable<IPAddress> hostAddresses)
    {
        var sources = new ReplySources();
        foreach (var address in hostAddresses.Concat(request.SubnetAddresses))
        {
            sources._addresses.Add(address);
        }
        if (request.Broadcast)
        {
            if (request.BroadcastAddresses.Count == 0)
            {
                // 255.255.255.255 and the multicast group reach the segments this host is on.
                sources._segments.AddRange(LocalSegments());
            }
            foreach (var target in request.BroadcastAddresses)
            {
                sources.AddSegmentOf(target);
            }
        }
        return sources;
    }

    public bool Contains(IPAddress source)
    {
        if (source.IsIPv4MappedToIPv6)
        {
            source = source.MapToIPv4();
        }
        if (_addresses.Contains(source))
        {
            return true;
        }
        var value = ToUInt32(source);
        return source.AddressFamily == AddressFamily.InterNetwork && _segments.Any(s => (value & s.Mask) == s.Network);
    }

    private void AddSegmentOf(IPAddress target)
    {
        if (IPAddress.IsLoopback(target))
        {
            // Virtual printers on one machine: the loopback network is their segment.
            _segments.Add((0x7F000000, 0xFF000000));
            return;
        }
        if (target.Equals(IPAddress.Broadcast))
        {
            _segments.AddRange(LocalSegments());
            return;
        }
        var value = ToUInt32(target);
        var local = LocalSegments().Where(s => (value & s.Mask) == s.Network).ToList();
        // A directed broadcast such as 10.1.2.255 reaches its own subnet: the local one it is in,
        // else (a routed subnet) its /24.
        _segments.AddRange(local.Count > 0 ? local : new[] { (value & 0xFFFFFF00, 0xFFFFFF00u) });
        _addresses.Add(target); // a unicast "broadcast" address given by hand answers for itself
    }

    private static IEnumerable<(uint Network, uint Mask)> LocalSegments()
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            yield break;
        }
        foreach (var nic in interfaces)
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily != AddressFamily.InterNetwork || unicast.IPv4Mask is null)
                {
                    continue;
                }
                var mask = ToUInt32(unicast.IPv4Mask);
                if (mask == 0)
                {
                    continue; // no mask reported: no segment to speak of
                }
                yield return (ToUInt32(unicast.Address) & mask, mask);
            }
        }
    }

    private static uint ToUInt32(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b.Length == 4 ? (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) : 0;
    }
}
