using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;

namespace PrinterTools.Elegoo;

/// <summary>
/// Elegoo's part of Find-Printer (notes §2): "M99999" to UDP 3000, broadcast (or to the
/// addresses given for tests) and unicast to every host and subnet address; each printer answers
/// the sender with its identity, which is all Find-Printer reports.
/// </summary>
internal static class ElegooFinder
{
    public static async Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel)
    {
        var hosts = request.ResolvedHosts.Select(h => h.Address).Distinct().ToList();
        var probe = SdcpDiscoveryReply.Probe();
        var answered = new ConcurrentDictionary<IPAddress, bool>();
        var invalid = new HashSet<IPAddress>();
        await UdpSearch.RunAsync(PrinterVendor.Elegoo, request, hosts, preferredPort: 0,
            _ => UdpSearch.Targets(request, hosts, SdcpDiscoveryReply.Port, IPAddress.Broadcast).Select(target => (target, probe)),
            (source, datagram) =>
            {
                if (SdcpDiscoveryReply.TryParse(datagram) is not { } reply)
                {
                    // Another device on UDP 3000; one error per device is enough.
                    if (invalid.Add(source))
                    {
                        problem(new PrinterException(PrinterErrorKind.ProtocolError, source.ToString(),
                            $"{source} sent a {datagram.Length}-byte datagram to the SDCP probe that is not an SDCP discovery reply (JSON with Data.MainboardID)."));
                    }
                }
                else if (answered.TryAdd(source, true))
                {
                    if (reply.IsV1)
                    {
                        request.Log?.Invoke($"{source} is an SDCP V1 printer ({reply.Model}), which speaks MQTT; PrinterTools speaks SDCP V3 only.");
                    }
                    found(ToPrinterInfo(source.ToString(), reply));
                }
            }, cancel, request.NamedHostsFound).ConfigureAwait(false);
    }

    public static PrinterInfo ToPrinterInfo(string address, SdcpDiscoveryReply reply) => new()
    {
        Name = reply.Name is { Length: > 0 } name ? name : reply.Model ?? address,
        Vendor = PrinterVendor.Elegoo,
        Model = reply.Model,
        Address = address,
        SerialNumber = reply.MainboardId,
        Firmware = reply.FirmwareVersion,
        Protocol = reply.IsV1 ? $"SDCP {reply.ProtocolVersion} over MQTT (not supported)" : $"SDCP {reply.ProtocolVersion ?? "V3"} WebSocket {SdcpWebSocket.Port}",
        Capabilities = reply.IsV1 ? Array.Empty<string>() : ElegooVendor.CapabilitiesOf(SdcpFamilies.FromModel(reply.Model)),
    };
}
