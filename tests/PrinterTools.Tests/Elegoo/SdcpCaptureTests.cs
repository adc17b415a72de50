using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PrinterTools.Elegoo;
using Xunit;

namespace PrinterTools.Tests.Elegoo;

/// <summary>
/// SDCP frames as real printers and their clients sent them (tests/captures/sdcp, each with its
/// source note): routed, merged and mapped to PrinterStatus; our requests compared key by key
/// with the requests the official clients sent.
/// </summary>
public sealed class SdcpCaptureTests
{
    private static string Capture(string name) => File.ReadAllText(Path.Combine(TestPaths.Captures, "sdcp", name));

    private static PrinterStatus Map(SdcpFamily family, params string[] frames)
    {
        var state = new SdcpState();
        foreach (var text in frames)
        {
            var frame = SdcpFrame.Parse(text);
            Assert.Null(frame.Problem);
            Assert.True(frame.Topic is SdcpTopic.Status or SdcpTopic.Attributes, $"routed as {frame.Topic}");
            state.Merge(frame.Topic!.Value, frame.Payload);
        }
        var (status, attributes) = state.Snapshot();
        return SdcpStatusMap.ToStatus("192.0.2.1", family, status, attributes, null);
    }

    [Fact]
    public void CentauriCarbon_Printing_MapsFileLayersTicksInSecondsAndTemperatures()
    {
        // The capture's status object arrived wrapped in braces only (no Topic): routed by its content.
        var status = Map(SdcpFamily.Fdm, Capture("cc-2025-05-status-printing.json"));

        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal("ECC_0.4_SanderBox-Base_PLA0.2_1h25m.gcode", status.FileName);
        Assert.Equal(2, status.Progress);
        Assert.Equal(0, status.CurrentLayer);
        Assert.Equal(183, status.TotalLayers);
        Assert.Equal(143.26, status.Elapsed!.Value.TotalSeconds, 2);
        Assert.Equal(5071 - 143.26, status.Remaining!.Value.TotalSeconds, 2);
        Assert.Equal(220.0, status.NozzleTemperature);
        Assert.Equal(220, status.NozzleTargetTemperature);
        Assert.Equal(55.5, status.BedTemperature);
        Assert.Equal(55, status.BedTargetTemperature);
        Assert.Equal(28.9, status.ChamberTemperature);
        Assert.Equal(0, status.ChamberTargetTemperature);
        Assert.True(status.LightOn);
        Assert.Null(status.ErrorCode);
        Assert.Equal(13L, status.Raw["PrintStatus"]);
        Assert.Equal("printing", status.Raw["PrintStatusText"]);
        Assert.Equal("101.81,191.49,0.37", status.Raw["Coordinates"]);
        Assert.Equal(100.0, status.Raw["BoxFanSpeed"]);
        Assert.Equal("adc6c2bb-301c-4ca7-9a61-682747d0ac57", status.Raw["TaskId"]);
    }

    [Fact]
    public void CentauriCarbon_IdleAfterAStop_IsStopped_WithNoJobFigures()
    {
        var status = Map(SdcpFamily.Fdm, Capture("cc-v1.1.29-status-idle-after-stop.json"));

        // Machine idle, print status latched at 8 (stopped), file name already cleared.
        Assert.Equal(PrinterState.Stopped, status.State);
        Assert.Null(status.FileName);
        Assert.Null(status.Progress);
        Assert.Null(status.Elapsed);
        Assert.Equal(115.3, status.NozzleTemperature);
        Assert.Equal(0, status.NozzleTargetTemperature);
        Assert.Equal(67.5, status.BedTemperature);
        Assert.Equal("202.00,264.50,24.59", status.Raw["Coordinates"]);
    }

