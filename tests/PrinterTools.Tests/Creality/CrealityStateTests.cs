using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using PrinterTools.Creality;
using Xunit;

namespace PrinterTools.Tests.Creality;

/// <summary>The state machine of creality.md §4, the frame kinds of §2, and what hostile or odd frames become.</summary>
public class CrealityStateTests
{
    private static PrinterStatus StatusOf(string frame)
    {
        var state = new CrealityState();
        Assert.Equal(CrealityFrameKind.Merged, state.Accept(frame));
        return CrealityStatusMap.ToStatus("127.0.0.9", state.Snapshot(), null);
    }

    [Theory]
    // The K1C's start-then-cancel (HA fixture k1c_cancel_during_self_test): 9 preparing, then 1, 7 stopping, 4 stopped and idle.
    [InlineData(9, 0, PrinterState.Printing)]
    [InlineData(9, 1, PrinterState.Printing)]
    [InlineData(1, 1, PrinterState.Printing)]
    [InlineData(7, 1, PrinterState.Stopping)]
    [InlineData(4, 0, PrinterState.Stopped)]
    // A finished job stays in state 2 while the printer idles (print-farm-manager PR #20).
    [InlineData(2, 0, PrinterState.Completed)]
    [InlineData(3, 0, PrinterState.Error)]
    [InlineData(5, 1, PrinterState.Paused)]
    [InlineData(6, 1, PrinterState.Pausing)]
    [InlineData(8, 1, PrinterState.Resuming)]
    [InlineData(0, 0, PrinterState.Idle)]
    [InlineData(0, 1, PrinterState.Busy)]
    [InlineData(0, 7, PrinterState.Busy)]
    // A state no firmware seen sends: an idle device is idle, a busy one unknown.
    [InlineData(42, 0, PrinterState.Idle)]
    [InlineData(42, 1, PrinterState.Unknown)]
    public void State_IsReadFromStateAndDeviceStateTogether(int state, int deviceState, PrinterState expected)
    {
        Assert.Equal(expected, CrealityStatusMap.StateOf(state, deviceState));
    }

    [Fact]
    public void AFinishedJob_ShowsCompletedWithItsLatchedValues_NeverPrinting()
    {
        var status = StatusOf("{\"state\":2,\"deviceState\":0,\"printProgress\":100,\"printFileName\":\"/usr/data/printer_data/gcodes/cube.gcode\","
            + "\"layer\":120,\"TotalLayer\":120,\"printJobTime\":3600,\"printLeftTime\":0}");

        Assert.Equal(PrinterState.Completed, status.State);
        Assert.Equal("cube.gcode", status.FileName);
        Assert.Equal(100, status.Progress);
        Assert.Equal(120, status.TotalLayers);
        Assert.Equal(TimeSpan.FromHours(1), status.Elapsed);
        Assert.Equal(TimeSpan.Zero, status.Remaining);
    }

    [Fact]
    public void AnIdlePrinter_ShowsNoJob_EvenWithALastFileName()
    {
        var status = StatusOf("{\"state\":0,\"deviceState\":0,\"printProgress\":37,\"printFileName\":\"/usr/data/printer_data/gcodes/old.gcode\",\"TotalLayer\":0}");

        Assert.Equal(PrinterState.Idle, status.State);
        Assert.Null(status.FileName);
        Assert.Null(status.Progress);
        Assert.Null(status.TotalLayers);
    }

    [Fact]
    public void Printing_ReportsFileProgressLayersTimesAndTemperatures()
    {
        var status = StatusOf("{\"state\":1,\"deviceState\":1,\"printProgress\":41,\"printFileName\":\"/mnt/UDISK/printer_data/gcodes/benchy.gcode\","
            + "\"layer\":50,\"TotalLayer\":0,\"printJobTime\":600,\"printLeftTime\":900,\"nozzleTemp\":\"219.870000\",\"targetNozzleTemp\":220,"
            + "\"bedTemp0\":\"59.990000\",\"targetBedTemp0\":60}");

        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal("benchy.gcode", status.FileName);
        Assert.Equal(41, status.Progress);
        Assert.Equal(50, status.CurrentLayer);
        // TotalLayer 0 mid-print is not a count (HA #24).
        Assert.Null(status.TotalLayers);
        Assert.Equal(TimeSpan.FromMinutes(10), status.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(15), status.Remaining);
        Assert.Equal(219.87, status.NozzleTemperature);
        Assert.Equal(220, status.NozzleTargetTemperature);
        Assert.Equal(59.99, status.BedTemperature);
        Assert.Equal(60, status.BedTargetTemperature);
        Assert.Null(status.ChamberTemperature);
    }

