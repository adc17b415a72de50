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
/// A farm's loopback "segment": a probe to one extra address is answered by every printer from its own address,
/// as printers on a LAN answer a broadcast (notes §1.1: reply to the probe's source; §1.2: ports). Addresses 127.R.83.x.
/// </summary>
public sealed class SegmentDiscoveryTests
{
    [Fact]
    public async Task A_probe_to_the_segment_is_answered_by_each_printer_from_its_own_address_and_port()
    {
        await using VirtualPrinterFarm farm = await StartFarm("83", segment: TestNet.Ip("83.1"));
        VirtualFlashForgePrinter a4 = farm.Printers[0], pro = farm.Printers[1], faulty = farm.Printers[2], mute = farm.Printers[3];
        Assert.Equal(TestNet.Ip("83.1"), farm.SegmentAddress);
        Assert.Equal(new[] { 19000, 48899, 8899 }, farm.SegmentPorts);

        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(new byte[8], new IPEndPoint(farm.SegmentAddress!, 19000));
        Dictionary<IPEndPoint, byte[]> replies = await ReceiveAsync(client, 3);

        Assert.Equal(new[] { a4, pro, faulty }.Select(p => new IPEndPoint(p.Address, 19000)).OrderBy(e => e.ToString()),
            replies.Keys.OrderBy(e => e.ToString()));
        Assert.Equal(140, replies[new IPEndPoint(a4.Address, 19000)].Length);
        Assert.Equal(276, replies[new IPEndPoint(pro.Address, 19000)].Length);
        Assert.Equal(100, replies[new IPEndPoint(faulty.Address, 19000)].Length); // its own fault: WrongDiscoverySize
        Assert.Equal(0, mute.DiscoveryRepliesSent); // AnswerDiscovery = false holds on the segment too
    }

    [Fact]
    public async Task Only_printers_listening_on_the_probed_port_answer()
    {
        await using VirtualPrinterFarm farm = await StartFarm("83", segment: TestNet.Ip("83.2"), first: 20);
        VirtualFlashForgePrinter a4 = farm.Printers[0];

        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Array.Empty<byte>(), new IPEndPoint(farm.SegmentAddress!, 8899));
        Dictionary<IPEndPoint, byte[]> replies = await ReceiveAsync(client, 1);

        // §1.2: 8899 is the legacy port only; the 5M Pros listen on 19000 and 48899.
        Assert.Equal(new IPEndPoint(a4.Address, 8899), Assert.Single(replies.Keys));
        Assert.All(farm.Printers.Skip(1), p => Assert.Equal(0, p.DiscoveryRepliesSent));
    }

    [Fact]
    public async Task A_segment_port_held_by_another_socket_is_skipped_and_the_farm_still_starts()
    {
        IPAddress segment = TestNet.Ip("83.3");
        using var squatter = new UdpClient(new IPEndPoint(segment, 19000));

        await using VirtualPrinterFarm farm = await StartFarm("83", segment, first: 30);

        Assert.Equal(new[] { 48899, 8899 }, farm.SegmentPorts);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Array.Empty<byte>(), new IPEndPoint(segment, 48899));
        Assert.Equal(3, (await ReceiveAsync(client, 3)).Count);
    }

    [Fact]
    public async Task Without_a_segment_nothing_listens_beyond_the_printers_and_a_non_loopback_segment_is_refused()
    {
        await using (VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(Printers("83", 40)))
        {
            Assert.Null(farm.SegmentAddress);
            Assert.Empty(farm.SegmentPorts);
        }

        await Assert.ThrowsAsync<ArgumentException>(() =>
            VirtualPrinterFarm.StartAsync(Printers("83", 50), IPAddress.Parse("192.168.1.255")));
        // Refused before any printer started: the addresses are free.
        await using VirtualPrinterFarm again = await VirtualPrinterFarm.StartAsync(Printers("83", 50));
        Assert.Equal(IPAddress.Loopback, VirtualPrinterFarm.DefaultSegmentAddress); // the Program's default farm
    }

    private static Task<VirtualPrinterFarm> StartFarm(string third, IPAddress segment, int first = 10) =>
        VirtualPrinterFarm.StartAsync(Printers(third, first), segment);

    /// <summary>An A4, a 5M Pro, a 5M Pro with a wrong-size reply and one that ignores discovery.</summary>
    private static IEnumerable<FlashForgePrinterOptions> Printers(string third, int first) => new[]
    {
        new FlashForgePrinterOptions { Address = TestNet.Ip($"{third}.{first}"), Model = FlashForgeModel.Adventurer4 },
        new FlashForgePrinterOptions { Address = TestNet.Ip($"{third}.{first + 1}") },
        new FlashForgePrinterOptions { Address = TestNet.Ip($"{third}.{first + 2}"), Fault = FlashForgeFault.WrongDiscoverySize },
        new FlashForgePrinterOptions { Address = TestNet.Ip($"{third}.{first + 3}"), AnswerDiscovery = false },
    };

    /// <summary>The first <paramref name="count"/> replies by sender; the timeout only keeps a broken run from hanging.</summary>
    private static async Task<Dictionary<IPEndPoint, byte[]>> ReceiveAsync(UdpClient client, int count)
    {
        var replies = new Dictionary<IPEndPoint, byte[]>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (replies.Count < count)
        {
            UdpReceiveResult result = await client.ReceiveAsync(timeout.Token);
            replies[result.RemoteEndPoint] = result.Buffer;
        }

        return replies;
    }
}
