using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PrinterTools.Discovery;

/// <summary>An IPv4 CIDR range such as 10.1.2.0/24, expanded to its host addresses.</summary>
public static class SubnetRange
{
    /// <summary>A /16 is 65 534 hosts: beyond that a unicast sweep is a flood, not a search.</summary>
    public const int SmallestPrefix = 16;

    public static IReadOnlyList<IPAddress> Expand(string cidr)
    {
        var slash = cidr.IndexOf('/');
        if (slash < 0
            || !IPAddress.TryParse(cidr.Substring(0, slash), out var network)
            || network.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(cidr.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > 32)
        {
            throw new FormatException($"'{cidr}' is not an IPv4 subnet such as 10.1.2.0/24.");
        }
        if (prefix < SmallestPrefix)
        {
            throw new FormatException($"'{cidr}' is larger than a /{SmallestPrefix}; split it into smaller subnets.");
        }
        var bytes = network.GetAddressBytes();
        var start = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var first = start & mask;
        var last = first | ~mask;
        // /31 and /32 have no network or broadcast address to skip.
        if (prefix < 31)
        {
            first++;
            last--;
        }
        var result = new List<IPAddress>((int)(last - first + 1));
        for (var a = first; a <= last && a >= first; a++)
        {
            result.Add(new IPAddress(new[] { (byte)(a >> 24), (byte)(a >> 16), (byte)(a >> 8), (byte)a }));
        }
        return result;
    }
}
