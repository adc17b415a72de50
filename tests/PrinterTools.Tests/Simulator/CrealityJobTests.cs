using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.CrealitySocket;
using static PrinterTools.Tests.Simulator.CrealityTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Jobs over <c>set</c> (creality.md §4, §6): start → 9 (self-test ramp) → 1 → finish latched at 2, stop → 7 → 4,
/// pause/resume, the K1C's close after a start, light, G-code and delete. Time moves on a hand-moved clock or by
/// SetProgress/FinishJob; the tests wait for the pushed frame, never for time. Addresses 127.R.162.x.
/// </summary>
public sealed class CrealityJobTests
{
    private const string K2Folder = "/mnt/UDISK/printer_data/gcodes/";
    private const string K1CFolder = "/usr/data/printer_data/gcodes/";

    [Fact]
    public async Task A_start_with_self_test_shows_9_with_the_ramp_then_1_and_a_finished_job_stays_latched_at_2()
    {
        var clock = new ManualClock();
        await using VirtualCrealityPrinter printer = await StartAsync("162.1", CrealityModel.K2Plus, o =>
        {
            o.Clock = clock;
            o.PhaseTime = TimeSpan.FromSeconds(10);
            o.PushInterval = FastPushes;
            o.JobDuration = TimeSpan.FromHours(1);
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using CrealitySocket client = await ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K2Folder}cube.gcode\",\"enableSelfTest\":1}}");
        JsonObject preparing = await client.UntilAsync(m => Int(m, "state") == 9);
        Assert.Equal((0, 1, 1), (Int(preparing, "deviceState"), Int(preparing, "withSelfTest"), Int(preparing, "enableSelfTest")));
        Assert.Equal(K2Folder + "cube.gcode", Str(preparing, "printFileName"));
        Assert.Equal(100, Int(preparing, "TotalLayer")); // the generated file's ;LAYER_COUNT

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.InRange(Int(await client.UntilAsync(m => Int(m, "withSelfTest") > 1), "withSelfTest"), 2, 99);
        clock.Advance(TimeSpan.FromSeconds(5));
        JsonObject printing = await client.UntilAsync(m => Int(m, "state") == 1);
        Assert.Equal((1, 100, 0), (Int(printing, "deviceState"), Int(printing, "withSelfTest"), Int(printing, "printProgress")));

        Assert.True(printer.SetProgress(50));
        JsonObject half = await client.UntilAsync(m => Int(m, "printProgress") == 50);
        Assert.Equal((50, 1800, 1800), (Int(half, "layer"), Int(half, "printJobTime"), Int(half, "printLeftTime")));

        Assert.True(printer.FinishJob());
        JsonObject done = await client.UntilAsync(m => Int(m, "state") == 2);
        Assert.Equal((0, 100, 100, 0), (Int(done, "deviceState"), Int(done, "printProgress"), Int(done, "layer"), Int(done, "printLeftTime")));
        Assert.Equal(K2Folder + "cube.gcode", Str(done, "printFileName"));
        Assert.Equal(CrealityJobState.Completed, printer.Options.State);
        Assert.False(printer.FinishJob()); // nothing left to finish
        Assert.Equal((1, $"printprt:{K2Folder}cube.gcode"), (printer.JobsStarted, printer.LastStartRequest));
    }

    [Fact]
    public async Task A_job_duration_moves_progress_with_the_clock_and_ends_the_job_itself()
    {
        var clock = new ManualClock();
        await using VirtualCrealityPrinter printer = await StartAsync("162.2", CrealityModel.K2Plus, o =>
        {
            o.Clock = clock;
            o.PushInterval = FastPushes;
            o.JobDuration = TimeSpan.FromSeconds(100);
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using CrealitySocket client = await ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K2Folder}cube.gcode\"}}");
        Assert.Equal(0, Int(await client.UntilAsync(m => Int(m, "state") == 1), "withSelfTest")); // no self-test asked, PhaseTime 0
        clock.Advance(TimeSpan.FromSeconds(40));
        JsonObject forty = await client.UntilAsync(m => Int(m, "printProgress") == 40);
        Assert.Equal((40, 40, 60), (Int(forty, "layer"), Int(forty, "printJobTime"), Int(forty, "printLeftTime")));
        clock.Advance(TimeSpan.FromSeconds(60));
        JsonObject done = await client.UntilAsync(m => Int(m, "state") == 2);
        Assert.Equal(100, Int(done, "printProgress"));
    }

