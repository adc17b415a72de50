using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Farms of any size (GeneratedFarm) and discovery at scale: a thousand printers all answer one segment probe.
/// Addresses 127.R.104.1 to 127.R.107.250 (the farm and its segment); the address arithmetic binds nothing.
/// </summary>
public sealed class BigFarmTests
{
    private const int Printers = 1000;

    [Fact]
    public async Task A_thousand_printers_each_answer_one_segment_probe_from_their_own_address()
    {
        IReadOnlyList<FlashForgePrinterOptions> options = GeneratedFarm.Create(TestNet.Ip("104.1"), Printers);
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(options, TestNet.Ip("107.250"));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // Room for every reply at once: with Linux's default 208 KiB only about 200 of the thousand fit, and the
        // rest, sent all the same, are dropped at the receiver.
        MakeRoom(client, 8 * 1024 * 1024);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendToAsync(new byte[8], SocketFlags.None, new IPEndPoint(farm.SegmentAddress!, 19000));
        Dictionary<IPAddress, int> replies = await ReceiveAsync(client, Printers);

        Assert.Equal(farm.Addresses.OrderBy(a => a.ToString()), replies.Keys.OrderBy(a => a.ToString()));
        Assert.All(farm.Printers, p => Assert.Equal(p.Model == FlashForgeModel.Adventurer4 ? 140 : 276, replies[p.Address]));
        Assert.All(farm.Printers, p => Assert.Equal((1, 0), (p.DiscoveryRepliesSent, p.DiscoveryRepliesFailed)));
    }

    [Fact]
    public void Generated_printers_take_consecutive_host_addresses_across_a_third_octet_and_alternate_models()
    {
        IReadOnlyList<FlashForgePrinterOptions> printers = GeneratedFarm.Create(TestNet.Ip("106.252"), 6);

        Assert.Equal(new[] { "106.252", "106.253", "106.254", "107.1", "107.2", "107.3" }.Select(TestNet.Ip), printers.Select(p => p.Address));
        Assert.Equal(new[] { FlashForgeModel.Adventurer4, FlashForgeModel.Adventurer5MPro }, printers.Take(2).Select(p => p.Model));
        Assert.Equal(3, printers.Count(p => p.Model == FlashForgeModel.Adventurer4));
        Assert.Equal(6, printers.Select(p => p.Name).Distinct().Count());
        Assert.Equal(6, printers.Select(p => p.SerialNumber).Distinct().Count());
        Assert.Equal(6, printers.Select(p => p.MacAddress).Distinct().Count());
        Assert.All(printers, p => Assert.Matches("^[0-9]{8}$", p.CheckCode));
        Assert.All(printers, p => Assert.Equal(VirtualJobState.Idle, p.State));

        // An address ending in .0 or .255 is no host: the farm starts at the next one.
        Assert.Equal(TestNet.Ip("106.1"), GeneratedFarm.Create(TestNet.Ip("106.0"), 1)[0].Address);
        Assert.Equal(TestNet.Ip("107.1"), GeneratedFarm.Create(TestNet.Ip("106.255"), 1)[0].Address);
        Assert.All(GeneratedFarm.Create(TestNet.Ip("106.1"), 3, FlashForgeModel.Adventurer5MPro), p => Assert.Equal(FlashForgeModel.Adventurer5MPro, p.Model));
    }

    /// <summary>SO_RCVBUFFORCE (root, as in CI) passes net.core.rmem_max by; elsewhere the plain option, capped by it.</summary>
    private static void MakeRoom(Socket socket, int bytes)
    {
        const int SolSocket = 1, SoRcvBufForce = 33; // Linux values
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
                return;
            }
        }
        catch (SocketException)
        {
            // not root: the plain option below
        }

        socket.ReceiveBufferSize = bytes;
    }

    /// <summary>The size of each sender's first reply; the timeout only keeps a broken run from hanging.</summary>
    private static async Task<Dictionary<IPAddress, int>> ReceiveAsync(Socket client, int count)
    {
        var replies = new Dictionary<IPAddress, int>();
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TestGuard.Limit);
        try
        {
            while (replies.Count < count)
            {
                SocketReceiveFromResult reply = await client.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
                replies.TryAdd(((IPEndPoint)reply.RemoteEndPoint).Address, reply.ReceivedBytes);
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"Only {replies.Count} of {count} printers' replies arrived.");
        }

        return replies;
    }
}
