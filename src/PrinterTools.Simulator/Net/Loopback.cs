using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace PrinterTools.Simulator.Net;

/// <summary>The simulator must never talk to a real network: every address it binds is checked here.</summary>
internal static class Loopback
{
    public static void Require(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork || address.GetAddressBytes()[0] != 127)
        {
            throw new ArgumentException($"Virtual printers bind only IPv4 loopback addresses (127.0.0.0/8), not {address}.", nameof(address));
        }
    }

    /// <summary>
    /// <paramref name="count"/> host addresses from <paramref name="first"/> on, as on a LAN: after .254 comes .1 of
    /// the next /24 (.0 and .255, network and broadcast there, are skipped). Stays inside 127.0.0.0/8.
    /// </summary>
    public static IReadOnlyList<IPAddress> Hosts(IPAddress first, int count)
    {
        Require(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var hosts = new List<IPAddress>(count);
        for (IPAddress next = first; hosts.Count < count; next = Offset(next, 1))
        {
            if (next.GetAddressBytes()[3] is not (0 or 255))
            {
                hosts.Add(next);
            }
        }

        return hosts;
    }

    /// <summary>The address <paramref name="steps"/> after <paramref name="first"/>, staying inside 127.0.0.0/8.</summary>
    public static IPAddress Offset(IPAddress first, int steps)
    {
        Require(first);
        byte[] bytes = first.GetAddressBytes();
        uint value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)steps;
        var next = new IPAddress(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
        Require(next);
        return next;
    }
}
