using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.SimulatorApi;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Jobs that advance over <see cref="FlashForgePrinterOptions.JobDuration"/> on a hand-moved clock, and the test
/// handles FinishJob/SetProgress. Completion per notes §2.3 (M119) and §3.3 (/detail). Addresses 127.R.80.x.
/// </summary>
public sealed class JobProgressTests
{
    private static readonly TimeSpan Hundred = TimeSpan.FromSeconds(100);

    [Fact]
    public async Task M23_job_advances_with_the_clock_and_ends_completed()
    {
        var clock = new ManualClock();
        await using VirtualFlashForgePrinter printer = await Start("80.1", clock, Hundred);
        await using RawConsole console = await ControlledConsoleAsync(printer);

        await console.AskAsync("M23 0:/user/cube.gx");
        Assert.Contains("SD printing byte 0/100\r\nLayer: 0/100\r\n", await console.AskAsync("M27"));

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Contains("SD printing byte 40/100\r\nLayer: 40/100\r\n", await console.AskAsync("M27"));
        JsonElement running = await DetailAsync(printer);
        Assert.Equal("printing", running.GetProperty("status").GetString());
        Assert.Equal(0.4, running.GetProperty("printProgress").GetDouble());
        Assert.Equal(40, running.GetProperty("printLayer").GetInt32());
        Assert.Equal(40, running.GetProperty("printDuration").GetInt32());
        Assert.Equal(60.0, running.GetProperty("estimatedTime").GetDouble());

        clock.Advance(TimeSpan.FromSeconds(60));
        string status = await console.AskAsync("M119");
        Assert.Contains("MachineStatus: BUILDING_COMPLETED\r\nMoveMode: PAUSED\r\n", status); // §2.3
        Assert.Contains("CurrentFile: cube.gx\r\n", status);
        Assert.Contains("SD printing byte 100/100\r\nLayer: 100/100\r\n", await console.AskAsync("M27"));
        JsonElement done = await DetailAsync(printer);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1.0, done.GetProperty("printProgress").GetDouble());
        Assert.Equal(100, done.GetProperty("printDuration").GetInt32());
        Assert.Equal(0.0, done.GetProperty("estimatedTime").GetDouble());

