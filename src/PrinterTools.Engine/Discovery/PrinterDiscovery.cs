using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.FlashForge;

namespace PrinterTools.Discovery;

/// <summary>
/// Finds printers of every implemented vendor. Results and problems are reported through
/// callbacks as they happen, so a cmdlet can stream them; each printer is reported once.
/// </summary>
public static class PrinterDiscovery
{
    public static async Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel)
    {
        var hosts = await ResolveAsync(request.Hosts, problem, cancel).ConfigureAwait(false);
        if (!request.Vendors.Contains(PrinterVendor.FlashForge))
        {
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Once(PrinterInfo printer)
        {
            lock (seen)
            {
                if (seen.Add(printer.Address))
                {
                    found(printer);
                }
            }
        }

        var answered = await FlashForgeDiscovery.DiscoverAsync(request, hosts.Select(h => h.Address).ToList(), Once, problem, cancel).ConfigureAwait(false);

        // Some printers (an Adventurer 3C, for one) answer no UDP probe but do serve TCP 8899:
        // a host the user named is asked directly before it is called silent.
        var silent = hosts.Where(h => !answered.Contains(h.Address)).ToList();
        await Task.WhenAll(silent.Select(async host =>
        {
            try
            {
                Once(await IdentifyOverTcpAsync(host.Name, request.Timeout, cancel).ConfigureAwait(false));
            }
            catch (PrinterException e)
            {
                problem(new PrinterException(e.Kind, host.Name, $"No printer answered at {host.Name}: {e.Message}", e));
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Asks a FlashForge console who it is (M601, M115, M602).</summary>
    public static async Task<PrinterInfo> IdentifyOverTcpAsync(string address, TimeSpan timeout, CancellationToken cancel)
    {
        var options = new FlashForgeConnectionOptions(address) { Timeout = timeout };
        var info = await FlashForgeControlSession.RunAsync(options, cancel,
            async session => FlashForgeTextParser.ParseMachineInfo(await session.SendAsync("M115", cancel).ConfigureAwait(false))).ConfigureAwait(false);
        var modern = FlashForgeModels.HasHttpApi(info.Model);
        return new PrinterInfo
        {
            Name = info.Name ?? address,
            Vendor = PrinterVendor.FlashForge,
            Model = info.Model,
            Address = address,
            SerialNumber = info.SerialNumber,
            Firmware = info.Firmware,
            MacAddress = info.MacAddress,
            Protocol = modern ? "FlashForge TCP 8899 + HTTP 8898" : "FlashForge TCP 8899",
            Capabilities = FlashForgeDiscovery.Capabilities(modern),
        };
    }

    private static async Task<List<(string Name, IPAddress Address)>> ResolveAsync(IReadOnlyList<string> hosts, Action<PrinterException> problem, CancellationToken cancel)
    {
        var result = new List<(string, IPAddress)>();
        foreach (var host in hosts)
        {
            cancel.ThrowIfCancellationRequested();
            if (IPAddress.TryParse(host, out var ip))
            {
                // Printers speak IPv4 only; an IPv4-mapped IPv6 address is the same host.
                if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6)
                {
                    ip = ip.MapToIPv4();
                }
                if (ip.AddressFamily != AddressFamily.InterNetwork)
                {
                    problem(new PrinterException(PrinterErrorKind.NotSupported, host, $"'{host}' is an IPv6 address; the printers' discovery and consoles are IPv4 only."));
                    continue;
                }
                result.Add((ip.ToString(), ip));
                continue;
            }
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
                var v4 = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
                if (v4 is null)
                {
                    problem(new PrinterException(PrinterErrorKind.Unreachable, host, $"'{host}' has no IPv4 address."));
                    continue;
                }
                result.Add((v4.ToString(), v4));
            }
            catch (SocketException e)
            {
                problem(new PrinterException(PrinterErrorKind.Unreachable, host, $"Cannot resolve '{host}': {e.SocketErrorCode}.", e));
            }
        }
        return result;
    }
}
