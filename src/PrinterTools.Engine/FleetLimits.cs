namespace PrinterTools;

/// <summary>
/// The limits that let one sweep serve a whole print farm, shared by every vendor's client.
/// A status read is a few round trips of tiny replies: the time of a sweep is round trips times
/// waves, so the limit decides it. 256 printers at once sweep a 250-printer farm in one wave and
/// keep 4,000 printers to 256 sockets and no more threads than the pool already has (benchmark:
/// PrinterTools.Benchmarks, "Fleet" rows).
/// </summary>
public static class FleetLimits
{
    /// <summary>Printers served at once by the cmdlets that read (Get-PrinterStatus, discovery's M115 questions).</summary>
    public const int DefaultThrottleLimit = 256;

    /// <summary>
    /// The receive buffer of a discovery socket. Every printer of a farm answers a broadcast in the
    /// same millisecond; the kernel's default (208 KiB on Linux, about 200 datagrams with their
    /// overhead) dropped 100-330 of 1,000 replies. Linux caps it at net.core.rmem_max.
    /// </summary>
    public const int DiscoveryReceiveBufferBytes = 4 * 1024 * 1024;
}
