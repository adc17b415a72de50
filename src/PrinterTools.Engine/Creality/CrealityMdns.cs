using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using DnsClient;

namespace PrinterTools.Creality;

/// <summary>
/// Creality's discovery over mDNS (creality.md §1.1, §1.2): the DNS-SD service enumeration that
/// Creality Print sends to 224.0.0.251:5353, and the printers' answers, a PTR to
/// <c>_Creality-&lt;SN&gt;._udp.local</c>. The printer's address is the reply's source.
/// </summary>
internal static class CrealityMdns
{
    public const int Port = 5353;

    /// <summary>The mDNS group; tests and the virtual printers pass a loopback target instead.</summary>
    public static readonly System.Net.IPAddress Group = System.Net.IPAddress.Parse("224.0.0.251");

    /// <summary>
    /// The one query, fixed, byte for byte what Creality Print sends (mdns.h mdns_services_query,
    /// §1.1): no DNS library this module can load on both PowerShell 5.1 and 7 writes messages
    /// (DnsClient's writer is internal), and the replies are read with DnsClient.
    /// </summary>
    public static byte[] Query() => new byte[]
    {
        0x00, 0x00, // id 0, as multicast DNS asks
        0x00, 0x00, // flags: a standard query
        0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // one question, no records
        9, (byte)'_', (byte)'s', (byte)'e', (byte)'r', (byte)'v', (byte)'i', (byte)'c', (byte)'e', (byte)'s',
        7, (byte)'_', (byte)'d', (byte)'n', (byte)'s', (byte)'-', (byte)'s', (byte)'d',
        4, (byte)'_', (byte)'u', (byte)'d', (byte)'p',
        5, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l',
        0,
        0x00, 0x0C, // type PTR
        0x80, 0x01, // class IN with the unicast-response bit: answers come back to this socket
    };

    private const int PtrType = 12;
    private static readonly Regex CrealityService = new(@"^_creality-([^.]+)\._udp\.local\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The serial numbers a reply names in PTR records of Creality services; empty for any other
    /// reply, and for a datagram that is not a DNS response at all (it is never an error: anything
    /// on the LAN may answer mDNS).
    /// </summary>
    public static IReadOnlyList<string> SerialsIn(byte[] datagram)
    {
        var serials = new List<string>();
        try
        {
            var reader = new DnsDatagramReader(new ArraySegment<byte>(datagram));
            reader.ReadUInt16NetworkOrder(); // id
            var flags = reader.ReadUInt16NetworkOrder();
            if ((flags & 0x8000) == 0 || (flags & 0x7800) != 0)
            {
                return serials; // a query, or not a standard one
            }
            var questions = reader.ReadUInt16NetworkOrder();
            var records = reader.ReadUInt16NetworkOrder() + reader.ReadUInt16NetworkOrder() + reader.ReadUInt16NetworkOrder();
            for (var i = 0; i < questions; i++)
            {
                reader.ReadQuestionQueryString();
                reader.Advance(4); // type, class
            }
            for (var i = 0; i < records; i++)
            {
                var owner = reader.ReadDnsName().Value;
                var type = reader.ReadUInt16NetworkOrder();
                reader.Advance(2 + 4); // class, TTL
                var length = reader.ReadUInt16NetworkOrder();
                var end = reader.Index + length;
                if (type == PtrType)
                {
                    Collect(reader.ReadDnsName().Value, serials);
                }
                Collect(owner, serials);
                if (reader.Index > end || end > datagram.Length)
                {
                    break; // a record longer than its length or the datagram: nothing after it can be read
                }
                reader.Advance(end - reader.Index);
            }
        }
        catch (Exception e) when (e is DnsResponseParseException or IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            // Truncated or malformed: what was read before it counts.
        }
        return serials;
    }

    private static void Collect(string name, List<string> serials)
    {
        var match = CrealityService.Match(name);
        if (match.Success && PrinterText.Clean(match.Groups[1].Value) is { Length: > 0 } serial && !serials.Contains(serial))
        {
            serials.Add(serial);
        }
    }
}
