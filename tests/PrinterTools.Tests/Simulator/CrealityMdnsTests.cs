using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.CrealityTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// The mDNS responder of creality.md §1.1/§1.2/§11.7: the service-enumeration query answered unicast from the
/// printer's own address with ID 0, flags 0x8400 and the PTR to <c>_Creality-&lt;SN&gt;._udp.local</c>; nothing
/// for other queries; the farm's segment relaying a query to every Creality printer. Replies are read with
/// ARSoft.Tools.Net. Addresses 127.R.164.x.
/// </summary>
public sealed class CrealityMdnsTests
{
    [Theory]
    [InlineData("164.1", true)]
    [InlineData("164.2", false)]
    public async Task A_service_enumeration_query_gets_the_creality_ptr_from_the_printers_own_address(string at, bool unicastBit)
    {
        await using VirtualCrealityPrinter printer = await StartAsync(at, CrealityModel.K1C, o => o.SerialNumber = "CC1K1C0401");
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        UdpReceiveResult reply = (await TestGuard.AgainstHangAsync(
            QueryAsync(client, new IPEndPoint(printer.Address, 5353), ServiceQuery(unicastBit), TestGuard.Limit), "the mDNS reply"))
            ?? throw new Xunit.Sdk.XunitException("No mDNS reply.");

        Assert.Equal(new IPEndPoint(printer.Address, 5353), reply.RemoteEndPoint);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x84, 0x00 }, reply.Buffer[..4]); // ID 0, flags 0x8400 as CP6 demands
        DnsMessage message = DnsMessage.Parse(reply.Buffer);
        Assert.False(message.IsQuery);
        Assert.True(message.IsAuthoritiveAnswer);
        PtrRecord ptr = Assert.IsType<PtrRecord>(Assert.Single(message.AnswerRecords));
        Assert.Equal(DomainName.Parse("_services._dns-sd._udp.local"), ptr.Name);
        Assert.Equal(RecordClass.INet, ptr.RecordClass);
        Assert.Equal(DomainName.Parse("_Creality-CC1K1C0401._udp.local"), ptr.PointerDomainName);
        Assert.Equal(1, printer.MdnsRepliesSent);
    }

    [Fact]
    public async Task Other_queries_responses_and_garbage_get_no_answer()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("164.3", CrealityModel.K2Plus);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(printer.Address, 5353);
        var response = new DnsMessage { IsQuery = false, IsAuthoritiveAnswer = true };
        response.Questions.Add(new DnsQuestion(DomainName.Parse("_services._dns-sd._udp.local"), RecordType.Ptr, RecordClass.INet));

        await client.SendAsync(ServiceQuery(type: RecordType.A), target);
        await client.SendAsync(ServiceQuery(name: "_http._tcp.local"), target);
        await client.SendAsync(Encode(response), target);
        await client.SendAsync(new byte[] { 1, 2, 3 }, target);
        // Datagrams are handled in order: the first reply must be the one to the last, good query.
        UdpReceiveResult reply = (await TestGuard.AgainstHangAsync(QueryAsync(client, target, ServiceQuery(), TestGuard.Limit), "the reply"))!.Value;

        Assert.Equal(DomainName.Parse("_Creality-" + printer.Options.SerialNumber + "._udp.local"),
            ((PtrRecord)DnsMessage.Parse(reply.Buffer).AnswerRecords[0]).PointerDomainName);
        Assert.Equal(1, printer.MdnsRepliesSent);
    }

    [Fact]
    public async Task A_query_to_the_farm_segment_is_answered_by_every_creality_printer_from_its_own_address()
    {
        CrealityPrinterOptions[] creality =
        {
            new() { Address = TestNet.Ip("164.10"), Model = CrealityModel.K1C, SerialNumber = "SEGK1C" },
            new() { Address = TestNet.Ip("164.11"), Model = CrealityModel.K2Plus, SerialNumber = "SEGK2P" },
        };
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(),
            Array.Empty<ElegooPrinterOptions>(), creality, TestNet.Ip("164.20"));
        Assert.Contains(5353, farm.SegmentPorts);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendAsync(ServiceQuery(), new IPEndPoint(TestNet.Ip("164.20"), 5353));
        UdpReceiveResult first = await TestGuard.AgainstHangAsync(client.ReceiveAsync(), "the first reply");
        UdpReceiveResult second = await TestGuard.AgainstHangAsync(client.ReceiveAsync(), "the second reply");

        var answers = new[] { first, second }
            .Select(r => (r.RemoteEndPoint, ((PtrRecord)DnsMessage.Parse(r.Buffer).AnswerRecords[0]).PointerDomainName.ToString()))
            .OrderBy(a => a.Item2).ToArray();
        Assert.Equal(new IPEndPoint(TestNet.Ip("164.10"), 5353), answers[0].RemoteEndPoint);
        Assert.Equal("_Creality-SEGK1C._udp.local.", answers[0].Item2);
        Assert.Equal(new IPEndPoint(TestNet.Ip("164.11"), 5353), answers[1].RemoteEndPoint);
        Assert.Equal("_Creality-SEGK2P._udp.local.", answers[1].Item2);
        Assert.All(farm.CrealityPrinters, p => Assert.Equal(1, p.MdnsRepliesSent));
    }
}
