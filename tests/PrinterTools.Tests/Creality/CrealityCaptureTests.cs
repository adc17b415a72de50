using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PrinterTools.Creality;
using Xunit;

namespace PrinterTools.Tests.Creality;

/// <summary>
/// Creality frames as real printers sent them (tests/captures/creality, each with its source
/// note; the TypeScript-literal ones converted to JSON in tests/captures/creality/json), read by
/// the client's own state merge, status map and list parsers.
/// </summary>
public class CrealityCaptureTests
{
    private static string Capture(string name) => File.ReadAllText(Path.Combine(TestPaths.Captures, "creality", name));

    private static CrealityState Merged(params string[] captures)
    {
        var state = new CrealityState();
        foreach (var capture in captures)
        {
            Assert.Equal(CrealityFrameKind.Merged, state.Accept(Capture(capture)));
        }
        return state;
    }

    private static PrinterStatus StatusOf(CrealityState state) => CrealityStatusMap.ToStatus("127.0.0.9", state.Snapshot(), null);

    [Fact]
    public void K2PlusFullFrame_IsAnIdlePrinter_WithItsTemperaturesAndTargets()
    {
        var status = StatusOf(Merged("k2plus-fw1.1.3.13_ws_initial-full-frame.json"));

        Assert.Equal(PrinterVendor.Creality, status.Vendor);
        Assert.Equal("K2 Plus", status.Model);
        Assert.Equal("K2Plus-3D48", status.Name);
        Assert.Equal(PrinterState.Idle, status.State);
        Assert.Equal(29.89, status.NozzleTemperature);
        Assert.Equal(0, status.NozzleTargetTemperature);
        Assert.Equal(27.13, status.BedTemperature);
        Assert.Equal(0, status.BedTargetTemperature);
        Assert.Equal(26, status.ChamberTemperature);
        Assert.Equal(0, status.ChamberTargetTemperature);
        Assert.True(status.LightOn);
        Assert.Null(status.FileName);
        Assert.Null(status.Progress);
        Assert.Null(status.Elapsed);
        Assert.Null(status.ErrorCode);
        // Fans, positions and the rest keep the printer's names and wire types.
        Assert.Equal("X:0.00 Y:0.00 Z:0.00", status.Raw["curPosition"]);
        Assert.Equal(0L, status.Raw["modelFanPct"]);
        Assert.Equal(1L, status.Raw["cfsConnect"]);
        Assert.Equal("F008", status.Raw["model"]);
    }

    [Fact]
    public void TemperatureDelta_ReplacesOnlyTheKeysItCarries()
    {
        var state = Merged("k2plus-fw1.1.3.13_ws_initial-full-frame.json", "k2plus-fw1.1.3.13_ws_push_temperature-delta.json");
        var status = StatusOf(state);

        Assert.Equal(2, state.Frames);
        Assert.Equal(37.65, status.NozzleTemperature);
        Assert.Equal(40.1, status.BedTemperature);
        Assert.Equal(31, status.ChamberTemperature);
        Assert.True(status.LightOn);
        Assert.Equal("K2 Plus", status.Model);
    }

    [Fact]
    public void ErrPush_GivesTheErrorCode_AndLeavesTheStateAlone()
    {
        var status = StatusOf(Merged("k2plus-fw1.1.3.13_ws_initial-full-frame.json", "k2plus-fw1.1.3.13_ws_push_err.json"));

        Assert.Equal(PrinterState.Idle, status.State);
        Assert.Equal("500-121", status.ErrorCode);
        Assert.Contains("error 500, key 121", status.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void FilamentBoxData_GoesInRaw()
    {
        var status = StatusOf(Merged("k2plus-fw1.1.3.13_ws_initial-full-frame.json", "k2plus-fw1.1.3.13_ws_reply_boxsInfo.json",
            "k2plus-fw1.1.3.13_ws_push_boxState.json"));

        var boxes = Assert.IsAssignableFrom<IDictionary>(status.Raw["boxsInfo"]);
        var materialBoxes = Assert.IsAssignableFrom<IList>(boxes["materialBoxs"]);
        Assert.NotEmpty(materialBoxes);
        var boxState = Assert.IsAssignableFrom<IDictionary>(status.Raw["boxState"]);
        Assert.Equal(30.0, boxState["temp"]);
        Assert.Equal(1L, boxState["id"]);
    }

    [Fact]
    public void ReqPrinterParaReply_MergesPositionHomingAndZOffset_IntoRaw()
    {
        var status = StatusOf(Merged("k2plus-fw1.1.3.13_ws_initial-full-frame.json", "ke_ws_reply_ReqPrinterPara.json"));

        Assert.Equal("X:0.00 Y:0.00 Z:0.00", status.Raw["curPosition"]);
        Assert.Equal("X:1 Y:1 Z:1", status.Raw["autohome"]);
        Assert.Equal("3.216", status.Raw["curZOffset"]);
    }

    [Fact]
    public void RetGcodeFileInfo2_GivesNamePathSizeThumbnailAndEstimate()
    {
        using var reply = JsonDocument.Parse(Capture("json/k2plus_ws_reply_reqGcodeFile_retGcodeFileInfo2.json"));
        var files = CrealityFileList.Parse(CrealityFileList.ListKey, reply.RootElement.GetProperty(CrealityFileList.ListKey));

        var file = Assert.Single(files!);
        Assert.Equal("filename.gcode", file.Name);
        Assert.Equal("/mnt/UDISK/printer_data/gcodes/filename.gcode", file.PrinterPath);
        Assert.Equal(1470012, file.Size);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1735904899).LocalDateTime, file.Created);
        Assert.Equal("/mnt/UDISK/creality/local_gcode/humbnail/filename.png", file.ThumbnailPath);
        Assert.Equal(TimeSpan.FromSeconds(1961), file.EstimatedTime);
        Assert.Equal("PLA;PLA;PLA", file.Material);
    }