        clock.Advance(TimeSpan.FromHours(1)); // a finished job stays finished
        Assert.Equal(VirtualJobState.Completed, printer.Options.State);
        Assert.Equal(100, printer.Options.ProgressPercent);
        Assert.Equal(1, printer.JobsStarted);
    }

    [Fact]
    public async Task A_paused_job_stands_still_and_resumes_where_it_was()
    {
        var clock = new ManualClock();
        await using VirtualFlashForgePrinter printer = await Start("80.2", clock, Hundred);
        await using RawConsole console = await ControlledConsoleAsync(printer);
        await console.AskAsync("M23 0:/user/cube.gx");
        clock.Advance(TimeSpan.FromSeconds(30));

        await console.AskAsync("M25");
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Contains("SD printing byte 30/100\r\n", await console.AskAsync("M27"));
        JsonElement paused = await DetailAsync(printer);
        Assert.Equal("pause", paused.GetProperty("status").GetString());
        Assert.Equal(30, paused.GetProperty("printDuration").GetInt32());

        await console.AskAsync("M24");
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Contains("SD printing byte 50/100\r\nLayer: 50/100\r\n", await console.AskAsync("M27"));
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
    }

    [Fact]
    public async Task Without_a_duration_a_job_stays_frozen()
    {
        var clock = new ManualClock();
        await using VirtualFlashForgePrinter printer = await Start("80.3", clock, jobDuration: null);
        await using RawConsole console = await ControlledConsoleAsync(printer);
        await console.AskAsync("M23 0:/user/cube.gx");

        clock.Advance(TimeSpan.FromDays(1));

        Assert.Contains("SD printing byte 0/100\r\nLayer: 0/100\r\n", await console.AskAsync("M27"));
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
    }

    [Fact]
    public async Task Http_printGcode_and_upload_with_printNow_start_jobs_that_advance_and_http_pause_holds_them()
    {
        var clock = new ManualClock();
        FlashForgePrinterOptions options = Options("80.4", clock, Hundred);
        options.SerialNumber = "SNMOMC7654321"; // the credentials HttpUploadTests.Upload sends
        options.CheckCode = "13572468";
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);

        Assert.Equal(0, (await PostAsync(printer, "/printGcode", "\"fileName\":\"cube.gx\",\"levelingBeforePrint\":false")).GetProperty("code").GetInt32());
        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(0.25, (await DetailAsync(printer)).GetProperty("printProgress").GetDouble());
        await ControlAsync(printer, """{"cmd":"jobCtl_cmd","args":{"jobID":"","action":"pause"}}""");
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(25, printer.Options.ProgressPercent);

        using var http = SimulatorFixtures.NewHttpClient();
        using (var upload = HttpUploadTests.Upload(printer, "part.gcode", UploadPackets.RandomFile(5000, seed: 80), printNow: true, checkCode: "13572468"))
        using (var response = await http.SendAsync(upload))
        {
            Assert.Contains("\"code\":0", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, printer.Options.ProgressPercent); // a new job from 0
        clock.Advance(Hundred);
        JsonElement done = await DetailAsync(printer);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("part.gcode", done.GetProperty("printFileName").GetString());
        Assert.Equal(2, printer.JobsStarted);
    }

    [Fact]
    public async Task SetProgress_and_FinishJob_move_the_job_by_hand()
    {
        await using VirtualFlashForgePrinter printer = await Start("80.5", new ManualClock(), jobDuration: null);
        Assert.False(printer.SetProgress(50)); // no job yet
        Assert.False(printer.FinishJob());
        await using RawConsole console = await ControlledConsoleAsync(printer);
        await console.AskAsync("M23 0:/user/cube.gx");

        Assert.True(printer.SetProgress(60));
        Assert.Contains("SD printing byte 60/100\r\nLayer: 60/100\r\n", await console.AskAsync("M27"));
        Assert.Contains("MachineStatus: BUILDING_FROM_SD\r\n", await console.AskAsync("M119"));

        Assert.True(printer.FinishJob());
        Assert.Contains("MachineStatus: BUILDING_COMPLETED\r\nMoveMode: PAUSED\r\n", await console.AskAsync("M119"));
        Assert.Contains("SD printing byte 100/100\r\nLayer: 100/100\r\n", await console.AskAsync("M27"));
        Assert.False(printer.FinishJob()); // already finished
    }

    [Fact]
    public async Task Default_farm_with_a_duration_runs_its_printing_job_to_completion_and_leaves_the_paused_one()
    {
        var clock = new ManualClock();
        IReadOnlyList<FlashForgePrinterOptions> printers = DefaultFarm.Create(TestNet.Ip("80.20"), Hundred);
        foreach (FlashForgePrinterOptions options in printers)
        {
            options.Clock = clock;
        }

        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(printers);
        VirtualFlashForgePrinter printing = farm.Printers.Single(p => p.Options.State == VirtualJobState.Printing);
        VirtualFlashForgePrinter paused = farm.Printers.Single(p => p.Options.State == VirtualJobState.Paused);
        int start = printing.Options.ProgressPercent;
        int pausedAt = paused.Options.ProgressPercent;

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(start + 10, printing.Options.ProgressPercent);
        clock.Advance(Hundred);
        Assert.Equal(VirtualJobState.Completed, printing.Options.State);
        Assert.Equal(printing.Options.TotalLayers, printing.Options.CurrentLayer);
        Assert.Equal(pausedAt, paused.Options.ProgressPercent);
        Assert.Equal(VirtualJobState.Paused, paused.Options.State);
    }

    [Fact]
    public void A_duration_must_be_positive()
    {
        var options = new FlashForgePrinterOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.JobDuration = TimeSpan.Zero);
        Assert.Null(options.JobDuration);
    }

    internal static FlashForgePrinterOptions Options(string address, ManualClock clock, TimeSpan? jobDuration) => new()
    {
        Address = TestNet.Ip(address),
        Model = FlashForgeModel.Adventurer5MPro,
        StoredFiles = new[] { "cube.gx" }, // generated content: 100 layers
        Clock = clock,
        JobDuration = jobDuration,
    };

    internal static Task<VirtualFlashForgePrinter> Start(string address, ManualClock clock, TimeSpan? jobDuration) =>
        VirtualFlashForgePrinter.StartAsync(Options(address, clock, jobDuration));
}
