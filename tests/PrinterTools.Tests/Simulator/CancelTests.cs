using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.SimulatorApi;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Cancelled jobs: M26, HTTP jobCtl_cmd cancel (§3.4) and the printer's screen (CancelJob). /detail says "cancel"
/// (§3.3); M119 READY/READY without a file is our assumption (the notes show no M119 after a cancel).
/// Addresses 127.R.84.x.
/// </summary>
public sealed class CancelTests
{
    [Fact]
    public async Task M26_cancels_the_job_and_setClearPlatform_makes_the_printer_ready()
    {
        await using VirtualFlashForgePrinter printer = await StartPrinting("84.1");
        await using RawConsole console = await ControlledConsoleAsync(printer);
        await console.AskAsync("M23 0:/user/cube.gx");
        Assert.True(printer.SetProgress(40));

        Assert.Equal("CMD M26 Received.\r\nok\r\n", await console.AskAsync("M26"));

        Assert.Equal(VirtualJobState.Cancelled, printer.Options.State);
        await AssertCancelledAsync(printer, console);
        Assert.Equal(1, printer.JobsCancelled);

        Assert.Equal(0, (await ControlAsync(printer, """{"cmd":"stateCtrl_cmd","args":{"action":"setClearPlatform"}}""")).GetProperty("code").GetInt32());
        Assert.Equal(VirtualJobState.Idle, printer.Options.State);
        Assert.Equal("ready", (await DetailAsync(printer)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Http_cancel_and_the_screen_cancel_end_the_job_the_same_way()
    {
        await using VirtualFlashForgePrinter printer = await StartPrinting("84.2");
        await using RawConsole console = await ControlledConsoleAsync(printer);
        await console.AskAsync("M23 0:/user/cube.gx");

        await ControlAsync(printer, """{"cmd":"jobCtl_cmd","args":{"jobID":"","action":"cancel"}}""");
        await AssertCancelledAsync(printer, console);

        await console.AskAsync("M23 0:/user/cube.gx");
        await console.AskAsync("M25"); // a paused job can be cancelled too
        Assert.True(printer.CancelJob());
        await AssertCancelledAsync(printer, console);
        Assert.Equal(2, printer.JobsCancelled);

        Assert.False(printer.CancelJob()); // nothing left to cancel
        await console.AskAsync("M26");
        Assert.Equal(2, printer.JobsCancelled);
    }

    [Fact]
    public async Task A_cancelled_job_no_longer_advances()
    {
        var clock = new ManualClock();
        await using VirtualFlashForgePrinter printer = await JobProgressTests.Start("84.3", clock, System.TimeSpan.FromSeconds(100));
        await using RawConsole console = await ControlledConsoleAsync(printer);
        await console.AskAsync("M23 0:/user/cube.gx");
        clock.Advance(System.TimeSpan.FromSeconds(30));
        await console.AskAsync("M26");

        clock.Advance(System.TimeSpan.FromSeconds(100));

        Assert.Equal(VirtualJobState.Cancelled, printer.Options.State);
        Assert.Equal(30, printer.Options.ProgressPercent);
    }

    private static async Task AssertCancelledAsync(VirtualFlashForgePrinter printer, RawConsole console)
    {
        Assert.Equal(VirtualJobState.Cancelled, printer.Options.State);
        string status = await console.AskAsync("M119");
        Assert.Contains("MachineStatus: READY\r\nMoveMode: READY\r\n", status);
        Assert.Contains("CurrentFile: \r\n", status);
        Assert.Equal("cancel", (await DetailAsync(printer)).GetProperty("status").GetString());
    }

    private static Task<VirtualFlashForgePrinter> StartPrinting(string address) =>
        JobProgressTests.Start(address, new ManualClock(), jobDuration: null);
}
