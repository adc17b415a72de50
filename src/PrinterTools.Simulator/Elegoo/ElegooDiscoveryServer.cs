using System;
using System.Text;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// UDP 3000 on the printer's address (notes §2): the exact probe <c>M99999</c> (whitespace trimmed) gets the flat
/// V3 JSON, unicast to the probe's source after ~90 ms; anything else (M66666, JSON, FlashForge probes) is ignored.
/// </summary>
internal sealed class ElegooDiscoveryServer : UdpResponder
{
    private readonly ElegooPrinterOptions _options;
    private readonly ElegooCounters _counters;

    public ElegooDiscoveryServer(ElegooPrinterOptions options, ElegooCounters counters)
    {
        _options = options;
        _counters = counters;
    }

    protected override int Port => ElegooFamilyDefaults.DiscoveryPort;

    // §2: probes are 6 bytes; a small buffer keeps farms small.
    protected override int BufferBytes => 512;

    protected override TimeSpan ReplyDelay => _options.DiscoveryDelay + _options.Latency;

    protected override bool IsQuestion(ReadOnlySpan<byte> datagram) => IsProbe(datagram);

    protected override byte[] Reply()
    {
        byte[] reply = Encoding.UTF8.GetBytes(Reply(_options.Snapshot()));
        _counters.DiscoveryReplySent();
        return reply;
    }

    /// <summary>The exact probe, or not: §2 and §9.1 "reply to exact M99999 (trim whitespace)".</summary>
    public static bool IsProbe(ReadOnlySpan<byte> payload) =>
        Encoding.ASCII.GetString(payload).Trim() == ElegooFamilyDefaults.DiscoveryProbe;

    /// <summary>The flat V3 reply of s4u-v1.1.9-discovery-reply.json / cc-v1.1.46-discovery-reply.json.</summary>
    public static string Reply(ElegooSnapshot p) => SdcpJson.Build(w =>
    {
        w.WriteString("Id", p.Defaults.DiscoveryId);
        w.WriteStartObject("Data");
        w.WriteString("Name", p.Name);
        w.WriteString("MachineName", p.MachineName);
        w.WriteString("BrandName", "ELEGOO");
        w.WriteString("MainboardIP", p.Address.ToString());
        w.WriteString("MainboardID", p.MainboardId);
        w.WriteString("ProtocolVersion", "V3.0.0");
        w.WriteString("FirmwareVersion", p.Firmware);
        w.WriteEndObject();
    });
}
