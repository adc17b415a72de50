using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.ElegooTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// SDCP discovery, notes §2: UDP 3000, the exact probe M99999, the flat V3 reply unicast to the sender, in the
/// shapes of cc-v1.1.46-discovery-reply.json and s4u-v1.1.9-discovery-reply.json. Addresses 127.R.150.x.
/// </summary>
public sealed class ElegooDiscoveryTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(ElegooFamily.CentauriCarbon, "150.1", "cc-v1.1.46-discovery-reply.json", "979d4C788A4a78bC777A870F1A02867A", 32)]
    [InlineData(ElegooFamily.Saturn4Ultra, "150.2", "s4u-v1.1.9-discovery-reply.json", "f25273b12b094c5a8b9513a30ca60049", 16)]
    public async Task The_probe_gets_the_flat_v3_reply_of_the_family_from_the_printers_own_address(ElegooFamily family, string at, string capture, string id, int idLength)
    {
        await using VirtualElegooPrinter printer = await StartAsync(at, family);

        var reply = await ProbeAsync(new IPEndPoint(printer.Address, 3000), " M99999\n", Guard);

        Assert.NotNull(reply);
        Assert.Equal(new IPEndPoint(printer.Address, 3000), reply.Value.From);
        JsonElement json = JsonDocument.Parse(reply.Value.Text).RootElement;
        JsonElement real = Capture(capture);
        Assert.Equal(Keys(real), Keys(json));
        Assert.Equal(Keys(real.GetProperty("Data")), Keys(json.GetProperty("Data")));
        Assert.Equal(id, json.GetProperty("Id").GetString());
        JsonElement data = json.GetProperty("Data");
        Assert.Equal(printer.Address.ToString(), data.GetProperty("MainboardIP").GetString());
        Assert.Equal("ELEGOO", data.GetProperty("BrandName").GetString());
        Assert.Equal("V3.0.0", data.GetProperty("ProtocolVersion").GetString());
        Assert.Equal(real.GetProperty("Data").GetProperty("MachineName").GetString(), data.GetProperty("MachineName").GetString());
        Assert.Equal(real.GetProperty("Data").GetProperty("FirmwareVersion").GetString(), data.GetProperty("FirmwareVersion").GetString());
        Assert.Matches($"^[0-9a-f]{{{idLength}}}$", data.GetProperty("MainboardID").GetString());
    }

    [Fact]
    public async Task Anything_but_the_exact_probe_is_ignored()
    {
        await using VirtualElegooPrinter printer = await StartAsync("150.3", ElegooFamily.CentauriCarbon);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(printer.Address, 3000);
        foreach (string junk in new[] { "M66666 3000", "M999999", "{\"Cmd\":0}", "m99999", "" })
        {
            await client.SendAsync(Encoding.ASCII.GetBytes(junk), target);
        }

        await client.SendAsync("M99999"u8.ToArray(), target);
        using var guard = new CancellationTokenSource(Guard);
        UdpReceiveResult reply = await client.ReceiveAsync(guard.Token);

        // Sent in order on one socket: had any junk been answered, its reply would be counted by now.
        Assert.Contains("\"MainboardID\"", Encoding.UTF8.GetString(reply.Buffer));
        Assert.Equal(1, printer.DiscoveryRepliesSent);
        Assert.Equal(0, client.Available);
    }

    [Fact]
    public async Task A_probe_to_the_farm_segment_is_answered_by_each_elegoo_printer_from_its_own_address()
    {
        var flashForge = new[] { new FlashForgePrinterOptions { Address = TestNet.Ip("150.10") } };
        var elegoo = new[]
        {
            new ElegooPrinterOptions { Address = TestNet.Ip("150.11"), Family = ElegooFamily.CentauriCarbon, DiscoveryDelay = TimeSpan.Zero },
            new ElegooPrinterOptions { Address = TestNet.Ip("150.12"), Family = ElegooFamily.Saturn4Ultra, DiscoveryDelay = TimeSpan.Zero },
            new ElegooPrinterOptions { Address = TestNet.Ip("150.13"), Family = ElegooFamily.Saturn4Ultra, ListenForDiscovery = false },
        };
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(flashForge, elegoo, TestNet.Ip("150.9"));
        Assert.Contains(3000, farm.SegmentPorts);
        Assert.Equal(new[] { "150.10", "150.11", "150.12", "150.13" }.Select(TestNet.Ip), farm.Addresses);

        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync("M99999"u8.ToArray(), new IPEndPoint(farm.SegmentAddress!, 3000));
        var from = new List<IPEndPoint>();
        using var guard = new CancellationTokenSource(Guard);
        while (from.Count < 2)
        {
            from.Add((await client.ReceiveAsync(guard.Token)).RemoteEndPoint);
        }

        Assert.Equal(new[] { "150.11", "150.12" }.Select(a => new IPEndPoint(TestNet.Ip(a), 3000)), from.OrderBy(e => e.ToString()));
        Assert.Equal(0, farm.Printers[0].DiscoveryRepliesSent); // FlashForge printers do not listen on 3000
        Assert.Equal(0, farm.ElegooPrinters[2].DiscoveryRepliesSent);
    }

    [Fact]
    public async Task A_farm_without_elegoo_printers_leaves_udp_3000_alone()
    {
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(
            new[] { new FlashForgePrinterOptions { Address = TestNet.Ip("150.21") } }, TestNet.Ip("150.20"));
        Assert.DoesNotContain(3000, farm.SegmentPorts);
        Assert.Empty(farm.ElegooPrinters);
    }
}
