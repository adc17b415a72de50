using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Discovery;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator;

/// <summary>Several virtual printers at once, each on its own loopback address: FlashForge, Elegoo and Creality ones.</summary>
public sealed class VirtualPrinterFarm : IAsyncDisposable
{
    /// <summary>Where the default farm starts when no address is given.</summary>
    public static readonly IPAddress DefaultFirstAddress = IPAddress.Parse("127.0.0.10");

    /// <summary>The segment address of the Program's default farm: what <c>Find-Printer -BroadcastAddress 127.0.0.1</c> probes.</summary>
    public static readonly IPAddress DefaultSegmentAddress = IPAddress.Loopback;

    private readonly PrinterCounters _counters;
    private readonly SegmentListener? _segment;

    private VirtualPrinterFarm(IReadOnlyList<VirtualFlashForgePrinter> printers, IReadOnlyList<VirtualElegooPrinter> elegooPrinters,
        IReadOnlyList<VirtualCrealityPrinter> crealityPrinters, PrinterCounters counters, SegmentListener? segment, IPAddress? segmentAddress)
    {
        _counters = counters;
        _segment = segment;
        Printers = printers;
        ElegooPrinters = elegooPrinters;
        CrealityPrinters = crealityPrinters;
        Addresses = printers.Select(p => p.Address).Concat(elegooPrinters.Select(p => p.Address)).Concat(crealityPrinters.Select(p => p.Address)).ToArray();
        SegmentAddress = segmentAddress;
        foreach (VirtualFlashForgePrinter printer in printers)
        {
            printer.Farm = this;
        }

        foreach (VirtualElegooPrinter printer in elegooPrinters)
        {
            printer.Farm = this;
        }

        foreach (VirtualCrealityPrinter printer in crealityPrinters)
        {
            printer.Farm = this;
        }
    }

    /// <summary>The FlashForge printers, in start order.</summary>
    public IReadOnlyList<VirtualFlashForgePrinter> Printers { get; }

    /// <summary>The Elegoo (SDCP) printers, in start order, after the FlashForge ones.</summary>
    public IReadOnlyList<VirtualElegooPrinter> ElegooPrinters { get; }

    /// <summary>The Creality printers, in start order, after the Elegoo ones.</summary>
    public IReadOnlyList<VirtualCrealityPrinter> CrealityPrinters { get; }

    /// <summary>Every printer's address in start order: the FlashForge printers, then the Elegoo ones, then the Creality ones.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The extra address the farm's printers answer discovery on as one LAN segment; null when none.</summary>
    public IPAddress? SegmentAddress { get; }

    /// <summary>The discovery ports bound on <see cref="SegmentAddress"/>; a port another process held is missing.</summary>
    public IReadOnlyList<int> SegmentPorts => _segment?.BoundPorts ?? Array.Empty<int>();

    /// <summary>The discovery ports the segment tried to bind (UDP 3000 with Elegoo printers, 5353 with Creality ones).</summary>
    internal IReadOnlyList<int> WantedSegmentPorts => _segment?.Ports ?? Array.Empty<int>();

    /// <summary>Most TCP connections open at once across all the farm's FlashForge printers: how many a client served in parallel.</summary>
    public int MaxConcurrentConnections => _counters.MaxConcurrentConnections;

    /// <summary>Most control sessions (M601..M602) held at once across the farm: exact, unlike connection counts.</summary>
    public int MaxConcurrentControlSessions => _counters.MaxConcurrentControlSessions;

    /// <summary>Most console commands awaiting their reply at once across the farm (exact, unlike connections).</summary>
    public int MaxConcurrentCommands => _counters.MaxConcurrentCommands;

    /// <summary>Most HTTP requests in flight at once across all the farm's FlashForge printers.</summary>
    public int MaxConcurrentHttpRequests => _counters.MaxConcurrentHttpRequests;

    /// <summary>Console commands sent on a connection before the previous command's reply, over the whole farm (see the printer's).</summary>
    public int CommandsSentBeforeReply => _counters.CommandsSentBeforeReply;

    /// <summary>HTTP requests without Content-Length answered 411, over the whole farm.</summary>
    public int ChunkedRequestsRefused => _counters.ChunkedRequestsRefused;

    /// <summary>Resets the farm's counters and every printer's.</summary>
    public void ResetCounters()
    {
        _counters.Reset();
        foreach (var printer in Printers)
        {
            printer.ResetCounters();
        }

        foreach (var printer in ElegooPrinters)
        {
            printer.ResetCounters();
        }

        foreach (var printer in CrealityPrinters)
        {
            printer.ResetCounters();
        }
    }

    /// <summary>The demo farm of <see cref="DefaultFarm"/> on consecutive addresses from <paramref name="firstAddress"/>.</summary>
    public static Task<VirtualPrinterFarm> StartDefaultAsync(IPAddress? firstAddress = null, CancellationToken ct = default) =>
        StartDefaultAsync(firstAddress, null, null, ct);

    /// <summary>
    /// The demo farm (four FlashForge printers, then a Centauri Carbon and a Saturn 4 Ultra, then a K1C and a K2
    /// Plus) with a discovery segment (<see cref="DefaultSegmentAddress"/> for the Program) and jobs that take
    /// <paramref name="jobDuration"/> from 0 to 100 % (null: frozen, as the plain overload).
    /// </summary>
    public static Task<VirtualPrinterFarm> StartDefaultAsync(IPAddress? firstAddress, IPAddress? segmentAddress, TimeSpan? jobDuration, CancellationToken ct = default) =>
        StartAsync(DefaultFarm.Create(firstAddress ?? DefaultFirstAddress, jobDuration),
            DefaultFarm.CreateElegoo(firstAddress ?? DefaultFirstAddress, jobDuration),
            DefaultFarm.CreateCreality(firstAddress ?? DefaultFirstAddress, jobDuration), segmentAddress, ct);

