using System.Linq;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The one mDNS exchange Creality Print uses (creality.md §1.1, §1.2): a DNS-SD service-enumeration query
/// (<c>_services._dns-sd._udp.local.</c> PTR, class IN, usually with the QU bit) is answered with ID 0, flags
/// 0x8400 (response, authoritative) and the PTR <c>_services._dns-sd._udp.local. → _Creality-&lt;SN&gt;._udp.local.</c>
/// </summary>
internal static class ServiceEnumeration
{
    public static readonly DomainName Services = DomainName.Parse("_services._dns-sd._udp.local");

    // RFC 6762 §5.4: the top bit of a question's class asks for a unicast reply (QU); the class itself is the rest.
    private const int ClassMask = 0x7FFF;

    // RFC 6762 §6.7: a reply to a querier that is not on port 5353 carries a TTL of at most 10 s.
    private const int TtlSeconds = 10;

    /// <summary>A query (not a response) with a service-enumeration question: class IN with or without the QU bit.</summary>
    public static bool IsQuery(DnsMessage message) =>
        message.IsQuery
        && message.OperationCode == OperationCode.Query
        && message.Questions.Any(q => q.RecordType == RecordType.Ptr
            && ((int)q.RecordClass & ClassMask) == (int)RecordClass.INet
            && q.Name.Equals(Services));

    /// <summary>
    /// The reply. CP6 accepts only ID 0 and flags exactly 0x8400 and reads the answer; the question is repeated as
    /// RFC 6762 §6.7 asks of a unicast reply to a one-shot querier (class IN, QU bit cleared).
    /// </summary>
    public static DnsMessage Reply(string serialNumber)
    {
        var reply = new DnsMessage
        {
            TransactionID = 0,
            IsQuery = false,
            OperationCode = OperationCode.Query,
            IsAuthoritiveAnswer = true,
            ReturnCode = ReturnCode.NoError,
        };
        reply.Questions.Add(new DnsQuestion(Services, RecordType.Ptr, RecordClass.INet));
        reply.AnswerRecords.Add(new PtrRecord(Services, TtlSeconds, ServiceName(serialNumber)));
        return reply;
    }

    /// <summary>§1.2 <c>S99mdns</c>: <c>--service _Creality-&lt;SN&gt;._udp.local</c>.</summary>
    public static DomainName ServiceName(string serialNumber) => DomainName.Parse($"_Creality-{serialNumber}._udp.local");
}
