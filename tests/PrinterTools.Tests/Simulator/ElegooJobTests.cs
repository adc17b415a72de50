using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.ElegooTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Jobs on an SDCP printer: Cmd 128 and its Ack codes (notes §4, §5), 129/130/131, and the change-driven status
/// pushes of §3.7/§7.4 (CC 16 → 20 → 13 … 9, resin 0 → 1 → 2/3/4 … 7 → 9 → 0) on a hand-moved clock: states
/// and pushes prove the progress, never elapsed time. Addresses 127.R.153.x.
/// </summary>
public sealed class ElegooJobTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Cc_cmd_128_answers_0_for_a_stored_local_path_2_for_a_missing_or_bare_name_and_1_while_printing()
    {
        await using VirtualElegooPrinter printer = await StartAsync("153.1", ElegooFamily.CentauriCarbon, o => o.StoredFiles = new[] { "cube.gcode" });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        const string start = "{\"Filename\":\"/local/cube.gcode\",\"StartLayer\":0,\"Calibration_switch\":0,\"PrintPlatformType\":0,\"Tlp_Switch\":0}";

        Assert.Equal(2, await AckAsync(client, 128, "{\"Filename\":\"/local/none.gcode\",\"StartLayer\":0}"));
        Assert.Equal(2, await AckAsync(client, 128, "{\"Filename\":\"cube.gcode\",\"StartLayer\":0}")); // the CC wants the path
        Assert.Equal(0, printer.JobsStarted);
        Assert.Equal(0, await AckAsync(client, 128, start));
        Assert.Equal(1, await AckAsync(client, 128, start));

        Assert.Equal(1, printer.JobsStarted);
        Assert.Equal(start, printer.LastStartRequest);
        Assert.Equal(ElegooJobState.Printing, printer.Options.State);
        Assert.Equal("cube.gcode", printer.Options.CurrentFile);
        Assert.Equal(100, printer.Options.TotalLayers); // the generated file's ;LAYER_COUNT
    }

    [Fact]
    public async Task Resin_cmd_128_takes_a_bare_name_or_a_local_path_and_is_busy_in_the_window_after_an_upload()
    {
        var clock = new ManualClock();
        await using VirtualElegooPrinter printer = await StartAsync("153.2", ElegooFamily.Saturn4Ultra, o =>
        {
            o.Clock = clock;
            o.BusyAfterUpload = TimeSpan.FromSeconds(15);
            o.StoredFiles = new[] { "rook.goo" };
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();
        await UploadAsync(http, printer, "fresh.goo", RandomFile(5000, seed: 2), chunkSize: 4096);
        await TestGuard.UntilAsync(() => printer.UploadsCompleted == 1, "the upload being stored");

        Assert.Equal(1, await AckAsync(client, 128, "{\"Filename\":\"fresh.goo\",\"StartLayer\":0}"));
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(0, await AckAsync(client, 128, "{\"Filename\":\"fresh.goo\",\"StartLayer\":0}"));
        Assert.Equal(0, await AckAsync(client, 130));
        Assert.Equal(0, await AckAsync(client, 128, "{\"Filename\":\"/local/rook.goo\",\"StartLayer\":0}"));
        Assert.Equal(2, printer.JobsStarted);
    }

    [Fact]
    public async Task A_cc_job_preheats_prints_with_progress_pauses_resumes_and_completes_in_pushes()
    {
        var clock = new ManualClock();
        await using VirtualElegooPrinter printer = await StartAsync("153.3", ElegooFamily.CentauriCarbon, o =>
        {
            o.Clock = clock;
            o.JobDuration = TimeSpan.FromSeconds(100);
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        await using ElegooSocket watcher = await ElegooSocket.ConnectAsync(printer.Address);

        Assert.Equal(0, await AckAsync(client, 128, "{\"Filename\":\"/local/cube.gcode\",\"StartLayer\":0}"));
        JsonElement preheating = Info(await watcher.StatusWithAsync(16)); // pushed to every client
        Assert.Equal("cube.gcode", preheating.GetProperty("Filename").GetString());
        Assert.NotEqual(string.Empty, preheating.GetProperty("TaskId").GetString());
        clock.Advance(Second);
        await watcher.StatusWithAsync(20);
        clock.Advance(Second);
        await watcher.StatusWithAsync(13);
        clock.Advance(TimeSpan.FromSeconds(40));
        JsonElement printing = Info(await watcher.NextOnAsync("sdcp/status/", f => Info(f).GetProperty("Progress").GetInt32() == 42));
        Assert.Equal(42, printing.GetProperty("CurrentLayer").GetInt32());

        Assert.Equal(0, await AckAsync(client, 129));
        await watcher.StatusWithAsync(5);
        clock.Advance(Second);
        await watcher.StatusWithAsync(6);
        clock.Advance(TimeSpan.FromSeconds(30)); // paused: no progress
        Assert.Equal(42, printer.Options.ProgressPercent);
        Assert.Equal(0, await AckAsync(client, 131));
        await watcher.StatusWithAsync(12);
        clock.Advance(Second);
        await watcher.StatusWithAsync(13);

        clock.Advance(TimeSpan.FromSeconds(60));
        JsonElement done = await watcher.StatusWithAsync(9);
        Assert.Equal("[0]", done.GetProperty("Status").GetProperty("CurrentStatus").GetRawText());
        Assert.Equal(100, Info(done).GetProperty("Progress").GetInt32());
        Assert.Equal(ElegooJobState.Completed, printer.Options.State);
        JsonElement newest = await NewestTaskAsync(client);
        Assert.Equal(1, newest.GetProperty("TaskStatus").GetInt32()); // completed (§7.5)
        Assert.Equal(Info(done).GetProperty("TaskId").GetString(), newest.GetProperty("TaskId").GetString());
    }

    [Fact]
    public async Task A_stopped_cc_job_shows_stopping_then_stopped_idle_without_file_and_goes_to_history_as_stopped()
    {
        var clock = new ManualClock();
        await using VirtualElegooPrinter printer = await StartAsync("153.4", ElegooFamily.CentauriCarbon, o =>
        {
            o.Clock = clock;
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        Assert.Equal(1, await AckAsync(client, 130)); // nothing to stop
        Assert.Equal(1, await AckAsync(client, 129));
        Assert.Equal(1, await AckAsync(client, 131));
        Assert.Equal(0, await AckAsync(client, 128, "{\"Filename\":\"/local/cube.gcode\",\"StartLayer\":0}"));

        Assert.Equal(0, await AckAsync(client, 130));
        Assert.Equal("[1]", (await client.StatusWithAsync(7)).GetProperty("Status").GetProperty("CurrentStatus").GetRawText());
        clock.Advance(Second);
        JsonElement stopped = await client.StatusWithAsync(8);

        // As cc-v1.1.29-status-idle-after-stop.json: [0], no file, no task, layers kept.
        Assert.Equal("[0]", stopped.GetProperty("Status").GetProperty("CurrentStatus").GetRawText());
        Assert.Equal(string.Empty, Info(stopped).GetProperty("Filename").GetString());
        Assert.Equal(string.Empty, Info(stopped).GetProperty("TaskId").GetString());
        Assert.Equal(100, Info(stopped).GetProperty("TotalLayer").GetInt32());
        Assert.Equal(ElegooJobState.Stopped, printer.Options.State);
        Assert.Equal(2, await HistoryCountAsync(client)); // the seeded task and the stopped one
        Assert.Equal(3, (await NewestTaskAsync(client)).GetProperty("TaskStatus").GetInt32()); // stopped (§7.5)
    }

    [Fact]
    public async Task A_resin_job_goes_0_1_then_2_3_4_per_layer_in_ms_ticks_then_7_9_and_back_to_0_with_the_file_kept()
    {
        var clock = new ManualClock();
        await using VirtualElegooPrinter printer = await StartAsync("153.5", ElegooFamily.Saturn4Ultra, o =>
        {
            o.Clock = clock;
            o.JobDuration = TimeSpan.FromSeconds(100);
            o.StoredFiles = new[] { "rook.goo" };
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        Assert.Equal(0, await AckAsync(client, 128, "{\"Filename\":\"rook.goo\",\"StartLayer\":0}"));
        JsonElement starting = Info(await client.StatusWithAsync(0));
        Assert.Equal(string.Empty, starting.GetProperty("TaskId").GetString());
        Assert.Equal(0, starting.GetProperty("TotalLayer").GetInt32());
        clock.Advance(Second);
        Assert.Equal(100, Info(await client.StatusWithAsync(1)).GetProperty("TotalLayer").GetInt32());
        clock.Advance(TimeSpan.FromSeconds(1.1)); // 2.1 s in: past homing, layer 2, first third: dropping
        await client.StatusWithAsync(2);
        clock.Advance(TimeSpan.FromSeconds(0.4));
        JsonElement exposing = Info(await client.StatusWithAsync(3));
        Assert.Equal(2500, exposing.GetProperty("CurrentTicks").GetInt64()); // ms (§7.2)
        Assert.Equal(100_000, exposing.GetProperty("TotalTicks").GetInt64());
        Assert.False(exposing.TryGetProperty("Progress", out _));
        clock.Advance(TimeSpan.FromSeconds(0.3));
        await client.StatusWithAsync(4);

        Assert.True(printer.FinishJob());
        JsonElement last = await client.StatusWithAsync(7);
        Assert.Equal("[1]", last.GetProperty("Status").GetProperty("CurrentStatus").GetRawText());
        clock.Advance(Second);
        Assert.Equal("[0]", (await client.StatusWithAsync(9)).GetProperty("Status").GetProperty("CurrentStatus").GetRawText());
        clock.Advance(TimeSpan.FromSeconds(10));
        JsonElement after = Info(await client.StatusWithAsync(0));
        Assert.Equal("rook.goo", after.GetProperty("Filename").GetString());
        Assert.Equal(string.Empty, after.GetProperty("TaskId").GetString());
        Assert.Equal(100, after.GetProperty("TotalLayer").GetInt32());
    }

    [Fact]
    public async Task Without_a_job_duration_a_job_stays_frozen_until_set_progress_moves_it()
    {
        var clock = new ManualClock();
        await using VirtualElegooPrinter printer = await StartAsync("153.6", ElegooFamily.CentauriCarbon, o =>
        {
            o.Clock = clock;
            o.PhaseTime = TimeSpan.Zero;
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        Assert.Equal(0, await AckAsync(client, 128, "{\"Filename\":\"/local/cube.gcode\",\"StartLayer\":0}"));
        await client.StatusWithAsync(13); // no phase time: printing at once

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, printer.Options.ProgressPercent);
        Assert.True(printer.SetProgress(70));
        JsonElement moved = Info(await client.NextOnAsync("sdcp/status/", f => Info(f).GetProperty("Progress").GetInt32() == 70));
        Assert.Equal(70, moved.GetProperty("CurrentLayer").GetInt32());

        Assert.True(printer.FinishJob());
        await client.StatusWithAsync(9);
        Assert.False(printer.FinishJob());
        Assert.Equal(2, await HistoryCountAsync(client));
    }

    [Fact]
    public async Task An_idle_printer_pushes_nothing_unasked()
    {
        await using VirtualElegooPrinter printer = await StartAsync("153.7", ElegooFamily.CentauriCarbon);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        printer.Options.NozzleTarget = 200; // a change outside the job's codes is not pushed either

        // After each answer the printer pushes what changed, before it reads the next request: so had anything
        // been pushed, it would sit between the two Acks.
        string first = await client.SendCommandAsync(512, "{\"TimePeriod\":5000}");
        Assert.Equal(first, (await client.NextAsync()).GetProperty("Data").GetProperty("RequestID").GetString());
        string second = await client.SendCommandAsync(64);
        Assert.Equal(second, (await client.NextAsync()).GetProperty("Data").GetProperty("RequestID").GetString());
    }

    /// <summary>Sends a request and returns its Ack, skipping pushes.</summary>
    internal static async Task<int> AckAsync(ElegooSocket client, int cmd, string data = "{}")
    {
        string requestId = await client.SendCommandAsync(cmd, data);
        JsonElement ack = await client.NextOnAsync("sdcp/response/", f => f.GetProperty("Data").GetProperty("RequestID").GetString() == requestId);
        return ack.GetProperty("Data").GetProperty("Data").GetProperty("Ack").GetInt32();
    }

    private static JsonElement Info(JsonElement statusFrame) => statusFrame.GetProperty("Status").GetProperty("PrintInfo");

    /// <summary>Cmd 320's first (newest) id, detailed by Cmd 321.</summary>
    private static async Task<JsonElement> NewestTaskAsync(ElegooSocket client)
    {
        await client.SendCommandAsync(320);
        string id = (await client.NextOnAsync("sdcp/response/")).GetProperty("Data").GetProperty("Data").GetProperty("HistoryData")[0].GetString()!;
        await client.SendCommandAsync(321, $"{{\"Id\":[\"{id}\"]}}");
        return (await client.NextOnAsync("sdcp/response/")).GetProperty("Data").GetProperty("Data").GetProperty("HistoryDetailList")[0];
    }

    private static async Task<int> HistoryCountAsync(ElegooSocket client)
    {
        await client.SendCommandAsync(320);
        return (await client.NextOnAsync("sdcp/response/")).GetProperty("Data").GetProperty("Data").GetProperty("HistoryData").GetArrayLength();
    }
}
