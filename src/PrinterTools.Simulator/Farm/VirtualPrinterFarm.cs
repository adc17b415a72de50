using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator;

/// <summary>Several virtual printers at once, each on its own loopback address.</summary>
public sealed class VirtualPrinterFarm : IAsyncDisposable
{
    /// <summary>Where the default farm starts when no address is given.</summary>
    public static readonly IPAddress DefaultFirstAddress = IPAddress.Parse("127.0.0.10");

    private readonly PrinterCounters _counters;

    private VirtualPrinterFarm(IReadOnlyList<VirtualFlashForgePrinter> printers, PrinterCounters counters)
    {
        _counters = counters;
        Printers = printers;
        Addresses = printers.Select(p => p.Address).ToArray();
    }

    public IReadOnlyList<VirtualFlashForgePrinter> Printers { get; }

    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>Most TCP connections open at once across all the farm's printers: how many a client served in parallel.</summary>
    public int MaxConcurrentConnections => _counters.MaxConcurrentConnections;

    /// <summary>Most control sessions (M601..M602) held at once across the farm: exact, unlike connection counts.</summary>
    public int MaxConcurrentControlSessions => _counters.MaxConcurrentControlSessions;

    /// <summary>Most HTTP requests in flight at once across all the farm's printers.</summary>
    public int MaxConcurrentHttpRequests => _counters.MaxConcurrentHttpRequests;

    /// <summary>Resets the farm's counters and every printer's.</summary>
    public void ResetCounters()
    {
        _counters.Reset();
        foreach (var printer in Printers)
        {
            printer.ResetCounters();
        }
    }

    /// <summary>The demo farm of <see cref="DefaultFarm"/> on consecutive addresses from <paramref name="firstAddress"/>.</summary>
    public static Task<VirtualPrinterFarm> StartDefaultAsync(IPAddress? firstAddress = null, CancellationToken ct = default) =>
        StartAsync(DefaultFarm.Create(firstAddress ?? DefaultFirstAddress), ct);

    /// <summary>Starts every printer; if one fails, the ones already started are stopped again.</summary>
    public static async Task<VirtualPrinterFarm> StartAsync(IEnumerable<FlashForgePrinterOptions> printers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(printers);
        var counters = new PrinterCounters();
        var started = new List<VirtualFlashForgePrinter>();
        try
        {
            foreach (FlashForgePrinterOptions options in printers)
            {
                started.Add(await VirtualFlashForgePrinter.StartAsync(options, counters, ct).ConfigureAwait(false));
            }
        }
        catch
        {
            await DisposeAllAsync(started).ConfigureAwait(false);
            throw;
        }

        return new VirtualPrinterFarm(started, counters);
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(Printers);

    private static async ValueTask DisposeAllAsync(IEnumerable<VirtualFlashForgePrinter> printers) =>
        await Task.WhenAll(printers.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
}