    [Fact]
    public async Task A_start_while_busy_or_of_a_missing_file_or_outside_the_folder_changes_nothing_but_is_logged()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("162.3", CrealityModel.K2Plus, o => o.StoredFiles = new[] { "cube.gcode", "boat.gcode" });
        await using CrealitySocket client = await ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K2Folder}none.gcode\"}}");
        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K1CFolder}cube.gcode\"}}"); // the K1C's folder
        await client.SetAsync("{\"opGcodeFile\":\"printprt:cube.gcode\"}"); // no path
        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K2Folder}cube.gcode\"}}");
        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K2Folder}boat.gcode\"}}"); // busy
        await TestGuard.AgainstHangAsync(printer.WhenRequestReceived("opGcodeFile", 5), "five starts logged");
        await client.CloseAndDrainAsync(); // every message handled

        Assert.Equal(1, printer.JobsStarted);
        Assert.Equal($"printprt:{K2Folder}cube.gcode", printer.LastStartRequest);
        Assert.Equal(("cube.gcode", CrealityJobState.Printing), (printer.Options.FileName, printer.Options.State));
        Assert.Equal(5, printer.ReceivedRequests.Count(r => r.Method == "set" && r.Key == "opGcodeFile"));
        Assert.Equal(0, printer.ClosedAfterStart); // the K2 Plus keeps its socket
    }

    [Fact]
    public async Task Stop_shows_7_then_4_with_the_job_latched_and_pause_goes_to_5_and_back_to_1()
    {
        var clock = new ManualClock();
        await using VirtualCrealityPrinter printer = await StartAsync("162.4", CrealityModel.K2Plus, o =>
        {
            o.Clock = clock;
            o.PushInterval = FastPushes;
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using CrealitySocket client = await ConnectAsync(printer.Address);
        await client.NextAsync();
        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K2Folder}cube.gcode\"}}");
        await client.UntilAsync(m => Int(m, "state") == 1);
        printer.SetProgress(30);

        await client.SetAsync("{\"pause\":1}");
        Assert.Equal(5, Int(await client.UntilAsync(m => Int(m, "state") == 5), "state"));
        await client.SetAsync("{\"pause\":0}");
        await client.UntilAsync(m => Int(m, "state") == 1);

        printer.Options.PhaseTime = TimeSpan.FromSeconds(3);
        await client.SetAsync("{\"stop\":1}");
        JsonObject stopping = await client.UntilAsync(m => Int(m, "state") == 7);
        Assert.Equal(30, Int(stopping, "printProgress"));
        clock.Advance(TimeSpan.FromSeconds(3));
        JsonObject stopped = await client.UntilAsync(m => Int(m, "state") == 4);
        Assert.Equal((0, 30, K2Folder + "cube.gcode"), (Int(stopped, "deviceState"), Int(stopped, "printProgress"), Str(stopped, "printFileName")));
        Assert.Equal(CrealityJobState.Stopped, printer.Options.State);

        // The stopped job heads the history with printfinish 0.
        await client.GetAsync("reqHistory");
        JsonObject last = (await client.NextWithAsync("historyList"))["historyList"]!.AsArray()[0]!.AsObject();
        Assert.Equal(0, Int(last, "printfinish"));
    }

    [Fact]
    public async Task A_k1c_drops_the_socket_right_after_an_accepted_start_and_a_new_one_sees_the_job()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("162.5", CrealityModel.K1C, o => o.StoredFiles = new[] { "cube.gcode" });
        await using CrealitySocket client = await ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K1CFolder}none.gcode\"}}"); // refused: the socket stays
        await client.SetAsync($"{{\"opGcodeFile\":\"printprt:{K1CFolder}cube.gcode\"}}");

        await client.DroppedAsync(); // no close frame: the "End of file" of OrcaSlicer #14330
        Assert.Equal((1, 1), (printer.ClosedAfterStart, printer.JobsStarted));
        await using CrealitySocket again = await ConnectAsync(printer.Address);
        JsonObject dump = await again.NextAsync();
        Assert.Equal((1, 1, K1CFolder + "cube.gcode"), (Int(dump, "state"), Int(dump, "deviceState"), Str(dump, "printFileName")));

        printer.Options.CloseAfterStart = false;
        printer.FinishJob();
        await again.SetAsync($"{{\"opGcodeFile\":\"printprt:{K1CFolder}cube.gcode\"}}");
        await TestGuard.AgainstHangAsync(printer.WhenRequestReceived("opGcodeFile", 3), "the third start");
        Assert.Empty(await again.CloseAndDrainAsync()); // still open until we close it
        Assert.Equal((1, 2), (printer.ClosedAfterStart, printer.JobsStarted));
    }

    [Fact]
    public async Task Light_gcode_temperature_and_delete_commands_show_in_later_pushes_and_the_log()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("162.6", CrealityModel.K2Plus, o =>
        {
            o.PushInterval = FastPushes;
            o.StoredFiles = new[] { "cube.gcode", "boat.gcode" };
        });
        await using CrealitySocket client = await ConnectAsync(printer.Address);
        Assert.Equal(1, Int(await client.NextAsync(), "lightSw"));

        await client.SetAsync("{\"lightSw\":0}");
        await client.UntilAsync(m => Int(m, "lightSw") == 0);
        await client.SetAsync("{\"gcodeCmd\":\"M104 S215\"}");
        await client.SetAsync("{\"gcodeCmd\":\"M140 S60\"}");
        await client.SetAsync("{\"gcodeCmd\":\"G28 X Y\"}");
        await client.UntilAsync(m => Int(m, "targetNozzleTemp") == 215 && Int(m, "targetBedTemp0") == 60);
        Assert.Equal(new[] { "M104 S215", "M140 S60", "G28 X Y" }, printer.GcodeReceived);

        await client.SetAsync($"{{\"opGcodeFile\":\"deleteprt:{K2Folder}boat.gcode\"}}");
        await TestGuard.AgainstHangAsync(printer.WhenRequestReceived("opGcodeFile"), "the delete");
        await client.GetAsync("reqGcodeFile");
        JsonArray files = (await client.NextWithAsync("retGcodeFileInfo2"))["retGcodeFileInfo2"]!.AsArray();
        Assert.Equal("cube.gcode", Str(Assert.Single(files)!.AsObject(), "name"));
        Assert.Null(printer.GetFile("boat.gcode"));
        Assert.Equal(new[] { "cube.gcode" }, printer.Options.StoredFiles);
    }
}
