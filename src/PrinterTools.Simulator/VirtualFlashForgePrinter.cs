using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Discovery;
using PrinterTools.Simulator.Http;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Tcp;

namespace PrinterTools.Simulator;

/// <summary>
/// One virtual FlashForge printer on its own loopback address, on the real ports: UDP discovery, TCP 8899 and,
/// for the 5M Pro, HTTP 8898. Written from shared/protocols/flashforge.md and its captures only.
/// </summary>
public sealed class VirtualFlashForgePrinter : IAsyncDisposable
{
    private readonly PrinterCounters _counters;
    private readonly DiscoveryServer _discovery;
    private readonly CommandServer _commands;
    private readonly HttpApiServer? _http;
    private int _disposed;

    private VirtualFlashForgePrinter(FlashForgePrinterOptions options, PrinterCounters? farmCounters)
    {
        _counters = new PrinterCounters(farmCounters);
        Options = options;
        Address = options.Address;
        Model = options.Model;
        _discovery = new DiscoveryServer(options, _counters);
        _commands = new CommandServer(options, _counters);
        _http = Model == FlashForgeModel.Adventurer5MPro ? new HttpApiServer(options, _counters) : null;
    }

    /// <summary>Binds every port of the printer; throws if the address is not 127.x or a port is taken.</summary>
    public static Task<VirtualFlashForgePrinter> StartAsync(FlashForgePrinterOptions options, CancellationToken ct = default) =>
        StartAsync(options, null, ct);

    internal static async Task<VirtualFlashForgePrinter> StartAsync(FlashForgePrinterOptions options, PrinterCounters? farmCounters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        Loopback.Require(options.Address);
        ct.ThrowIfCancellationRequested();
        var printer = new VirtualFlashForgePrinter(options, farmCounters);
        try
        {
            printer._commands.Start(printer.Address);
            printer._http?.Start(printer.Address);
            printer._discovery.Start(printer.Address, printer.Model);
        }
        catch
        {
            await printer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return printer;
    }

    /// <summary>Live settings: tests may change State, Latency, Fault and the rest while the printer runs.</summary>
    public FlashForgePrinterOptions Options { get; }

    public IPAddress Address { get; }

    /// <summary>The model fixed at start (which ports exist does not change while running).</summary>
    public FlashForgeModel Model { get; }

    public int OpenConnections => _counters.OpenConnections;

    public int MaxConcurrentConnections => _counters.MaxConcurrentConnections;

    public int TotalConnections => _counters.TotalConnections;

    public int MaxConcurrentHttpRequests => _counters.MaxConcurrentHttpRequests;

    public bool ControlHeld => _commands.Control.IsHeld;

    public int ControlReleases => _counters.ControlReleases;

    /// <summary>Every TCP command line received, without "~" and line end, in arrival order (a copy).</summary>
    public IReadOnlyList<string> ReceivedCommands => _counters.ReceivedCommands;

    public int DiscoveryRepliesSent => _counters.DiscoveryRepliesSent;

    public int HttpRequests => _counters.HttpRequests;

    public void ResetCounters() => _counters.Reset();

    /// <summary>Stops every listener and closes every connection; pending replies are abandoned.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _discovery.DisposeAsync().ConfigureAwait(false);
        await _commands.DisposeAsync().ConfigureAwait(false);
        if (_http is not null)
        {
            await _http.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override string ToString() => $"{Options.Name} ({Model}) at {Address}";
}
