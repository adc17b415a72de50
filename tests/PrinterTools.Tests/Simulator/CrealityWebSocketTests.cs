using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.CrealityTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// The :9999 WebSocket of creality.md §2/§3/§5: the full dump on open with the keys and wire types of the K2 Plus
/// capture, then deltas only, <c>ok</c> to any ModeCode, <c>/ping</c>, and the <c>get</c> replies by key.
/// Addresses 127.R.161.x.
/// </summary>
public sealed class CrealityWebSocketTests
{
    private static readonly string[] K2Only = { "boxTemp", "cfsConnect", "feedState", "materialDetector1", "maxBoxTemp", "targetBoxTemp", "webrtcSupport" };

    [Fact]
    public async Task A_k2_plus_dump_has_exactly_the_keys_of_the_real_initial_frame_in_its_order_and_its_wire_types()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("161.1", CrealityModel.K2Plus, o =>
        {
            o.NozzleTemperature = 29.89;
            o.NozzleTarget = 210;
            o.Name = "K2Plus-3D48";
        });
        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address);

        JsonObject dump = await client.NextAsync();

        JsonElement real = Capture("k2plus-fw1.1.3.13_ws_initial-full-frame.json");
        Assert.Equal(Keys(real), dump.Select(m => m.Key));
        foreach (JsonProperty key in real.EnumerateObject())
        {
            // Same JSON kinds as the real frame: strings stay strings ("29.890000"), ints ints, err an object.
            Assert.True(key.Value.ValueKind == dump[key.Name]!.GetValueKind(), $"{key.Name}: {dump[key.Name]!.GetValueKind()} on the fake, {key.Value.ValueKind} on the printer");
        }

        Assert.Equal("29.890000", CrealitySocket.Str(dump, "nozzleTemp"));
        Assert.Equal(210, CrealitySocket.Int(dump, "targetNozzleTemp"));
        Assert.Equal("F008", CrealitySocket.Str(dump, "model"));
        Assert.Equal("K2Plus-3D48", CrealitySocket.Str(dump, "hostname"));
        Assert.Equal("{\"errcode\":0,\"key\":0,\"value\":\"\"}", dump["err"]!.ToJsonString());
        Assert.Equal(1, CrealitySocket.Int(dump, "webrtcSupport"));
        Assert.Equal(1, CrealitySocket.Int(dump, "connectionCount"));
        Assert.Equal((0, 0, 0, ""), (CrealitySocket.Int(dump, "state"), CrealitySocket.Int(dump, "deviceState"), CrealitySocket.Int(dump, "printProgress"),
            CrealitySocket.Str(dump, "printFileName")));
    }

    [Fact]
    public async Task A_k1c_dump_is_the_k2_plus_one_without_the_chamber_cfs_and_webrtc_keys_with_its_own_limits()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("161.2", CrealityModel.K1C, o => o.MacAddress = "aabbccdd0401");
        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address);

        JsonObject dump = await client.NextAsync();

        string[] real = Keys(Capture("k2plus-fw1.1.3.13_ws_initial-full-frame.json"));
        Assert.Equal(real.Except(K2Only), dump.Select(m => m.Key));
        Assert.Equal(("K1C", "K1C-0401", 300, 100), (CrealitySocket.Str(dump, "model"), CrealitySocket.Str(dump, "hostname"),
            CrealitySocket.Int(dump, "maxNozzleTemp"), CrealitySocket.Int(dump, "maxBedTemp")));
        Assert.Equal("{\"errcode\":0,\"key\":0}", dump["err"]!.ToJsonString());
        Assert.EndsWith("DWIN sw ver:1.3.3.5;", CrealitySocket.Str(dump, "modelVersion"));
    }

    [Fact]
    public async Task After_the_dump_only_the_keys_that_changed_are_pushed_and_nothing_when_nothing_changed()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("161.3", CrealityModel.K2Plus, o => o.PushInterval = FastPushes);
        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address);
        await client.NextAsync(); // the dump

        printer.Options.NozzleTemperature = 37.65;
        printer.Options.ChamberTemperature = 31;
        JsonObject delta = await client.NextAsync();

        // One tick may see one change or both: each frame holds only changed keys, and together they hold both.
        Assert.All(delta.Select(m => m.Key), key => Assert.Contains(key, new[] { "nozzleTemp", "boxTemp" }));
        await client.UntilAsync(m => m["boxTemp"]!.GetValue<int>() == 31 && CrealitySocket.Str(m, "nozzleTemp") == "37.650000");

        // A second client bumps connectionCount: the first one hears only that.
        await using CrealitySocket second = await CrealitySocket.ConnectAsync(printer.Address);
        Assert.Equal(2, CrealitySocket.Int(await second.NextAsync(), "connectionCount"));
        JsonObject bump = await client.NextAsync();
        Assert.Equal("{\"connectionCount\":2}", bump.ToJsonString());
    }

    [Fact]
    public async Task Any_json_with_ModeCode_gets_the_text_ok_and_is_logged_as_a_heartbeat()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("161.4", CrealityModel.K1C);
        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.SendTextAsync("{\"ModeCode\":\"heart_beat\",\"msg\":\"2026-01-01T00:00:00.000Z\"}");
        Assert.Equal("ok", await client.NextRawAsync());
        await client.SendTextAsync("{\"msg\":1752338967,\"ModeCode\":\"heart_beat\"}");
        Assert.Equal("ok", await client.NextRawAsync());

        Assert.Equal(2, printer.HeartbeatsAnswered);
        Assert.All(printer.ReceivedRequests, r => Assert.Equal(("", "ModeCode"), (r.Method, r.Key)));
        await TestGuard.AgainstHangAsync(printer.WhenRequestReceived("ModeCode", 2), "two heartbeats logged");
    }

    [Fact]
    public async Task Plain_http_ping_on_9999_answers_pong_and_an_offered_subprotocol_is_accepted()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("161.5", CrealityModel.K2Plus);
        using HttpClient http = Http();

        Assert.Equal("pong", await http.GetStringAsync($"http://{printer.Address}:9999/ping"));

        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address, "wsslicer");
        Assert.Equal("wsslicer", client.SubProtocol);
        Assert.Equal("F008", CrealitySocket.Str(await client.NextAsync(), "model"));
        Assert.Equal(1, printer.TotalWebSockets);
    }

    [Fact]
    public async Task A_k2_plus_lists_files_as_retGcodeFileInfo2_with_the_keys_of_the_fixture_and_paths_in_its_folder()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("161.6", CrealityModel.K2Plus, o => o.StoredFiles = new[] { "cube.gcode", "boat.gcode" });
        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.GetAsync("reqGcodeFile");
        JsonArray files = (await client.NextWithAsync("retGcodeFileInfo2"))["retGcodeFileInfo2"]!.AsArray();

        Assert.Equal(2, files.Count);
        JsonObject cube = files[0]!.AsObject();
        string[] fixtureKeys = { "custom_types", "type", "name", "path", "file_size", "create_time", "timeCost", "consumables", "floorHeight",
            "modelX", "modelY", "modelZ", "material", "nozzleTemp", "bedTemp", "software", "thumbnail", "startPixel", "endPixel", "modelHeight",
            "layerHeight", "preview", "materialColors", "materialIds", "filamentWeight", "match" };
        Assert.Equal(fixtureKeys, cube.Select(m => m.Key));
        Assert.Equal("cube.gcode", CrealitySocket.Str(cube, "name"));
        Assert.Equal("/mnt/UDISK/printer_data/gcodes/cube.gcode", CrealitySocket.Str(cube, "path"));
        Assert.Equal(printer.GetFile("cube.gcode")!.Length, cube["file_size"]!.GetValue<long>());
        Assert.Equal("/mnt/UDISK/creality/local_gcode/humbnail/cube.png", CrealitySocket.Str(cube, "thumbnail"));
        Assert.Equal("reqGcodeFile", Assert.Single(printer.ReceivedRequests).Key);
    }

    [Fact]
    public async Task A_k1c_lists_files_in_the_colon_separated_retGcodeFileInfo_unless_told_otherwise()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("161.7", CrealityModel.K1C, o => o.StoredFiles = new[] { "cube.gcode", "boat.gcode" });
        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.GetAsync("reqGcodeFile");
        JsonObject legacy = (await client.NextWithAsync("retGcodeFileInfo"))["retGcodeFileInfo"]!.AsObject();

        Assert.Equal(2, CrealitySocket.Int(legacy, "totalNum"));
        string[] entries = CrealitySocket.Str(legacy, "fileInfo").Split(';', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, entries.Length);
        string[] fields = entries[0].Split(':');
        Assert.Equal(7, fields.Length); // dir:name:size:floorHeight/100:create_time:consumables:thumbnail
        Assert.Equal(("/usr/data/printer_data/gcodes", "cube.gcode", printer.GetFile("cube.gcode")!.Length.ToString()), (fields[0], fields[1], fields[2]));
        Assert.Equal("0.20", fields[3]);
        Assert.EndsWith("/humbnail/cube.png", fields[6]);

        printer.Options.LegacyFileList = false;
        await client.GetAsync("reqGcodeFile");
        JsonArray files = (await client.NextWithAsync("retGcodeFileInfo2"))["retGcodeFileInfo2"]!.AsArray();
        Assert.Equal("/usr/data/printer_data/gcodes/cube.gcode", CrealitySocket.Str(files[0]!.AsObject(), "path"));
    }

    [Fact]
    public async Task History_time_lapses_print_objects_and_printer_parameters_are_answered_by_key()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("161.8", CrealityModel.K2Plus, o => o.StoredFiles = new[] { "cube.gcode" });
        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address);
        await client.NextAsync();

        await client.GetAsync("reqHistory");
        JsonObject history = await client.NextWithAsync("historyList");
        Assert.Equal(new[] { "totalJob", "totalUsageTime", "totalUsageMaterial", "historyList" }, history.Select(m => m.Key));
        JsonObject job = history["historyList"]!.AsArray().Single()!.AsObject();
        Assert.Equal("/mnt/UDISK/printer_data/gcodes/cube.gcode", CrealitySocket.Str(job, "filename"));
        Assert.Equal(1, CrealitySocket.Int(job, "printfinish"));
        Assert.Equal(job["id"]!.GetValue<long>(), job["starttime"]!.GetValue<long>());

        await client.GetAsync("reqElapseVideoList");
        JsonObject video = (await client.NextWithAsync("elapseVideoList"))["elapseVideoList"]!.AsArray().Single()!.AsObject();
        Assert.Equal($"{job["id"]}.mp4", CrealitySocket.Str(video, "videoname"));
        Assert.Equal("cube.gcode", CrealitySocket.Str(video, "gcodename"));

        await client.GetAsync("reqPrintObjects");
        JsonObject objects = await client.NextWithAsync("objects");
        Assert.Equal("{\"current_object\":\"\",\"excluded_objects\":\"[ ]\",\"objects\":\"[ ]\"}", objects.ToJsonString());

        await client.GetAsync("ReqPrinterPara", "0");
        Assert.Equal("{\"curFeedratePct\":\"100\",\"curFlowratePct\":\"100\"}", (await client.NextWithAsync("curFeedratePct")).ToJsonString());
        await client.GetAsync("ReqPrinterPara", "1");
        Assert.Equal(new[] { "curPosition", "autohome", "curZOffset" }, (await client.NextWithAsync("curZOffset")).Select(m => m.Key));
    }

    [Fact]
    public async Task A_k2_plus_answers_boxsInfo_with_the_real_cfs_reply_and_a_k1c_does_not_answer_it_nor_unknown_keys()
    {
        await using VirtualCrealityPrinter k2 = await StartAsync("161.9", CrealityModel.K2Plus);
        await using VirtualCrealityPrinter k1c = await StartAsync("161.10", CrealityModel.K1C);
        await using CrealitySocket k2Client = await CrealitySocket.ConnectAsync(k2.Address);
        await using CrealitySocket k1cClient = await CrealitySocket.ConnectAsync(k1c.Address);
        await k2Client.NextAsync();
        await k1cClient.NextAsync();

        await k2Client.GetAsync("boxsInfo");
        JsonObject box = await k2Client.NextWithAsync("boxsInfo");
        Assert.Equal(JsonNode.Parse(Capture("k2plus-fw1.1.3.13_ws_reply_boxsInfo.json").GetRawText())!.ToJsonString(), box.ToJsonString());

        await k1cClient.GetAsync("boxsInfo");
        await k1cClient.GetAsync("reqNoSuchThing");
        await k1cClient.SendTextAsync("not json at all");
        await k1cClient.GetAsync("reqPrintObjects");
        // Messages are answered in order: the only frame before the close is the reply to the last get.
        List<string> rest = await k1cClient.CloseAndDrainAsync();
        Assert.Equal("{\"current_object\":\"\",\"excluded_objects\":\"[ ]\",\"objects\":\"[ ]\"}", Assert.Single(rest));
        Assert.Equal(new[] { "boxsInfo", "reqNoSuchThing", "reqPrintObjects" }, k1c.ReceivedRequests.Select(r => r.Key));
        Assert.All(k1c.ReceivedRequests, r => Assert.Equal("get", r.Method));
    }
}
