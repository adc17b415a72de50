using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.SimulatorApi;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Status without control, state changes only with it (notes §2.2; ffpp reads status without M601), another
/// client holding control, and the command counters and log. Addresses 127.R.81.x.
/// </summary>
public sealed class ControlRuleTests
{
    [Fact]
    public async Task Status_commands_are_answered_without_control()
    {
        await using VirtualFlashForgePrinter printer = await Start("81.1");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        foreach (string command in new[] { "M115", "M119", "M27", "M105", "M114", "M650", "M662 /data/cube.gx" })
        {
            string reply = await console.AskAsync(command);
            Assert.DoesNotContain("Error", reply);
        }

        await console.AskAsync("M661");
        Assert.Equal(0, printer.CommandsRefusedWithoutControl);
        Assert.Equal(0, printer.StateChangingCommandsReceived);
    }

    [Theory]
    [InlineData(10, "M23 0:/user/cube.gx", "M23")]
    [InlineData(11, "G28", "G28")]
    [InlineData(12, "G1 X10 Y10 F3000", "G1")]
    [InlineData(13, "M146 r0 g0 b0 F0", "M146")]
    [InlineData(14, "M104 S210", "M104")]
    [InlineData(15, "M140 S60", "M140")]
    [InlineData(16, "M26", "M26")]
    [InlineData(17, "M610 Renamed", "M610")]
    public async Task State_changing_commands_without_control_get_an_error_and_change_nothing(int octet, string command, string code)
    {
        await using VirtualFlashForgePrinter printer = await Start($"81.{octet}");
        printer.Options.State = VirtualJobState.Paused;
        printer.Options.CurrentFile = "cube.gx";
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        string reply = await console.AskAsync(command);

        Assert.Equal($"CMD {code} Received.\r\nError: control not acquired, send M601 first\r\nok\r\n", reply);
        Assert.Equal(VirtualJobState.Paused, printer.Options.State);
        Assert.True(printer.Options.LightOn);
        Assert.Equal(0, printer.Options.NozzleTarget);
        Assert.Equal(0, printer.Options.BedTarget);
        Assert.Equal(0, printer.JobsStarted);
        Assert.Equal(1, printer.CommandsRefusedWithoutControl);
        Assert.Equal(1, printer.StateChangingCommandsReceived);
        ReceivedCommand logged = Assert.Single(printer.CommandLog);
        Assert.Equal(code, logged.Code);
        Assert.True(logged.RefusedWithoutControl);
    }

    [Fact]
    public async Task The_same_commands_work_with_control_and_the_log_keeps_order_and_connections()
    {
        await using VirtualFlashForgePrinter printer = await Start("81.3");
        await using RawConsole watcher = await RawConsole.ConnectAsync(printer.Address);
        await using RawConsole holder = await ControlledConsoleAsync(printer);

        await watcher.AskAsync("M119");
        Assert.Equal("CMD G28 Received.\r\nok\r\n", await holder.AskAsync("G28"));
        await holder.AskAsync("M104 S210");
        await holder.AskAsync("M23 0:/user/cube.gx");
        await watcher.AskAsync("M27");

        Assert.Equal(210, printer.Options.NozzleTarget);
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
        Assert.Equal(3, printer.StateChangingCommandsReceived);
        Assert.Equal(0, printer.CommandsRefusedWithoutControl);
        IReadOnlyList<ReceivedCommand> log = printer.CommandLog;
        Assert.Equal(new[] { "M601", "M119", "G28", "M104", "M23", "M27" }, log.Select(c => c.Code));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), log.Select(c => c.Sequence));
        int holderId = log[0].Connection;
        Assert.All(log.Where(c => c.ChangesState), c => Assert.Equal(holderId, c.Connection));
        Assert.All(log.Where(c => c.Code is "M119" or "M27"), c => Assert.NotEqual(holderId, c.Connection));
        Assert.False(log[0].HadControl); // M601 itself arrives before control is taken
        Assert.All(log.Where(c => c.ChangesState), c => Assert.True(c.HadControl));
        Assert.Equal(new[] { "M601 S1", "M119", "G28", "M104 S210", "M23 0:/user/cube.gx", "M27" }, printer.ReceivedCommands);

        printer.ResetCounters();
        Assert.Equal(0, printer.StateChangingCommandsReceived);
        Assert.Empty(printer.CommandLog);
    }

    [Fact]
    public async Task Another_client_holding_control_makes_M601_fail_while_status_is_still_answered()
    {
        await using VirtualFlashForgePrinter printer = await Start("81.4");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.True(printer.HoldControlByAnotherClient());
        Assert.True(printer.ControlHeld);
        Assert.Equal(SimulatorFixtures.Read("adventurer4-M601-control-failed.txt"), await console.AskAsync("M601 S1"));
        Assert.StartsWith("CMD M119 Received.\r\nEndstop:", await console.AskAsync("M119"));
        Assert.Contains("Error:", await console.AskAsync("M146 r0 g0 b0 F0"));
        Assert.True(printer.Options.LightOn);

        printer.ReleaseControlByAnotherClient();
        Assert.False(printer.ControlHeld);
        Assert.Contains("Control Success", await console.AskAsync("M601 S1"));
        Assert.False(printer.HoldControlByAnotherClient()); // this connection holds it now
        Assert.Equal(1, printer.CommandsRefusedWithoutControl);
        Assert.Equal(0, printer.ControlReleases);
    }

    [Fact]
    public async Task WhenCommandReceived_and_the_event_report_a_command_without_sleeping()
    {
        await using VirtualFlashForgePrinter printer = await Start("81.5");
        var seen = new List<(object? Sender, ReceivedCommand Command)>();
        printer.CommandReceived += (sender, command) =>
        {
            lock (seen)
            {
                seen.Add((sender, command));
            }
        };
        Task secondG28 = printer.WhenCommandReceived("g28", count: 2);
        Task firstG28 = printer.WhenCommandReceived("G28");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        await console.SendAsync("G28"); // no wait for the reply: the printer tells us it arrived
        await firstG28.WaitAsync(RawConsole.DefaultTimeout);
        Assert.False(secondG28.IsCompleted);
        await console.ReadReplyAsync();
        await console.AskAsync("G28");
        await secondG28.WaitAsync(RawConsole.DefaultTimeout);

        Assert.True(printer.WhenCommandReceived("G28").IsCompleted); // already reached: completes at once
        using var cancel = new CancellationTokenSource();
        Task never = printer.WhenCommandReceived("M23", 1, cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAsync<TaskCanceledException>(() => never);
        lock (seen)
        {
            Assert.Equal(new[] { "G28", "G28" }, seen.Select(s => s.Command.Code));
            Assert.All(seen, s => Assert.Same(printer, s.Sender));
            Assert.All(seen, s => Assert.True(s.Command.RefusedWithoutControl));
        }
    }

    private static Task<VirtualFlashForgePrinter> Start(string address) => VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
    {
        Address = TestNet.Ip(address),
        Model = FlashForgeModel.Adventurer5MPro,
        StoredFiles = new[] { "cube.gx" },
        LightOn = true,
    });
}
