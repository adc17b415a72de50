using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Discovery;

/// <summary>
/// Finds printers of every vendor asked for that PrinterTools speaks to: host names are resolved
/// once for all of them, each vendor's client searches at the same time within the same
/// -Timeout, and each printer is reported once, as it answers.
/// </summary>
public static class PrinterDiscovery
{
    public static async Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var hosts = await ResolveAsync(request.Hosts, request.Timeout, problem, cancel).ConfigureAwait(false);
        using var namedHostsFound = new CancellationTokenSource();
        // Name lookups come out of the same -Timeout as the search itself.
        request = request.WithTimeout(request.Timeout - clock.Elapsed, hosts, namedHostsFound.Token);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var waitingFor = new HashSet<string>(hosts.Select(h => h.Address.ToString()));
        var named = hosts.SelectMany(h => new[] { h.Name, h.Address.ToString() }).ToList();
        // A named host one vendor cannot reach may be another vendor's printer: its "no answer"
        // failures wait until every search has ended, and count only if no vendor found it.
        var held = new List<PrinterException>();
        void Once(PrinterInfo printer)
        {
            lock (seen)
            {
                if (!seen.Add(printer.Address))
                {
                    return;
                }
                found(printer);
                if (waitingFor.Remove(printer.Address) && waitingFor.Count == 0 && request.SubnetAddresses.Count == 0)
                {
                    namedHostsFound.Cancel();
                }
            }
        }
        void Problem(PrinterException failure)
        {
            lock (seen)
            {
                if (failure.Kind is PrinterErrorKind.Unreachable or PrinterErrorKind.Timeout && named.Contains(failure.Address, StringComparer.OrdinalIgnoreCase))
                {
                    held.Add(failure);
                    return;
                }
            }
            problem(failure);
        }
        var searches = request.Vendors.Select(PrinterVendors.Find).Where(c => c is not null)
            .Select(client => client!.DiscoverAsync(request, Once, Problem, cancel)).ToList();
        await Task.WhenAll(searches).ConfigureAwait(false);
        // One error per host, whatever number of vendors could not reach it: the first says why.
        foreach (var failure in held.GroupBy(f => f.Address, StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
        {
            var host = hosts.FirstOrDefault(h => h.Name.Equals(failure.Address, StringComparison.OrdinalIgnoreCase) || h.Address.ToString() == failure.Address);
            if (!seen.Contains(host.Address?.ToString() ?? failure.Address))
            {
                problem(failure);
            }
        }
    }

    /// <summary>
    /// The IPv4 address of each host, names resolved all at once and within <paramref name="timeout"/>
    /// (a resolver that does not answer is that host's fault, not a reason to wait past -Timeout).
    /// </summary>
    private static async Task<List<(string Name, IPAddress Address)>> ResolveAsync(IReadOnlyList<string> hosts, TimeSpan timeout,
        Action<PrinterException> problem, CancellationToken cancel)
    {
        var lookups = hosts.Select(host => ResolveOneAsync(host, timeout, cancel)).ToList();
        var result = new List<(string, IPAddress)>();
        foreach (var lookup in lookups)
        {
            var (name, address, failure) = await lookup.ConfigureAwait(false);
            if (failure is not null)
            {
                problem(failure);
            }
            else
            {
                result.Add((name, address!));
            }
        }
        cancel.ThrowIfCancellationRequested();
        return result;
    }

    private static async Task<(string Name, IPAddress? Address, PrinterException? Failure)> ResolveOneAsync(string host, TimeSpan timeout, CancellationToken cancel)
    {
        if (IPAddress.TryParse(host, out var ip))
        {
            // Printers speak IPv4 only; an IPv4-mapped IPv6 address is the same host.
            if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6)
            {
                ip = ip.MapToIPv4();
            }
            return ip.AddressFamily == AddressFamily.InterNetwork
                ? (ip.ToString(), ip, null)
                : (host, null, new PrinterException(PrinterErrorKind.NotSupported, host, $"'{host}' is an IPv6 address; the printers' discovery and consoles are IPv4 only."));
        }
        // The lookup cannot be cancelled on every runtime: it is left to finish on its own.
        var lookup = Dns.GetHostAddressesAsync(host);
        if (await Task.WhenAny(lookup, Task.Delay(timeout, cancel)).ConfigureAwait(false) != lookup)
        {
            _ = lookup.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            return (host, null, new PrinterException(PrinterErrorKind.Timeout, host, $"'{host}' did not resolve within {timeout.TotalSeconds:0.###} s."));
        }
        try
        {
            var v4 = (await lookup.ConfigureAwait(false)).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            return v4 is null
                ? (host, null, new PrinterException(PrinterErrorKind.Unreachable, host, $"'{host}' has no IPv4 address."))
                : (v4.ToString(), v4, null);
        }
        catch (SocketException e)
        {
            return (host, null, new PrinterException(PrinterErrorKind.Unreachable, host, $"Cannot resolve '{host}': {e.SocketErrorCode}.", e));
        }
    }
}
