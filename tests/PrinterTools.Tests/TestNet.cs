using System;
using System.Net;
using System.Net.Sockets;

namespace PrinterTools.Tests;

/// <summary>
/// The loopback block this test run owns: 127.R.0.0/16 with R picked at random and held for the
/// life of the process by a socket on 127.R.255.254, so two runs at once (or a run beside a virtual
/// farm started by hand on 127.0.0.x) never bind the same address. Tests write addresses as
/// $"{TestNet.Block}.68.10".
/// </summary>
public static class TestNet
{
    private static readonly Socket Claim;

    static TestNet()
    {
        var random = new Random();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            // R = 0 is left to virtual farms started by hand (127.0.0.10 on) and to 127.0.0.1.
            var octet = random.Next(1, 255);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse($"127.{octet}.255.254"), 9));
                Claim = socket;
                Block = $"127.{octet}";
                return;
            }
            catch (SocketException)
            {
                socket.Dispose(); // another run holds this block
            }
        }
        throw new InvalidOperationException("No free 127.R.0.0/16 block for this test run.");
    }

    /// <summary>"127.R": the first two octets of every address this run uses.</summary>
    public static string Block { get; }

    /// <summary>An address of this run's block: At("68.10") is 127.R.68.10.</summary>
    public static string At(string lastTwoOctets) => $"{Block}.{lastTwoOctets}";

    /// <summary>Replaces "@net" with the block, for constant test data ([InlineData]).</summary>
    public static string Expand(string text) => text.Replace("@net", Block);

    public static IPAddress Ip(string lastTwoOctets) => IPAddress.Parse(At(lastTwoOctets));
}
