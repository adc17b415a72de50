using System;
using System.Diagnostics;
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
    public async Task Dispose_is_prompt_with_open_connections_and_pending_requests_and_frees_the_ports()
    {
        var options = new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.55.1"),
            Model = FlashForgeModel.Adventurer5MPro,
            Latency = TimeSpan.FromMinutes(10),
        };
        VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole waiting = await RawConsole.ConnectAsync(printer.Address);
        await waiting.SendAsync("M115"); // waits on the 10-minute latency
        using HttpClient http = SimulatorFixtures.NewHttpClient(TimeSpan.FromSeconds(30));
        Task<HttpResponseMessage> pending = SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        await ControlTests.WaitUntilAsync(() => printer.HttpRequests == 1 && printer.ReceivedCommands.Count == 1);

        var clock = Stopwatch.StartNew();
        await printer.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"dispose took {clock.Elapsed}");

        (_, bool closed) = await waiting.ReadForAsync(TimeSpan.FromSeconds(2));
        Assert.True(closed);
        await Assert.ThrowsAnyAsync<Exception>(() => pending);

        // Every port is free again at once.
        options.Latency = TimeSpan.Zero;
        await using VirtualFlashForgePrinter again = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole console = await RawConsole.ConnectAsync(again.Address);
        Assert.StartsWith("CMD M115 Received.", await console.AskAsync("M115"));
    }

    [Fact]
    public async Task Dispose_is_prompt_during_an_oversized_stream_and_a_silent_http_request()
    {
        VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.55.2"),
            Fault = FlashForgeFault.Oversized,
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.SendAsync("M115"); // we never read: the printer blocks sending
        await ControlTests.WaitUntilAsync(() => printer.ReceivedCommands.Count == 1);
        printer.Options.Fault = FlashForgeFault.Silent;
        using HttpClient http = SimulatorFixtures.NewHttpClient(TimeSpan.FromSeconds(30));
        Task<HttpResponseMessage> pending = SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        await ControlTests.WaitUntilAsync(() => printer.HttpRequests == 1);

        var clock = Stopwatch.StartNew();
        await printer.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"dispose took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
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

        Assert.Equal(farm.Printers.Count, farm.Addresses.Count);
        Assert.Equal(
            Enumerable.Range(10, farm.Printers.Count).Select(i => $"{TestNet.Block}.56.{i}"),
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