    [Fact]
    public void BootingPrinter_EmptyTemperatures_AreNull()
    {
        var status = StatusOf("{\"state\":0,\"deviceState\":0,\"nozzleTemp\":\"\",\"bedTemp0\":\"\",\"targetNozzleTemp\":0,\"err\":{\"errcode\":500,\"key\":116}}");

        Assert.Null(status.NozzleTemperature);
        Assert.Null(status.BedTemperature);
        Assert.Equal(0, status.NozzleTargetTemperature);
        // A stale error on an idle printer (HA #125) is reported, and the printer is still idle.
        Assert.Equal("500-116", status.ErrorCode);
        Assert.Equal(PrinterState.Idle, status.State);
    }

    [Fact]
    public void SwappedWireTypes_AreReadAsTheirValues_AndNonsenseIsNull()
    {
        var status = StatusOf("{\"state\":\"1\",\"deviceState\":1,\"nozzleTemp\":29.5,\"targetNozzleTemp\":\"210\",\"printProgress\":\"40\","
            + "\"bedTemp0\":\"hot\",\"targetBedTemp0\":true,\"lightSw\":\"on\",\"printFileName\":17,\"err\":\"none\"}");

        Assert.Equal(PrinterState.Printing, status.State);
        Assert.Equal(29.5, status.NozzleTemperature);
        Assert.Equal(210, status.NozzleTargetTemperature);
        Assert.Equal(40, status.Progress);
        Assert.Null(status.BedTemperature);
        Assert.Null(status.BedTargetTemperature);
        Assert.Null(status.LightOn);
        Assert.Equal("17", status.FileName);
        Assert.Null(status.ErrorCode);
    }

    [Fact]
    public void ControlCharactersFromThePrinter_NeverReachTheStatus()
    {
        var status = StatusOf("{\"state\":1,\"deviceState\":1,\"hostname\":\"K1C\\u001b[31m-evil\",\"printFileName\":\"/usr/data/printer_data/gcodes/a\\u0007b.gcode\"}");

        Assert.DoesNotContain(status.Name, c => char.IsControl(c));
        Assert.DoesNotContain(status.FileName!, c => char.IsControl(c));
        Assert.DoesNotContain(status.Raw["hostname"]!.ToString()!, c => char.IsControl(c));
    }

    [Theory]
    [InlineData("ok", "HeartbeatReply")]
    [InlineData(" ok\n", "HeartbeatReply")]
    [InlineData("{\"ModeCode\":\"heart_beat\",\"msg\":\"1\"}", "Heartbeat")]
    [InlineData("not json at all", "NotJson")]
    [InlineData("{\"state\":1", "NotJson")]
    [InlineData("[1,2,3]", "NotObject")]
    [InlineData("\"text\"", "NotObject")]
    [InlineData("{\"state\":1}", "Merged")]
    public void Frames_AreToldApart(string frame, string kind)
    {
        var expected = Enum.Parse<CrealityFrameKind>(kind);
        var state = new CrealityState();

        Assert.Equal(expected, state.Accept(frame));
        Assert.Equal(expected == CrealityFrameKind.Merged ? 1 : 0, state.Frames);
    }

    [Fact]
    public void Requests_AreTheFramesCrealityPrintSends()
    {
        Assert.Equal("{\"method\":\"get\",\"params\":{\"reqGcodeFile\":1}}", CrealityRequests.FileList());
        Assert.Equal("{\"method\":\"get\",\"params\":{\"boxsInfo\":1}}", CrealityRequests.Boxes());
        Assert.Equal("{\"method\":\"set\",\"params\":{\"gcodeCmd\":\"G28\"}}", CrealityRequests.Gcode("G28"));
        Assert.Equal("{\"method\":\"set\",\"params\":{\"opGcodeFile\":\"deleteprt:/mnt/UDISK/printer_data/gcodes/a.gcode\"}}",
            CrealityRequests.Delete("/mnt/UDISK/printer_data/gcodes/a.gcode"));
        using var start = JsonDocument.Parse(CrealityRequests.Start("/usr/data/printer_data/gcodes/a b.gcode", selfTest: true));
        var parameters = start.RootElement.GetProperty("params");
        Assert.Equal("set", start.RootElement.GetProperty("method").GetString());
        Assert.Equal(1, parameters.GetProperty("enableSelfTest").GetInt32());
        Assert.Equal("printprt:/usr/data/printer_data/gcodes/a b.gcode", parameters.GetProperty("opGcodeFile").GetString());
        // The firmware handles opGcodeFile last whatever the order (§2); it is last here too.
        Assert.Equal("opGcodeFile", parameters.EnumerateObject().Last().Name);
        using var heartbeat = JsonDocument.Parse(CrealityRequests.Heartbeat(1700000000000));
        Assert.Equal("heart_beat", heartbeat.RootElement.GetProperty("ModeCode").GetString());
    }

