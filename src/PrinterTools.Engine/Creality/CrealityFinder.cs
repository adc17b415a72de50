using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;
using PrinterTools.Vendors;

namespace PrinterTools.Creality;

/// <summary>
/// Creality's part of Find-Printer (creality.md §1): by default the mDNS service enumeration
/// Creality Print sends, each printer found at the source of its reply; for -Subnet and -Address
/// a direct <c>GET /info</c> on every address, which crosses routers. Every candidate is
/// confirmed by its /info, and a MAC seen twice is one printer.
/// </summary>
internal static class CrealityFinder
{
    /// <summary>The least a late candidate's /info is given, past -Timeout if need be (within the promised extra second).</summary>
    private static readonly TimeSpan LeastConfirmTime = TimeSpan.FromMilliseconds(500);

    public static async Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var named = new HashSet<IPAddress>(request.ResolvedHosts.Select(h => h.Address));
        var printers = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var confirmations = new List<Task>();
        using var inFlight = new SemaphoreSlim(FleetLimits.DefaultThrottleLimit);

        Task Confirm(IPAddress address, string? serial) => ConfirmAsync(address, serial, named.Contains(address), request.Timeout - clock.Elapsed,
            inFlight, info => printers.TryAdd(info.MacAddress, true), found, problem, cancel);

        if (request.Broadcast)
        {
            var query = CrealityMdns.Query();
            var answered = new ConcurrentDictionary<IPAddress, bool>();
            await UdpSearch.RunAsync(PrinterVendor.Creality, request, Array.Empty<IPAddress>(), preferredPort: 0,
                _ => UdpSearch.Targets(request, Array.Empty<IPAddress>(), CrealityMdns.Port, CrealityMdns.Group).Select(target => (target, query)),
                (source, datagram) =>
                {
                    // Anything on the LAN may answer mDNS; only a Creality service is a candidate.
                    if (CrealityMdns.SerialsIn(datagram) is { Count: > 0 } serials && answered.TryAdd(source, true))
                    {
                        lock (confirmations)
                        {
                            confirmations.Add(Confirm(source, serials[0]));
                        }
                    }
                }, cancel).ConfigureAwait(false);
        }
        else
        {
            foreach (var address in named.Concat(request.SubnetAddresses).Distinct())
            {
                confirmations.Add(Confirm(address, null));
            }
        }
        Task[] all;
        lock (confirmations)
        {
            all = confirmations.ToArray();
        }
        await Task.WhenAll(all).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
    }

    private static async Task ConfirmAsync(IPAddress address, string? serial, bool named, TimeSpan left, SemaphoreSlim inFlight,
        Func<CrealityInfo, bool> firstSighting, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel)
    {
        var host = address.ToString();
        try
        {
            await inFlight.WaitAsync(cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            var body = await PrinterHttp.GetAsync(host, InfoUri(host), "its /info", CrealityInfo.MaxBytes,
                left > LeastConfirmTime ? left : LeastConfirmTime, cancel).ConfigureAwait(false);
            if (CrealityInfo.Parse(body) is not { } info)
            {
                if (named)
                {
                    problem(NoCreality(host, "its /info on port 80 is not the JSON with 'model' and 'mac' that Creality printers answer", null));
                }
                return;
            }
            if (firstSighting(info))
            {
                found(ToPrinterInfo(host, info, serial));
            }
        }
        catch (PrinterException e) when (!cancel.IsCancellationRequested)
        {
            // From a subnet, silence is normal. A named host may be another vendor's printer: the
            // failure is held until every vendor's search has ended (PrinterDiscovery).
            if (named)
            {
                problem(e.Kind == PrinterErrorKind.Timeout ? e : NoCreality(host, e.Message, e));
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        finally
        {
            inFlight.Release();
        }
    }

    internal static Uri InfoUri(string address) => new($"http://{address}:{CrealityInfo.HttpPort}/info");

    private static PrinterException NoCreality(string host, string why, Exception? inner) =>
        new(PrinterErrorKind.Unreachable, host, $"No Creality printer answers at {host}: {why}", inner);

    public static PrinterInfo ToPrinterInfo(string address, CrealityInfo info, string? serial)
    {
        var model = CrealityModel.FromCode(info.Model);
        return new PrinterInfo
        {
            Name = info.Name,
            Vendor = PrinterVendor.Creality,
            Model = model?.Name ?? info.Model,
            Address = address,
            // The serial from the mDNS name or /info; else the MAC, which Creality Print keys devices by.
            SerialNumber = serial ?? info.SerialNumber ?? info.MacAddress,
            Firmware = info.Firmware,
            Protocol = $"Creality WebSocket {CrealityWebSocket.Port}",
            MacAddress = info.MacAddress,
            Capabilities = CrealityVendor.CapabilitiesOf(model),
        };
    }
}
