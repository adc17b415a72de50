using System;
using System.Linq;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>M601/M602 control ownership and the connection counters, notes §2.2. Addresses 127.R.52.x.</summary>
public sealed class ControlTests
{
    [Fact]
    public async Task Second_connection_is_refused_while_control_is_held_and_accepted_after_release()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.52.1"),
            Model = FlashForgeModel.Adventurer4,
        });
        await using RawConsole first = await RawConsole.ConnectAsync(printer.Address);
        await using RawConsole second = await RawConsole.ConnectAsync(printer.Address);

        Assert.Contains("Control Success V2.1.", await first.AskAsync("M601 S1"));
        Assert.True(printer.ControlHeld);
        Assert.Equal(SimulatorFixtures.Read("adventurer4-M601-control-failed.txt"), await second.AskAsync("M601 S1"));
        Assert.Contains("Control Success", await first.AskAsync("M601 S1")); // the holder may ask again

        await first.AskAsync("M602");
        Assert.False(printer.ControlHeld);
        Assert.Equal(1, printer.ControlReleases);
        Assert.Contains("Control Success", await second.AskAsync("M601 S1"));
        Assert.True(printer.ControlHeld);
    }

    [Fact]
    public async Task Closing_the_holding_connection_releases_control()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.52.2"),
        });
        RawConsole holder = await RawConsole.ConnectAsync(printer.Address);
        await holder.AskAsync("M601 S1");
        Assert.True(printer.ControlHeld);

        await holder.DisposeAsync();
        await WaitUntilAsync(() => !printer.ControlHeld && printer.OpenConnections == 0);

        Assert.Equal(0, printer.ControlReleases); // no M602 was sent
        await using RawConsole next = await RawConsole.ConnectAsync(printer.Address);
        Assert.Contains("Control Success", await next.AskAsync("M601 S1"));
    }

    [Fact]
    public async Task Refuse_control_fault_refuses_every_M601()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.52.3"),
            Fault = FlashForgeFault.RefuseControl,
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.Equal("CMD M601 Received.\r\nControl failed.\r\nok\r\n", await console.AskAsync("M601 S1"));
        Assert.False(printer.ControlHeld);
        Assert.StartsWith("CMD M115 Received.", await console.AskAsync("M115")); // everything else still works
    }

    [Fact]
    public async Task Counters_track_open_concurrent_and_total_connections_and_reset()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.52.4"),
        });

        RawConsole[] consoles = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RawConsole.ConnectAsync(printer.Address)));
        foreach (RawConsole console in consoles)
        {
            await console.AskAsync("M27");
        }

        Assert.Equal(3, printer.OpenConnections);
        Assert.Equal(3, printer.MaxConcurrentConnections);
        Assert.Equal(3, printer.TotalConnections);
        Assert.Equal(3, printer.ReceivedCommands.Count);

        foreach (RawConsole console in consoles)
        {
            await console.DisposeAsync();
        }

        await WaitUntilAsync(() => printer.OpenConnections == 0);
        printer.ResetCounters();
        Assert.Equal(0, printer.MaxConcurrentConnections);
        Assert.Equal(0, printer.TotalConnections);
        Assert.Empty(printer.ReceivedCommands);

        await using RawConsole again = await RawConsole.ConnectAsync(printer.Address);
        await again.AskAsync("M119");
        Assert.Equal(1, printer.MaxConcurrentConnections);
        Assert.Equal(1, printer.TotalConnections);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 5 s");
            await Task.Delay(20);
        }
    }
}