    /// <summary>Starts every printer; if one fails, the ones already started are stopped again.</summary>
    public static Task<VirtualPrinterFarm> StartAsync(IEnumerable<FlashForgePrinterOptions> printers, CancellationToken ct = default) =>
        StartAsync(printers, null, ct);

    /// <summary>
    /// Starts every printer and, with a <paramref name="segmentAddress"/> (a 127.x address no printer uses), listens
    /// there on the discovery ports (UDP 19000, 48899, 8899, §1.2): a probe sent to it is answered by every printer
    /// that answers discovery on that port, each from its own address, with its own latency and faults, as
    /// printers on one LAN answer a broadcast. A segment port another process holds is skipped (see SegmentPorts).
    /// </summary>
    public static Task<VirtualPrinterFarm> StartAsync(IEnumerable<FlashForgePrinterOptions> printers, IPAddress? segmentAddress, CancellationToken ct = default) =>
        StartAsync(printers, Array.Empty<ElegooPrinterOptions>(), segmentAddress, ct);

    /// <summary>
    /// FlashForge and Elegoo printers together, started in that order. The segment also listens on UDP 3000 when
    /// there are Elegoo printers: an <c>M99999</c> probe sent there is answered by each of them from its own address.
    /// </summary>
    public static Task<VirtualPrinterFarm> StartAsync(IEnumerable<FlashForgePrinterOptions> printers, IEnumerable<ElegooPrinterOptions> elegooPrinters,
        IPAddress? segmentAddress, CancellationToken ct = default) =>
        StartAsync(printers, elegooPrinters, Array.Empty<CrealityPrinterOptions>(), segmentAddress, ct);

    /// <summary>
    /// FlashForge, Elegoo and Creality printers together, started in that order. The segment also listens on UDP
    /// 3000 when there are Elegoo printers and on UDP 5353 when there are Creality ones: an mDNS service-enumeration
    /// query sent there is answered by each Creality printer from its own address (creality.md §1.1).
    /// </summary>
    public static async Task<VirtualPrinterFarm> StartAsync(IEnumerable<FlashForgePrinterOptions> printers, IEnumerable<ElegooPrinterOptions> elegooPrinters,
        IEnumerable<CrealityPrinterOptions> crealityPrinters, IPAddress? segmentAddress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(printers);
        ArgumentNullException.ThrowIfNull(elegooPrinters);
        ArgumentNullException.ThrowIfNull(crealityPrinters);
        if (segmentAddress is not null)
        {
            Loopback.Require(segmentAddress);
        }

        var counters = new PrinterCounters();
        var started = new List<VirtualFlashForgePrinter>();
        var startedElegoo = new List<VirtualElegooPrinter>();
        var startedCreality = new List<VirtualCrealityPrinter>();
        try
        {
            foreach (FlashForgePrinterOptions options in printers)
            {
                started.Add(await VirtualFlashForgePrinter.StartAsync(options, counters, ct).ConfigureAwait(false));
            }

            foreach (ElegooPrinterOptions options in elegooPrinters)
            {
                startedElegoo.Add(await VirtualElegooPrinter.StartAsync(options, ct).ConfigureAwait(false));
            }

            foreach (CrealityPrinterOptions options in crealityPrinters)
            {
                startedCreality.Add(await VirtualCrealityPrinter.StartAsync(options, ct).ConfigureAwait(false));
            }
        }
        catch
        {
            await DisposeAllAsync(started, startedElegoo, startedCreality).ConfigureAwait(false);
            throw;
        }

        SegmentListener? segment = null;
        if (segmentAddress is not null)
        {
            segment = new SegmentListener(SegmentListener.PortsFor(withElegoo: startedElegoo.Count > 0, withCreality: startedCreality.Count > 0), (port, source, payload) =>
            {
                started.ForEach(p => p.AnswerSegmentProbe(port, source));
                if (port == Elegoo.ElegooFamilyDefaults.DiscoveryPort)
                {
                    startedElegoo.ForEach(p => p.AnswerSegmentProbe(source, payload));
                }

                if (port == Creality.CrealityModelDefaults.MdnsPort)
                {
                    startedCreality.ForEach(p => p.AnswerSegmentQuery(source, payload));
                }
            });
            try
            {
                segment.Start(segmentAddress);
            }
            catch
            {
                await segment.DisposeAsync().ConfigureAwait(false);
                await DisposeAllAsync(started, startedElegoo, startedCreality).ConfigureAwait(false);
                throw;
            }
        }

        return new VirtualPrinterFarm(started, startedElegoo, startedCreality, counters, segment, segmentAddress);
    }

    public async ValueTask DisposeAsync()
    {
        if (_segment is not null)
        {
            await _segment.DisposeAsync().ConfigureAwait(false);
        }

        await DisposeAllAsync(Printers, ElegooPrinters, CrealityPrinters).ConfigureAwait(false);
    }

    private static async ValueTask DisposeAllAsync(IEnumerable<VirtualFlashForgePrinter> printers, IEnumerable<VirtualElegooPrinter> elegooPrinters,
        IEnumerable<VirtualCrealityPrinter> crealityPrinters) =>
        await Task.WhenAll(printers.Select(p => p.DisposeAsync().AsTask())
            .Concat(elegooPrinters.Select(p => p.DisposeAsync().AsTask()))
            .Concat(crealityPrinters.Select(p => p.DisposeAsync().AsTask()))).ConfigureAwait(false);
}