    [Fact]
    public void Saturn4Ultra_ExposingThenLifting_TicksInMilliseconds_ProgressFromLayers_NoNozzle()
    {
        var exposing = Map(SdcpFamily.Resin, Capture("s4u-v1.1.9-status-push-exposing.json"));
        var lifting = Map(SdcpFamily.Resin, Capture("s4u-v1.1.9-status-push-exposing.json"), Capture("s4u-v1.1.9-status-push-lifting.json"));

        Assert.Equal(PrinterState.Printing, exposing.State);
        Assert.Equal("exposing", exposing.Raw["PrintStatusText"]);
        Assert.Equal("lifting", lifting.Raw["PrintStatusText"]);
        Assert.Equal("Button.stl_0.05_2.5_2024_07_17_21_10_00.ctb", lifting.FileName);
        Assert.Equal(36, lifting.CurrentLayer);
        Assert.Equal(157, lifting.TotalLayers);
        Assert.Equal(Math.Round(100.0 * 36 / 157, 1), lifting.Progress);
        Assert.Equal(676.127, lifting.Elapsed!.Value.TotalSeconds, 3);
        Assert.Equal((1714197 - 676127) / 1000.0, lifting.Remaining!.Value.TotalSeconds, 3);
        Assert.Null(lifting.NozzleTemperature);
        Assert.Null(lifting.BedTemperature);
        Assert.Equal(41.8, lifting.Raw["UVLedTemperature"]);
        Assert.Equal(1036, lifting.Raw["ReleaseFilmCount"]);
    }

    [Fact]
    public void Saturn3Ultra_V1_WrappedStatusAndAttributes_AreRoutedAndMerged()
    {
        var status = Map(SdcpFamily.Resin, Capture("s3u-v1-mqtt-attributes.json"), Capture("s3u-v1-mqtt-status.json"));

        // V1 has CurrentStatus as a plain number and the objects inside Data.
        Assert.Equal(PrinterState.Idle, status.State);
        Assert.Equal(0L, status.Raw["MachineStatus"]);
        Assert.Null(status.FileName);
    }

    [Fact]
    public void Saturn3Ultra_V1_FileTransferSequence_IsBusyWhileTransferring_ThenIdle()
    {
        // Python reprs as the source logged them; made JSON here, the values untouched.
        var states = Capture("s3u-v1-file-transfer-status-sequence.PYREPR.txt")
            .Split('\n').Where(l => l.Contains("STATUS: "))
            .Select(l => "{\"Status\":" + l.Substring(l.IndexOf("STATUS: ", StringComparison.Ordinal) + 8).Trim().Replace('\'', '"') + "}")
            .Select(json => Map(SdcpFamily.Resin, json).State)
            .ToList();

        Assert.Equal(new[] { PrinterState.Busy, PrinterState.Idle }, states);
    }

    [Theory]
    [InlineData("cc-2025-05-cmd0-ack.json", 0, 0, "1ab56019956549d2")]
    [InlineData("cc-2024-12-cmd128-ack1.json", 128, 1, "5223de52cc7642ae8d7924f9dd46f6ad")]
    [InlineData("cc-v1.1.29-cmd128-ack2-file-not-found.json", 128, 2, "3333")]
    [InlineData("s3u-v1-mqtt-response-cmd1.json", 1, 0, "130fdded918e4276a47e504f554bed54")]
    public void Responses_AreMatchedByRequestId_WithTheirAck(string capture, int cmd, int ack, string requestId)
    {
        var frame = SdcpFrame.Parse(Capture(capture));

        Assert.Null(frame.Problem);
        Assert.Equal(SdcpTopic.Response, frame.Topic);
        Assert.Equal(cmd, frame.Cmd);
        Assert.Equal(ack, frame.Ack);
        Assert.Equal(requestId, frame.RequestId);
    }

    [Fact]
    public void StartAcks_ReadInWords()
    {
        Assert.Contains("busy", SdcpCodes.StartAck(SdcpFrame.Parse(Capture("cc-2024-12-cmd128-ack1.json")).Ack!.Value));
        Assert.Contains("not on the printer", SdcpCodes.StartAck(SdcpFrame.Parse(Capture("cc-v1.1.29-cmd128-ack2-file-not-found.json")).Ack!.Value));
    }

    [Fact]
    public void TruncatedHistoryDetail_IsAProblem_NotAnException()
    {
        var frame = SdcpFrame.Parse(Capture("s4u-v1.1.9-cmd321-history-detail.PARTIAL.txt"));

        Assert.NotNull(frame.Problem);
        Assert.Contains("not valid JSON", frame.Problem);
    }

    [Fact]
    public void HistoryThumbnailUrl_IsFetchedFromThePrinterItself_OnItsOwnPort()
    {
        // The capture names the printer by the address it had then; the path is what counts.
        var url = System.Text.RegularExpressions.Regex.Match(Capture("s4u-v1.1.9-cmd321-history-detail.PARTIAL.txt"), "\"Thumbnail\":\"([^\"]+)\"").Groups[1].Value;

        var onPrinter = SdcpHttp.OnPrinter("127.0.0.9", url);

        Assert.Equal("http://127.0.0.9:3030/media/mmcblk0p1/history_image/eb56d498-44bb-11ef-99d5-a8960913eb31.bmp", onPrinter!.ToString());
        Assert.Null(SdcpHttp.OnPrinter("127.0.0.9", "http://192.0.2.7:8080/x.png"));
        Assert.Null(SdcpHttp.OnPrinter("127.0.0.9", "file:///etc/passwd"));
        Assert.Equal("http://127.0.0.9:3030/video", SdcpHttp.OnPrinter("127.0.0.9", "192.168.1.5:3030/video")!.ToString());
    }

