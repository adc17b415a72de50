using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>Start, dispose and the default farm. Addresses 127.R.55.x and 127.R.56.x.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Dispose_ends_open_connections_and_pending_requests_and_frees_the_ports()
    {
        var options = new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.55.1"),
            Model = FlashForgeModel.Adventurer5MPro,
        };
        VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole waiting = await RawConsole.ConnectAsync(printer.Address);
        await waiting.AskAsync("M115"); // answered: the connection is read from now on, whatever the latency
        options.Latency = TimeSpan.FromMinutes(10);
        await waiting.SendAsync("M115"); // waits on the 10-minute latency
        using HttpClient http = SimulatorFixtures.NewHttpClient(TimeSpan.FromMinutes(30));
        Task<HttpResponseMessage> pending = SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        await TestGuard.UntilAsync(() => printer.HttpRequests == 1 && printer.ReceivedCommands.Count == 2, "both requests arriving");
        // A read already waiting when the printer goes: it must end, not wait out the latency.
        Task<byte[]> rest = waiting.ReadToEndAsync();

        // The guard is far shorter than the latency: if dispose waited for the replies, it fails.
        await TestGuard.AgainstHangAsync(printer.DisposeAsync().AsTask(), "dispose waited on the 10-minute latency");

        Assert.Empty(await rest); // closed without the held reply
        HttpRequestException cut = await Assert.ThrowsAsync<HttpRequestException>(() => TestGuard.AgainstHangAsync(pending, "the HTTP request outlived the printer"));
        Assert.Equal(HttpRequestError.ResponseEnded, cut.HttpRequestError);

        // Every port is free again at once.
        options.Latency = TimeSpan.Zero;
        await using VirtualFlashForgePrinter again = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole console = await RawConsole.ConnectAsync(again.Address);
        Assert.StartsWith("CMD M115 Received.", await console.AskAsync("M115"));
    }

    [Fact]
    public async Task Dispose_ends_an_oversized_stream_and_a_silent_http_request()
    {
        VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.55.2"),
            Fault = FlashForgeFault.Oversized,
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.SendAsync("M115"); // we never read: the printer blocks sending
        await TestGuard.UntilAsync(() => printer.ReceivedCommands.Count == 1, "M115 arriving");
        printer.Options.Fault = FlashForgeFault.Silent;
        using HttpClient http = SimulatorFixtures.NewHttpClient(TimeSpan.FromMinutes(30));
        Task<HttpResponseMessage> pending = SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        await TestGuard.UntilAsync(() => printer.HttpRequests == 1, "the HTTP request arriving");

        // A blocked send and a request never answered: dispose must end both, not wait on them.
        await TestGuard.AgainstHangAsync(printer.DisposeAsync().AsTask(), "dispose waited on the blocked send or the silent request");

        Assert.Equal(0, printer.OpenConnections);
        HttpRequestException cut = await Assert.ThrowsAsync<HttpRequestException>(() => TestGuard.AgainstHangAsync(pending, "the HTTP request outlived the printer"));
        Assert.Equal(HttpRequestError.ResponseEnded, cut.HttpRequestError);
    }

    [Fact]
    public async Task Non_loopback_addresses_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = IPAddress.Parse("192.168.1.50"),
        }));
    }

    [Fact]
    public async Task Default_farm_has_an_idle_a4_a_printing_pro_and_a_paused_or_completed_pro_on_consecutive_addresses()
    {
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartDefaultAsync(SimulatorFixtures.Ip($"{TestNet.Block}.56.10"));

        // The FlashForge printers, then the two Elegoo and the two Creality ones (ElegooFarmTests and CrealityFarmTests have those).
        Assert.Equal(farm.Printers.Count + farm.ElegooPrinters.Count + farm.CrealityPrinters.Count, farm.Addresses.Count);
        Assert.Equal(
            Enumerable.Range(10, farm.Addresses.Count).Select(i => $"{TestNet.Block}.56.{i}"),
            farm.Addresses.Select(a => a.ToString()));
        Assert.Contains(farm.Printers, p => p.Model == FlashForgeModel.Adventurer4 && p.Options.State == VirtualJobState.Idle);
        VirtualFlashForgePrinter printing = Assert.Single(farm.Printers,
            p => p.Model == FlashForgeModel.Adventurer5MPro && p.Options.State == VirtualJobState.Printing);
        Assert.Contains(farm.Printers, p => p.Model == FlashForgeModel.Adventurer5MPro
            && p.Options.State is VirtualJobState.Paused or VirtualJobState.Completed);

        await using RawConsole console = await RawConsole.ConnectAsync(printing.Address);
        string progress = await console.AskAsync("M27");
        Assert.Contains($"SD printing byte {printing.Options.ProgressPercent}/100", progress);
        Assert.True(printing.Options.NozzleTarget > 0 && printing.Options.BedTarget > 0);
        Assert.False(string.IsNullOrEmpty(printing.Options.CurrentFile));
    }
}
