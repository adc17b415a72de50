using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>UDP discovery replies, notes §1. Addresses 127.R.50.x.</summary>
public sealed class DiscoveryTests
{
    [Fact]
    public async Task Modern_reply_is_276_bytes_with_fields_at_their_offsets_and_goes_to_the_probe_source()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.50.1"),
            Model = FlashForgeModel.Adventurer5MPro,
            Name = "Bench Pro",
            SerialNumber = "SNMOMC9900001",
            State = VirtualJobState.Printing,
        });

        // The FlashPrint 8-byte probe claims a different reply port; the reply must go to the real source port.
        (byte[] reply, IPEndPoint from, int ourPort) = await ProbeAsync(printer.Address, 19000,
            new byte[] { 0xc0, 0xa8, 0x02, 0x0b, 0x46, 0x52, 0x00, 0x00 });

        Assert.Equal(276, reply.Length);
        Assert.Equal(new IPEndPoint(printer.Address, 19000), from);
        Assert.NotEqual(18002, ourPort);
        Assert.Equal("Bench Pro", Text(reply, 0x00, 128));
        Assert.Equal(new byte[4], reply[0x80..0x84]);
        Assert.Equal(8899, U16(reply, 0x84));
        Assert.Equal(0x2B71, U16(reply, 0x86));
        Assert.Equal(0x0024, U16(reply, 0x88));
        Assert.Equal(1, U16(reply, 0x8A)); // busy while printing
        Assert.Equal(0x5A02, U16(reply, 0x8C));
        Assert.Equal(8898, U16(reply, 0x8E));
        Assert.Equal(0x01, reply[0x90]);
        Assert.Equal(0x00, reply[0x91]);
        Assert.Equal("SNMOMC9900001", Text(reply, 0x92, 128));
        // Counted just after the send, so the reply can be read a moment before the count moves.
        await TestGuard.UntilAsync(() => printer.DiscoveryRepliesSent == 1, "the reply being counted");
    }

    [Fact]
    public async Task Modern_printer_answers_on_48899_with_the_usr_probe()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.50.2"),
            Model = FlashForgeModel.Adventurer5MPro,
        });

        byte[] probe = new byte[20];
        Encoding.ASCII.GetBytes("www.usr.cn").CopyTo(probe, 0);
        (byte[] reply, IPEndPoint from, _) = await ProbeAsync(printer.Address, 48899, probe);

        Assert.Equal(276, reply.Length);
        Assert.Equal(48899, from.Port);
        Assert.Equal(0, U16(reply, 0x8A)); // idle = ready
    }

    [Theory]
    [InlineData(19000, 11)]
    [InlineData(48899, 12)]
    [InlineData(8899, 13)]
    public async Task Legacy_reply_is_140_bytes_on_each_legacy_port(int port, int octet)
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.50.{octet}"),
            Model = FlashForgeModel.Adventurer4,
            Name = "Garage A4",
        });

        (byte[] reply, IPEndPoint from, _) = await ProbeAsync(printer.Address, port, Array.Empty<byte>());

        Assert.Equal(140, reply.Length);
        Assert.Equal(port, from.Port);
        Assert.Equal("Garage A4", Text(reply, 0x00, 128));
        Assert.Equal(8899, U16(reply, 0x84));
        Assert.Equal(0x2B71, U16(reply, 0x86));
        Assert.Equal(0x001E, U16(reply, 0x88));
        Assert.Equal(0, U16(reply, 0x8A));
    }

    [Fact]
    public async Task Wrong_discovery_size_fault_sends_100_bytes()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.50.20"),
            Fault = FlashForgeFault.WrongDiscoverySize,
        });

        (byte[] reply, _, _) = await ProbeAsync(printer.Address, 19000, Array.Empty<byte>());

        Assert.Equal(100, reply.Length);
    }

    [Fact]
    public async Task Printer_that_does_not_answer_discovery_stays_silent_and_latency_holds_replies()
    {
        await using VirtualFlashForgePrinter held = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.50.21"),
            AnswerDiscovery = false,
        });
        // A printer that answers at once: its reply, then a marker datagram, are the events that order the check.
        await using VirtualFlashForgePrinter prompt = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.90.1"),
        });
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await AssertOnlyThePromptPrinterAnswersAsync(client, held, prompt);
        Assert.Equal(0, held.DiscoveryRepliesSent);

        // Latency first: any snapshot that says "answer" then also holds the reply for an hour, which never passes here.
        held.Options.Latency = TimeSpan.FromHours(1);
        held.Options.AnswerDiscovery = true;
        await AssertOnlyThePromptPrinterAnswersAsync(client, held, prompt);
        Assert.Equal(0, held.DiscoveryRepliesSent);

        // The held replies are abandoned on dispose, never sent.
        await held.DisposeAsync();
        Assert.Equal(0, held.DiscoveryRepliesSent);
    }

    /// <summary>
    /// Probes <paramref name="held"/> first, then <paramref name="prompt"/>; the first datagram must be the prompt
    /// printer's reply, and the next one a marker sent after it: no reply of the held printer came in between.
    /// </summary>
    private static async Task AssertOnlyThePromptPrinterAnswersAsync(UdpClient client, VirtualFlashForgePrinter held, VirtualFlashForgePrinter prompt)
    {
        var self = (IPEndPoint)client.Client.LocalEndPoint!;
        await client.SendAsync(new byte[8], new IPEndPoint(held.Address, 19000));
        await client.SendAsync(new byte[8], new IPEndPoint(prompt.Address, 19000));
        using var guard = new CancellationTokenSource(TestGuard.Limit);

        UdpReceiveResult first = await client.ReceiveAsync(guard.Token);
        Assert.Equal(new IPEndPoint(prompt.Address, 19000), first.RemoteEndPoint);

        using var marker = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await marker.SendAsync("marker"u8.ToArray(), self);
        UdpReceiveResult next = await client.ReceiveAsync(guard.Token);
        Assert.Equal((IPEndPoint)marker.Client.LocalEndPoint!, next.RemoteEndPoint);
        Assert.Equal("marker", Encoding.ASCII.GetString(next.Buffer));
    }

    private static async Task<(byte[] Reply, IPEndPoint From, int OurPort)> ProbeAsync(IPAddress printer, int port, byte[] probe)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int ourPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
        await client.SendAsync(probe, new IPEndPoint(printer, port));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        UdpReceiveResult result = await client.ReceiveAsync(timeout.Token);
        return (result.Buffer, result.RemoteEndPoint, ourPort);
    }

    private static int U16(byte[] bytes, int offset) => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset));

    private static string Text(byte[] bytes, int offset, int length)
    {
        ReadOnlySpan<byte> field = bytes.AsSpan(offset, length);
        int nul = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul < 0 ? field : field[..nul]);
    }
}
