using System;
using System.Linq;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using PrinterTools.Creality;
using PrinterTools.Simulator.Net;
using Xunit;

namespace PrinterTools.Tests.Creality;

/// <summary>
/// The client's mDNS query and its reading of replies, checked against a DNS library it does not use
/// (ARSoft.Tools.Net encodes and decodes here; the client reads with DnsClient), and against hostile datagrams.
/// </summary>
public class CrealityMdnsTests
{
    private static readonly DomainName Services = DomainName.Parse("_services._dns-sd._udp.local");

    private static byte[] Reply(params DnsRecordBase[] answers)
    {
        var message = new DnsMessage { IsQuery = false, IsAuthoritiveAnswer = true };
        message.AnswerRecords.AddRange(answers);
        return DnsMessageBytes.Encode(message);
    }

    private static PtrRecord Service(string serial) =>
        new(Services, 120, new DomainName(new[] { $"_Creality-{serial}", "_udp", "local" }));

    [Fact]
    public void Query_IsOneServiceEnumerationQuestion_AsAnotherLibraryReadsIt()
    {
        var query = DnsMessageBytes.TryParse(CrealityMdns.Query());

        Assert.NotNull(query);
        Assert.True(query!.IsQuery);
        var question = Assert.Single(query.Questions);
        Assert.Equal(Services, question.Name);
        Assert.Equal(RecordType.Ptr, question.RecordType);
        Assert.Empty(query.AnswerRecords);
    }

    [Fact]
    public void Reply_NamesTheSerial_OfEachCrealityService_Once()
    {
        var datagram = Reply(
            Service("F0080000000000407"),
            new PtrRecord(Services, 120, DomainName.Parse("_googlecast._tcp.local")),
            Service("K1C00000000000406"),
            Service("F0080000000000407"));

        Assert.Equal(new[] { "F0080000000000407", "K1C00000000000406" }, CrealityMdns.SerialsIn(datagram));
    }

    [Fact]
    public void Reply_WhoseServiceIsOnlyInTheAdditionalRecords_StillCounts()
    {
        var message = new DnsMessage { IsQuery = false };
        message.AnswerRecords.Add(new PtrRecord(Services, 120, DomainName.Parse("_http._tcp.local")));
        message.AdditionalRecords.Add(new TxtRecord(new DomainName(new[] { "_Creality-ABC123", "_udp", "local" }), 120, "model=K1C"));

        Assert.Equal(new[] { "ABC123" }, CrealityMdns.SerialsIn(DnsMessageBytes.Encode(message)));
    }

    [Fact]
    public void OtherServices_Queries_AndNonDns_NameNoSerial()
    {
        var otherService = Reply(new PtrRecord(Services, 120, DomainName.Parse("_ipp._tcp.local")));
        // Another Creality Print's query, with the services it knows as known answers (RFC 6762 §7.1):
        // it comes from that computer, not from a printer.
        var knownAnswers = new DnsMessage { IsQuery = true, Questions = { new DnsQuestion(Services, RecordType.Ptr, RecordClass.INet) } };
        knownAnswers.AnswerRecords.Add(Service("X1"));
        var query = DnsMessageBytes.Encode(knownAnswers);

        Assert.Empty(CrealityMdns.SerialsIn(otherService));
        Assert.Empty(CrealityMdns.SerialsIn(query));
        Assert.Empty(CrealityMdns.SerialsIn(System.Text.Encoding.ASCII.GetBytes("{\"Id\":\"M99999\"}")));
        Assert.Empty(CrealityMdns.SerialsIn(Array.Empty<byte>()));
    }

    [Fact]
    public void EveryTruncation_OfAReply_IsReadWithoutAnError()
    {
        var datagram = Reply(Service("AAA111"), Service("BBB222"));

        for (var length = 0; length < datagram.Length; length++)
        {
            var serials = CrealityMdns.SerialsIn(datagram.Take(length).ToArray());
            // What a cut-off datagram yields is some first part of what the whole one does.
            Assert.Equal(new[] { "AAA111", "BBB222" }.Take(serials.Count), serials);
        }
        Assert.Equal(new[] { "AAA111", "BBB222" }, CrealityMdns.SerialsIn(datagram));
    }

    [Fact]
    public void ANameThatPointsAtItself_EndsTheRead_WithoutHangingOrCrashing()
    {
        byte[] loop =
        {
            0x00, 0x00, 0x84, 0x00, // id, response + authoritative
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // one answer
            0xC0, 0x0C, // owner name: a compression pointer to itself
            0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x02, 0xC0, 0x0C,
        };

        Assert.Empty(CrealityMdns.SerialsIn(loop));
    }

    [Fact]
    public void ControlCharactersInASerial_AreRemoved()
    {
        var datagram = Reply(Service("SN\u001b[31m42"));

        var serial = Assert.Single(CrealityMdns.SerialsIn(datagram));
        Assert.DoesNotContain('\u001b', serial);
        Assert.Contains("42", serial);
    }
}
