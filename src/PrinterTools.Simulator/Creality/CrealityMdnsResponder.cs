using System;
using ARSoft.Tools.Net.Dns;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The printer's <c>/usr/bin/mdns</c> (creality.md §1.2) on its own address, UDP 5353: a service-enumeration
/// query is answered unicast to the querier's address and port, from this address (§1.1: Creality Print takes
/// the printer's IP from the reply's source). Other datagrams get nothing.
/// </summary>
internal sealed class CrealityMdnsResponder : UdpResponder
{
    private readonly CrealityPrinterOptions _options;
    private readonly CrealityCounters _counters;

    public CrealityMdnsResponder(CrealityPrinterOptions options, CrealityCounters counters)
    {
        _options = options;
        _counters = counters;
    }

    protected override int Port => CrealityModelDefaults.MdnsPort;

    protected override int BufferBytes => 1500;

    protected override bool SharesPort => true;

    protected override TimeSpan ReplyDelay => _options.Latency;

    protected override bool IsQuestion(ReadOnlySpan<byte> datagram) =>
        DnsMessageBytes.TryParse(datagram) is DnsMessage query && ServiceEnumeration.IsQuery(query);

    protected override byte[] Reply()
    {
        byte[] reply = DnsMessageBytes.Encode(ServiceEnumeration.Reply(_options.Snapshot().SerialNumber));
        _counters.MdnsReplySent();
        return reply;
    }
}
