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
        _addresses.Add(target); // an address given by hand answers for itself
        var value = ToUInt32(target);
        if (IPAddress.IsLoopback(target))
        {
            // Virtual printers on one machine: a farm's segment address and its printers share a
            // /24 (127.0.0.1 and 127.0.0.10-13), and other farms on the machine are not in it.
            _segments.Add((value & 0xFFFFFF00, 0xFFFFFF00));
            return;
        }
        if (target.Equals(IPAddress.Broadcast))
        {
            _segments.AddRange(LocalSegments());
            return;
        }
        var local = LocalSegments().Where(s => (value & s.Mask) == s.Network).ToList();
        if (local.Count > 0)
        {
            _segments.AddRange(local);
            return;
        }
        // A directed broadcast to a routed subnet ends in as many one bits as the subnet has host
        // bits: 10.1.255.255 is 10.1.0.0/16. An address without trailing ones is a host.
        var hostBits = 0;
        while (hostBits < 24 && (value >> hostBits & 1) == 1)
        {
            hostBits++;
        }
        if (hostBits > 0)
        {
            var mask = uint.MaxValue << hostBits;
            _segments.Add((value & mask, mask));
        }
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
