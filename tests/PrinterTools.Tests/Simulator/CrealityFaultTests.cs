using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.CrealitySocket;
using static PrinterTools.Tests.Simulator.CrealityTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>Each <see cref="CrealityFault"/> does what it says, seen from a raw client. Addresses 127.R.165.x.</summary>
public sealed class CrealityFaultTests
{
    [Fact]
    public async Task SilentSocket_accepts_the_websocket_and_never_sends_a_frame()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.1", CrealityModel.K2Plus, o => o.Fault = CrealityFault.SilentSocket);
        await using CrealitySocket client = await ConnectAsync(printer.Address);

        await client.SendTextAsync("{\"ModeCode\":\"heart_beat\",\"msg\":1}");
        await client.GetAsync("reqGcodeFile");
        // In order: whatever the printer sent for these two would come before its close frame. Nothing did.
        Assert.Empty(await client.CloseAndDrainAsync());
        Assert.Equal((2, 0, 1), (printer.ReceivedRequests.Count, printer.HeartbeatsAnswered, printer.TotalWebSockets));
    }

    [Fact]
    public async Task NotJsonFrames_sends_the_dump_and_replies_as_text_that_is_not_json_but_still_answers_ok()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.2", CrealityModel.K1C, o => o.Fault = CrealityFault.NotJsonFrames);
        await using CrealitySocket client = await ConnectAsync(printer.Address);

        string dump = await client.NextRawAsync();
        await client.SendTextAsync("{\"ModeCode\":\"heart_beat\",\"msg\":1}");
        string ok = await client.NextRawAsync();
        await client.GetAsync("reqPrintObjects");
        string reply = await client.NextRawAsync();

        Assert.Equal("ok", ok);
        foreach (string frame in new[] { dump, reply })
        {
            Assert.NotEqual("ok", frame);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(frame));
        }

        Assert.Contains("nozzleTemp", dump);
    }

    [Fact]
    public async Task HugeFrame_makes_the_first_frame_17_mib_of_json_and_the_next_ones_normal()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.3", CrealityModel.K2Plus, o => o.Fault = CrealityFault.HugeFrame);
        await using CrealitySocket client = await ConnectAsync(printer.Address);

        string first = await client.NextRawAsync();
        Assert.Equal(17 * 1024 * 1024, Encoding.UTF8.GetByteCount(first));
        Assert.Equal("F008", JsonDocument.Parse(first).RootElement.GetProperty("model").GetString());

        await client.GetAsync("reqPrintObjects");
        Assert.True((await client.NextRawAsync()).Length < 1000);
    }

    [Fact]
    public async Task Booting_sends_empty_temperatures_and_the_stale_500_116_error_while_idle_only()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.4", CrealityModel.K2Plus, o =>
        {
            o.Fault = CrealityFault.Booting;
            o.PushInterval = FastPushes;
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using CrealitySocket client = await ConnectAsync(printer.Address);

        JsonObject dump = await client.NextAsync();
        Assert.All(new[] { "nozzleTemp", "bedTemp0", "bedTemp1", "bedTemp2" }, key => Assert.Equal("", Str(dump, key)));
        Assert.Equal((500, 116), (Int(dump["err"]!.AsObject(), "errcode"), Int(dump["err"]!.AsObject(), "key")));

        printer.Options.FileName = "cube.gcode";
        printer.Options.State = CrealityJobState.Printing;
        JsonObject printing = await client.UntilAsync(m => Int(m, "state") == 1);
        Assert.Equal(0, Int(printing["err"]!.AsObject(), "errcode"));
    }

    [Fact]
    public async Task WrongTypes_sends_numbers_for_strings_and_strings_for_numbers()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.5", CrealityModel.K1C, o =>
        {
            o.Fault = CrealityFault.WrongTypes;
            o.NozzleTemperature = 29.5;
            o.NozzleTarget = 220;
            o.StoredFiles = new[] { "cube.gcode" };
            o.FileName = "cube.gcode";
            o.Progress = 40;
            o.State = CrealityJobState.Printing;
        });
        await using CrealitySocket client = await ConnectAsync(printer.Address);

        JsonObject dump = await client.NextAsync();

        Assert.Equal(29.5, dump["nozzleTemp"]!.GetValue<double>());
        Assert.Equal(JsonValueKind.Number, dump["bedTemp0"]!.GetValueKind());
        Assert.Equal("40", Str(dump, "printProgress"));
        Assert.Equal("220", Str(dump, "targetNozzleTemp"));
        Assert.Equal(JsonValueKind.String, dump["layer"]!.GetValueKind());
    }

    [Fact]
    public async Task UnknownState_reports_state_42_whatever_the_printer_does()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.6", CrealityModel.K2Plus, o => o.Fault = CrealityFault.UnknownState);
        await using CrealitySocket client = await ConnectAsync(printer.Address);

        Assert.Equal(42, Int(await client.NextAsync(), "state"));
    }

    [Fact]
    public async Task UploadErrorBody_answers_200_with_an_error_body_and_stores_nothing()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.7", CrealityModel.K1C, o => o.Fault = CrealityFault.UploadErrorBody);
        using HttpClient http = Http();
        byte[] file = RandomFile(3000, seed: 7);

        (HttpStatusCode status, JsonElement body) = await PostAsync(http, printer, "cube.gcode", file, Md5(file));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(200, body.GetProperty("code").GetInt32());
        Assert.DoesNotContain("OK", body.GetProperty("message").GetString());
        Assert.Empty(printer.Files);
        Assert.Equal((0, 1), (printer.UploadsCompleted, printer.UploadsRejected));
    }

    [Fact]
    public async Task BrokenLegacyList_sends_colon_separated_entries_that_miss_fields()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.8", CrealityModel.K2Plus, o =>
        {
            o.Fault = CrealityFault.BrokenLegacyList;
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using CrealitySocket client = await ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.GetAsync("reqGcodeFile");
        string[] entries = Str((await client.NextWithAsync("retGcodeFileInfo"))["retGcodeFileInfo"]!.AsObject(), "fileInfo").Split(';');

        Assert.Equal(7, entries[0].Split(':').Length);
        Assert.Contains(entries, e => e.Length > 0 && e.Split(':').Length < 7);
        Assert.Contains(entries.Skip(1), e => e.Split(':') is { Length: >= 3 } f && !long.TryParse(f[2], out _));
    }

    [Fact]
    public async Task LargeFileList_lists_1500_files_in_a_frame_over_1_mib()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.9", CrealityModel.K1C, o =>
        {
            o.Fault = CrealityFault.LargeFileList;
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using CrealitySocket client = await ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.GetAsync("reqGcodeFile");
        string reply = await client.NextRawAsync();

        Assert.True(Encoding.UTF8.GetByteCount(reply) > 1024 * 1024, $"{reply.Length} bytes");
        JsonElement files = JsonDocument.Parse(reply).RootElement.GetProperty("retGcodeFileInfo2");
        Assert.Equal(1500, files.GetArrayLength());
        Assert.Equal("cube.gcode", files[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task CloseMidUpload_cuts_the_connection_halfway_through_the_body_and_stores_nothing()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("165.10", CrealityModel.K2Plus, o => o.Fault = CrealityFault.CloseMidUpload);
        using HttpClient http = Http();
        byte[] file = RandomFile(400_000, seed: 8);

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(http, printer, "cube.gcode", file, Md5(file)));

        Assert.Empty(printer.Files);
        Assert.Equal(0, printer.UploadsCompleted);
        printer.Options.Fault = CrealityFault.None;
        (HttpStatusCode status, _) = await PostAsync(http, printer, "cube.gcode", file, Md5(file));
        Assert.Equal((HttpStatusCode.OK, 1), (status, printer.UploadsCompleted));
    }
}