    /// <summary>The keys of a request's Data.Data, in order, and the envelope's keys.</summary>
    private static (string[] Envelope, string[] Payload, JsonElement Data) Shape(string json)
    {
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("Data");
        var payload = data.GetProperty("Data");
        return (data.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray(),
            payload.ValueKind == JsonValueKind.Object ? payload.EnumerateObject().Select(p => p.Name).ToArray() : Array.Empty<string>(),
            payload.Clone());
    }

    [Fact]
    public void CarbonStart_HasExactlyTheKeysOfTheWebInterfacesRequest()
    {
        var ours = Shape(SdcpCommands.Start(SdcpFamily.Fdm, "some_file.gcode", 0, levelBed: false, timelapse: false, platformType: 0).ToFrame("r1", ""));
        var theirs = Shape(Capture("cc-v1.1.29-cmd128-request-fdm.json"));

        Assert.Equal(theirs.Envelope, ours.Envelope);
        Assert.Equal(theirs.Payload, ours.Payload);
        Assert.Equal(theirs.Data.GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""), ours.Data.GetRawText());
    }

    [Fact]
    public void CarbonLight_IsTheWebInterfacesCmd403_WithItsSecondLightAlone()
    {
        var ours = Shape(SdcpCommands.Light(true).ToFrame("r1", ""));
        var theirs = Shape(Capture("cc-v1.1.29-cmd403-light-request.json"));

        Assert.Equal(theirs.Envelope, ours.Envelope);
        Assert.Equal(403, SdcpCommands.Light(false).Cmd);
        var light = ours.Data.GetProperty("LightStatus");
        Assert.Equal(new[] { "SecondLight" }, light.EnumerateObject().Select(p => p.Name));
        Assert.Equal(theirs.Data.GetProperty("LightStatus").GetProperty("SecondLight").ValueKind, light.GetProperty("SecondLight").ValueKind);
        Assert.False(Shape(SdcpCommands.Light(false).ToFrame("r1", "")).Data.GetProperty("LightStatus").GetProperty("SecondLight").GetBoolean());
    }

    [Fact]
    public void CarbonTemperatures_AreCmd403WithOnlyTheAskedTargets_AsWholeNumbers()
    {
        var bedOnly = Shape(SdcpCommands.Temperatures(new PrinterTools.Vendors.PrinterTemperatureTargets { Bed = 60 }).ToFrame("r1", ""));
        var all = Shape(SdcpCommands.Temperatures(new PrinterTools.Vendors.PrinterTemperatureTargets { Nozzle = 210, Bed = 0, Chamber = 40 }).ToFrame("r1", ""));

        Assert.Equal(403, SdcpCommands.Temperatures(new PrinterTools.Vendors.PrinterTemperatureTargets { Nozzle = 1 }).Cmd);
        Assert.Equal(new[] { "TempTargetHotbed" }, bedOnly.Payload);
        Assert.Equal("""{"TempTargetHotbed":60}""", bedOnly.Data.GetRawText());
        Assert.Equal("""{"TempTargetNozzle":210,"TempTargetHotbed":0,"TempTargetBox":40}""", all.Data.GetRawText());
    }

    [Theory]
    [InlineData(PrinterTools.Vendors.PrinterFan.Model, "ModelFan")]
    [InlineData(PrinterTools.Vendors.PrinterFan.Auxiliary, "AuxiliaryFan")]
    [InlineData(PrinterTools.Vendors.PrinterFan.Chamber, "BoxFan")]
    public void CarbonFan_IsCmd403WithTargetFanSpeedOfThatFanAlone(PrinterTools.Vendors.PrinterFan fan, string key)
    {
        var ours = Shape(SdcpCommands.FanSpeed(fan, 35).ToFrame("r1", ""));

        Assert.Equal(403, SdcpCommands.FanSpeed(fan, 35).Cmd);
        Assert.Equal("{\"TargetFanSpeed\":{\"" + key + "\":35}}", ours.Data.GetRawText());
    }

    [Fact]
    public void CarbonStart_SwitchesBecomeOneOrZero()
    {
        var data = Shape(SdcpCommands.Start(SdcpFamily.Fdm, "a.gcode", 3, levelBed: true, timelapse: true, platformType: 1).ToFrame("r1", "id")).Data;

        Assert.Equal("/local/a.gcode", data.GetProperty("Filename").GetString());
        Assert.Equal(3, data.GetProperty("StartLayer").GetInt32());
        Assert.Equal(1, data.GetProperty("Calibration_switch").GetInt32());
        Assert.Equal(1, data.GetProperty("Tlp_Switch").GetInt32());
        Assert.Equal(1, data.GetProperty("PrintPlatformType").GetInt32());
    }

    [Fact]
    public void ResinStart_IsTheBareNameAndStartLayer_AsChituboxSends()
    {
        var ours = Shape(SdcpCommands.Start(SdcpFamily.Resin, "_ResinXP2-ValidationMatrix_v2.goo", 0, false, false, 0).ToFrame("r1", "ABCD1234ABCD1234"));
        var theirs = Shape(Capture("s3u-v1-mqtt-request-cmd128-start.json"));

        Assert.Equal(theirs.Payload, ours.Payload);
        Assert.Equal(theirs.Data.GetProperty("Filename").GetString(), ours.Data.GetProperty("Filename").GetString());
    }

    [Theory]
    [InlineData("cc-2025-05-cmd0-request-by-ha.json")]
    [InlineData("s4u-v1.1.9-cmd0-request-from-chitumanager.json")]
    public void StatusRefresh_HasTheEnvelopeOfTheClientsPrintersAccept(string capture)
    {
        var ours = Shape(SdcpCommands.Status().ToFrame("r1", "ed5847f5c1d70100"));
        var theirs = Shape(Capture(capture));

        Assert.Equal(theirs.Envelope, ours.Envelope);
        Assert.Equal(theirs.Payload, ours.Payload);
        using var document = JsonDocument.Parse(SdcpCommands.Status().ToFrame("r1", "ed5847f5c1d70100"));
        Assert.Equal("sdcp/request/ed5847f5c1d70100", document.RootElement.GetProperty("Topic").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("Data").GetProperty("Cmd").GetInt32());
    }

    [Fact]
    public void AttributesRefresh_IsCmd1WithAnEmptyObject()
    {
        // The V1 client sent null; V3 printers take {} (notes §4).
        var theirs = Shape(Capture("s3u-v1-mqtt-request-cmd1.json"));
        var ours = Shape(SdcpCommands.Attributes().ToFrame("r1", "ABCD1234ABCD1234"));

        Assert.Equal(theirs.Envelope, ours.Envelope);
        Assert.Equal(JsonValueKind.Object, ours.Data.ValueKind);
        Assert.Empty(ours.Payload);
    }

    [Theory]
    [InlineData("s3u-v1-mqtt-request-cmd256-download-url.json", 256)]
    public void CommandsOutsideTheAllowList_HaveNoBuilder(string capture, int cmd)
    {
        // The capture shows the command exists; PrinterTools does not send it (no V1 transfer).
        Assert.Equal(cmd, JsonDocument.Parse(Capture(capture)).RootElement.GetProperty("Data").GetProperty("Cmd").GetInt32());
        var builders = typeof(SdcpCommands).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(int)).Select(f => (int)f.GetValue(null)!).ToList();
        Assert.DoesNotContain(cmd, builders);
        Assert.Equal(new[] { 0, 1, 128, 129, 130, 131, 258, 259, 320, 321, 324, 403 }, builders.OrderBy(c => c));
    }

    [Fact]
    public void Delete_IsCmd259WithLocalPathsAndNoFolders()
    {
        // The ChituManager request shape of notes §4: {"FileList":["/local/a.goo"],"FolderList":[]} (no capture in the project).
        using var document = JsonDocument.Parse(SdcpCommands.DeleteFiles(new[] { "a.goo", "b c.ctb" }).ToFrame("r1", "ABCD1234ABCD1234"));
        var data = document.RootElement.GetProperty("Data");
        Assert.Equal(259, data.GetProperty("Cmd").GetInt32());
        var payload = data.GetProperty("Data");
        Assert.Equal(new[] { "FileList", "FolderList" }, payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "/local/a.goo", "/local/b c.ctb" }, payload.GetProperty("FileList").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(payload.GetProperty("FolderList").EnumerateArray());
    }

    [Fact]
    public void FileList_ReadsTheCarbonsDetails_AndLeavesResinsNull()
    {
        // The entry shapes of notes §4 (the real Cmd 258 captures are kept back): the Carbon's CreateTime,
        // FileSize, TotalLayers; the S4U's name and type; a folder; broken entries.
        using var carbon = JsonDocument.Parse("""
            {"Ack":0,"FileList":[
              {"name":"/local/cube.gcode","type":1,"CreateTime":1735689600,"FileSize":1234567,"LayerHeight":0.2,"TotalLayers":250,"EstFilamentLength":1050.5},
              {"name":"/local/models","type":0},
              {"name":"/local/odd.gcode","type":1,"CreateTime":"soon","FileSize":-5,"TotalLayers":0},
              {"type":1},
              "not an object",
              {"name":"/local/bell\u0007.gcode","type":1}
            ]}
            """);
        var files = SdcpFileList.Parse(carbon.RootElement)!;
        Assert.Equal(new[] { "cube.gcode", "odd.gcode", "bell.gcode" }, files.Select(f => f.FileName));
        Assert.Equal(1234567, files[0].Size);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1735689600).LocalDateTime, files[0].Modified);
        Assert.Equal(250, files[0].Layers);
        Assert.Null(files[0].Material);
        Assert.Null(files[0].EstimatedTime);
        Assert.Equal(new long?[] { null, null }, new[] { files[1].Size, files[2].Size });
        Assert.Null(files[1].Modified);
        Assert.Null(files[1].Layers);

        using var resin = JsonDocument.Parse("""{"Ack":0,"FileList":[{"name":"/local/ring.goo","type":1}]}""");
        var ring = Assert.Single(SdcpFileList.Parse(resin.RootElement)!);
        Assert.Equal("ring.goo", ring.FileName);
        Assert.Null(ring.Size);
        Assert.Null(ring.Modified);

        using var none = JsonDocument.Parse("""{"Ack":0}""");
        Assert.Null(SdcpFileList.Parse(none.RootElement));
    }

    [Fact]
    public void Canvas_IsNeverBuiltForResin()
    {
        Assert.Throws<InvalidOperationException>(() => SdcpCommands.Canvas(SdcpFamily.Resin));
        Assert.Equal(324, SdcpCommands.Canvas(SdcpFamily.Fdm).Cmd);
    }

    [Fact]
    public void CanvasTrays_GoInRaw_OnlyForConnectedUnits()
    {
        // The shape of notes §4 for Cmd 324 (no capture of it is in the project).
        using var canvas = JsonDocument.Parse("""
            {"active_canvas_id":0,"active_tray_id":2,"auto_refill":false,"Ack":0,"canvas_list":[
              {"canvas_id":0,"connected":1,"tray_list":[
                {"tray_id":0,"brand":"ELEGOO","filament_type":"PLA","filament_name":"PLA Basic","filament_code":"0x0000","filament_color":"#FF0000","min_nozzle_temp":190,"max_nozzle_temp":230,"status":1},
                {"tray_id":2,"brand":"ELEGOO","filament_type":"PETG","filament_name":"PETG\u001b[31m","filament_code":"0x0001","filament_color":"#00FF00","min_nozzle_temp":230,"max_nozzle_temp":260,"status":2}]},
              {"canvas_id":1,"connected":0,"tray_list":[{"tray_id":0,"filament_type":"ABS","status":1}]}]}
            """);
        var state = new SdcpState();
        state.Merge(SdcpTopic.Status, SdcpFrame.Parse(Capture("cc-2025-05-status-printing.json")).Payload);
        var (status, attributes) = state.Snapshot();

        var mapped = SdcpStatusMap.ToStatus("192.0.2.1", SdcpFamily.Fdm, status, attributes, null, canvas.RootElement);

        Assert.Equal(2, mapped.Raw["CanvasActiveTray"]);
        var trays = Assert.IsAssignableFrom<System.Collections.IList>(mapped.Raw["CanvasTrays"]).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(new[] { "PLA", "PETG" }, trays.Select(t => t["Type"]));
        Assert.Equal(new object[] { 0, 2 }, trays.Select(t => t["Tray"]));
        Assert.Equal("#00FF00", trays[1]["Color"]);
        Assert.DoesNotContain('\u001b', (string)trays[1]["Name"]!);
    }
}