    [Fact]
    public void ColonSeparatedList_ReadsWholeEntries_AndShortOnesWithNulls()
    {
        const string legacy = "/usr/data/printer_data/gcodes:cube.gcode:123456:20:1700000000:850:/usr/data/creality/humbnail/cube.png;"
            + "/usr/data/printer_data/gcodes:short.gcode;"
            + "/usr/data/printer_data/gcodes:a:b.gcode:99:20:1700000001:10:/t.png;"
            + "/usr/data/printer_data/gcodes::1:2:3:4:5;"
            + "lonely;"
            + "relative/dir:odd.gcode:notanumber";
        using var reply = JsonDocument.Parse(JsonSerializer.Serialize(new { totalNum = 6, fileInfo = legacy }));

        var files = CrealityFileList.Parse(CrealityFileList.LegacyListKey, reply.RootElement)!;

        Assert.Equal(new[] { "cube.gcode", "short.gcode", "a:b.gcode", "odd.gcode" }, files.Select(f => f.Name));
        Assert.Equal("/usr/data/printer_data/gcodes/cube.gcode", files[0].PrinterPath);
        Assert.Equal(123456, files[0].Size);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).LocalDateTime, files[0].Created);
        Assert.Equal("/usr/data/creality/humbnail/cube.png", files[0].ThumbnailPath);
        Assert.Null(files[1].Size);
        Assert.Null(files[1].ThumbnailPath);
        Assert.Equal(99, files[2].Size);
        // A folder that is not an absolute path is not a path a start may name.
        Assert.Null(files[3].PrinterPath);
        Assert.Null(files[3].Size);
    }

    [Fact]
    public void AFileListOfTheWrongShape_IsNotAList()
    {
        using var notArray = JsonDocument.Parse("{\"name\":\"x.gcode\"}");
        using var noText = JsonDocument.Parse("{\"totalNum\":3,\"fileInfo\":42}");

        Assert.Null(CrealityFileList.Parse(CrealityFileList.ListKey, notArray.RootElement));
        Assert.Null(CrealityFileList.Parse(CrealityFileList.LegacyListKey, noText.RootElement));
    }

    [Fact]
    public void ElapseVideoList_NamesTheNewestVideoOfAFile()
    {
        using var reply = JsonDocument.Parse(Capture("json/k2plus_ws_reply_reqElapseVideoList.json"));
        var list = reply.RootElement.GetProperty(CrealityVideoList.ReplyKey);

        Assert.Equal("1734346070.mp4", CrealityVideoList.NewestVideoOf(list, "filename.gcode"));
        Assert.Null(CrealityVideoList.NewestVideoOf(list, "other.gcode"));
    }

    /// <summary>Every capture and conversion: a frame is merged or told apart, and a status can be read after it.</summary>
    [Fact]
    public void EveryCapture_IsReadWithoutAFault()
    {
        var folder = Path.Combine(TestPaths.Captures, "creality");
        var frames = Directory.GetFiles(folder, "*.json").Concat(Directory.GetFiles(Path.Combine(folder, "json"), "*.json")).ToList();
        Assert.True(frames.Count >= 30, $"only {frames.Count} captures found");
        foreach (var path in frames)
        {
            var state = new CrealityState();
            var kind = state.Accept(File.ReadAllText(path));

            Assert.True(kind == CrealityFrameKind.Merged, $"{Path.GetFileName(path)}: {kind}");
            var status = CrealityStatusMap.ToStatus("127.0.0.9", state.Snapshot(), null);
            Assert.Equal(PrinterVendor.Creality, status.Vendor);
        }
    }

    [Fact]
    public void K1ErrWithCodeZero_IsNoError()
    {
        // The fragment is the err object of a K1's connect frame (HA #50), put back under its key.
        var state = new CrealityState();
        Assert.Equal(CrealityFrameKind.Merged, state.Accept($"{{\"err\":{Capture("json/k1-fw2.3.5.34-cfs_ws_initial-frame.PARTIAL.1.json")},\"state\":0,\"deviceState\":0}}"));

        var status = StatusOf(state);
        Assert.Null(status.ErrorCode);
        Assert.Null(status.ErrorMessage);
        Assert.Equal(PrinterState.Idle, status.State);
    }
}
