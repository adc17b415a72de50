using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;

namespace PrinterTools.Discovery;

/// <summary>Where and how long to look for printers.</summary>
public sealed class DiscoveryRequest
{
    /// <summary>
    /// Addresses that broadcast-style probes go to. Empty: the real ones (255.255.255.255 and the
    /// vendors' multicast groups). Tests and the virtual printers pass loopback addresses here.
    /// </summary>
    public IReadOnlyList<IPAddress> BroadcastAddresses { get; init; } = Array.Empty<IPAddress>();

    /// <summary>Hosts named by the user: probed one by one, and reported when silent.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = Array.Empty<string>();

    /// <summary>Every address of the user's subnets: probed one by one; silence is normal.</summary>
    public IReadOnlyList<IPAddress> SubnetAddresses { get; init; } = Array.Empty<IPAddress>();

    /// <summary>True when neither hosts nor subnets were given: then discovery broadcasts.</summary>
    public bool Broadcast => Hosts.Count == 0 && SubnetAddresses.Count == 0;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    public IReadOnlyCollection<PrinterVendor> Vendors { get; init; } = new[] { PrinterVendor.FlashForge };

    /// <summary>Told what discovery did and ignored, for -Verbose. Called from any thread.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The hosts' addresses once their names are resolved (by <see cref="PrinterDiscovery"/>, for every vendor at once).</summary>
    public IReadOnlyList<(string Name, IPAddress Address)> ResolvedHosts { get; init; } = Array.Empty<(string, IPAddress)>();

    /// <summary>
    /// Cancelled once every named host was found by some vendor (and no subnet is swept): a
    /// vendor's search may stop listening then (set by <see cref="PrinterDiscovery"/>).
    /// </summary>
    public CancellationToken NamedHostsFound { get; init; }

    /// <summary>The same request with less time (what is left of -Timeout after name lookups) and the hosts resolved.</summary>
    public DiscoveryRequest WithTimeout(TimeSpan timeout, IReadOnlyList<(string Name, IPAddress Address)> resolvedHosts, CancellationToken namedHostsFound = default) => new()
    {
        NamedHostsFound = namedHostsFound,
        ResolvedHosts = resolvedHosts,
        BroadcastAddresses = BroadcastAddresses,
        Hosts = Hosts,
        SubnetAddresses = SubnetAddresses,
        Timeout = timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero,
        Vendors = Vendors,
        Log = Log,
    };
}
