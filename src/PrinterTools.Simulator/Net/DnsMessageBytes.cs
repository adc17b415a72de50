using System;
using System.Reflection;
using ARSoft.Tools.Net.Dns;

namespace PrinterTools.Simulator.Net;

/// <summary>
/// DNS messages to bytes and back with ARSoft.Tools.Net, so no DNS wire format is written by hand. Parsing is
/// public (<see cref="DnsMessage.Parse"/>); encoding is not: in 3.6.1 <c>DnsMessageBase.Encode()</c> is internal
/// (its own DnsServer and clients call it). We call that same method, found once by reflection; the package
/// version is pinned in Directory.Packages.props, and a version without it fails loudly here, not on the wire.
/// </summary>
internal static class DnsMessageBytes
{
    private static readonly Lazy<MethodInfo> Encoder = new(() =>
        typeof(DnsMessageBase).GetMethod("Encode", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)
        ?? throw new MissingMethodException("ARSoft.Tools.Net no longer has DnsMessageBase.Encode(): check the pinned version."));

    /// <summary>The message as it goes in a UDP datagram (no TCP length prefix).</summary>
    public static byte[] Encode(DnsMessageBase message)
    {
        var package = (DnsRawPackage)Encoder.Value.Invoke(message, null)!;
        ArraySegment<byte> bytes = package.ToArraySegment(false);
        return bytes.ToArray();
    }

    /// <summary>The message, or null when the bytes are not one.</summary>
    public static DnsMessage? TryParse(ReadOnlySpan<byte> datagram)
    {
        try
        {
            return DnsMessage.Parse(new ArraySegment<byte>(datagram.ToArray()));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // ARSoft throws assorted exceptions on malformed input
        }
    }
}
