using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator;

/// <summary>Several virtual printers at once, each on its own loopback address.</summary>
public sealed class VirtualPrinterFarm : IAsyncDisposable
{
    /// <summary>Where the default farm starts when no address is given.</summary>
    public static readonly IPAddress DefaultFirstAddress = IPAddress.Parse("127.0.0.10");

    private VirtualPrinterFarm(IReadOnlyList<VirtualFlashForgePrinter> printers)
    {
        Printers = printers;
        Addresses = printers.Select(p => p.Address).ToArray();
    }

    public IReadOnlyList<VirtualFlashForgePrinter> Printers { get; }

    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The demo farm of <see cref="DefaultFarm"/> on consecutive addresses from <paramref name="firstAddress"/>.</summary>
    public static Task<VirtualPrinterFarm> StartDefaultAsync(IPAddress? firstAddress = null, CancellationToken ct = default) =>
        StartAsync(DefaultFarm.Create(firstAddress ?? DefaultFirstAddress), ct);

    /// <summary>Starts every printer; if one fails, the ones already started are stopped again.</summary>
    public static async Task<VirtualPrinterFarm> StartAsync(IEnumerable<FlashForgePrinterOptions> printers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(printers);
        var started = new List<VirtualFlashForgePrinter>();
        try
        {
            foreach (FlashForgePrinterOptions options in printers)
            {
                started.Add(await VirtualFlashForgePrinter.StartAsync(options, ct).ConfigureAwait(false));
            }
        }
        catch
        {
            await DisposeAllAsync(started).ConfigureAwait(false);
            throw;
        }

        return new VirtualPrinterFarm(started);
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(Printers);

    private static async ValueTask DisposeAllAsync(IEnumerable<VirtualFlashForgePrinter> printers) =>
        await Task.WhenAll(printers.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
}