    [Theory]
    [InlineData(PrinterTools.Vendors.PrinterHeater.Nozzle, 210, "{\"method\":\"set\",\"params\":{\"nozzleTempControl\":210}}")]
    [InlineData(PrinterTools.Vendors.PrinterHeater.Bed, 0, "{\"method\":\"set\",\"params\":{\"bedTempControl\":{\"num\":0,\"val\":0}}}")]
    [InlineData(PrinterTools.Vendors.PrinterHeater.Chamber, 45, "{\"method\":\"set\",\"params\":{\"boxTempControl\":45}}")]
    public void TemperatureRequests_AreTheSetsOfCrealityMdSection6(PrinterTools.Vendors.PrinterHeater heater, int target, string frame) =>
        Assert.Equal(frame, CrealityRequests.Temperature(heater, target));

    [Theory]
    [InlineData(PrinterTools.Vendors.PrinterFan.Model, 100, "M106 P0 S255")]
    [InlineData(PrinterTools.Vendors.PrinterFan.Chamber, 0, "M106 P1 S0")]
    [InlineData(PrinterTools.Vendors.PrinterFan.Auxiliary, 30, "M106 P2 S77")]
    [InlineData(PrinterTools.Vendors.PrinterFan.Model, 50, "M106 P0 S128")]
    public void FanRequests_AreM106OnThe255Scale_AsGcodeCmd(PrinterTools.Vendors.PrinterFan fan, int percent, string gcode) =>
        Assert.Equal("{\"method\":\"set\",\"params\":{\"gcodeCmd\":\"" + gcode + "\"}}", CrealityRequests.FanSpeed(fan, percent));

    [Fact]
    public void AFanReportedOnlyByItsOnOffFlag_IsThere_ButItsSpeedIsNotWaitedFor()
    {
        var both = CrealityConnection.FanControl(StatusOf("{\"fanAuxiliary\":1,\"auxiliaryFanPct\":40}"), PrinterTools.Vendors.PrinterFan.Auxiliary);
        var flagOnly = CrealityConnection.FanControl(StatusOf("{\"fanAuxiliary\":1}"), PrinterTools.Vendors.PrinterFan.Auxiliary);
        var neither = CrealityConnection.FanControl(StatusOf("{\"fan\":1,\"modelFanPct\":100}"), PrinterTools.Vendors.PrinterFan.Auxiliary);

        Assert.Equal(40, both!.ReadPercent!(StatusOf("{\"auxiliaryFanPct\":40}")));
        Assert.NotNull(flagOnly);
        Assert.Null(flagOnly!.ReadPercent);
        Assert.Null(neither);
    }

    [Theory]
    [InlineData("{\"model\":\"K1C\",\"mac\":\"aabbccddeeff\"}", "K1C", "AA:BB:CC:DD:EE:FF", "K1C-EEFF")]
    [InlineData("{\"model\":\"F008\",\"mac\":\"AA-BB-CC-00-3D-48\",\"hostname\":\"K2Plus-3D48\"}", "F008", "AA:BB:CC:00:3D:48", "K2Plus-3D48")]
    public void Info_TakesModelAndMac(string body, string model, string mac, string name)
    {
        var info = CrealityInfo.Parse(Encoding.UTF8.GetBytes(body))!;

        Assert.Equal(model, info.Model);
        Assert.Equal(mac, info.MacAddress);
        Assert.Equal(name, info.Name);
    }

    [Theory]
    [InlineData("{\"model\":\"K1C\"}")]
    [InlineData("{\"model\":\"\",\"mac\":\"aabbccddeeff\"}")]
    [InlineData("{\"model\":1,\"mac\":\"aabbccddeeff\"}")]
    [InlineData("<html>router login</html>")]
    [InlineData("[]")]
    public void Info_WithoutModelAndMac_IsNotACrealityPrinter(string body)
    {
        Assert.Null(CrealityInfo.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("{\"code\":200,\"message\":\"OK\"}", null)]
    [InlineData("OK", null)]
    [InlineData("upload ok", null)]
    [InlineData("{\"code\":400,\"message\":\"md5 check failed\"}", "code 400, 'md5 check failed'")]
    [InlineData("{\"code\":\"500\"}", "code \"500\"")]
    [InlineData("file name too long", "'file name too long'")]
    [InlineData("", "an empty reply")]
    public void UploadReply_IsJudgedByItsCode_ElseByItsWords(string reply, string? refusal)
    {
        Assert.Equal(refusal, CrealityUpload.Refusal(reply));
    }

    [Theory]
    [InlineData("F008", "K2 Plus", CrealityModel.UdiskFolder)]
    [InlineData("K1C", "K1C", CrealityModel.DataFolder)]
    [InlineData("CR-K1 Max", "K1 Max", CrealityModel.DataFolder)]
    [InlineData("F021", "K2", CrealityModel.UdiskFolder)]
    [InlineData("F009", "Ender-3 V4", CrealityModel.UdiskFolder)]
    [InlineData("K1 SE", "K1 SE", CrealityModel.UdiskFolder)]
    [InlineData("F018", "Hi", null)]
    public void Models_HaveTheirNamesAndGcodeFolders(string code, string name, string? folder)
    {
        var model = CrealityModel.FromCode(code)!;

        Assert.Equal(name, model.Name);
        Assert.Equal(folder, model.GcodeFolder);
    }
}
