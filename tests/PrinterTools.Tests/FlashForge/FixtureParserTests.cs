using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using PrinterTools.FlashForge;
using Xunit;

namespace PrinterTools.Tests.FlashForge;

/// <summary>
/// Every real FlashForge capture in tests/captures/flashforge goes through the
/// parsers with the values it holds asserted. A capture without an expectation here fails.
/// </summary>
public sealed class FixtureParserTests
{
    private static readonly Dictionary<string, Action<byte[]>> Expectations = new()
    {
        // ---- M601 / M602 control ----
        ["adventurer3-fw1.1.7-M601.txt"] = b => Assert.True(FlashForgeTextParser.ParseControlGranted(Data(b, "M601 S1"))),
        ["adventurer3c-M601-response.bin"] = b => Assert.True(FlashForgeTextParser.ParseControlGranted(Data(b, "M601 S1"))),
        ["adventurer4-M601-success.txt"] = b => Assert.True(FlashForgeTextParser.ParseControlGranted(Data(b, "M601 S1"))),
        ["adventurer5mpro-fw3.1.3-M601.txt"] = b => Assert.True(FlashForgeTextParser.ParseControlGranted(Data(b, "M601 S1"))),
        ["finder-fw1.5-M601-response.bin"] = b => Assert.True(FlashForgeTextParser.ParseControlGranted(Data(b, "M601 S1"))),
        ["adventurer4-M601-control-failed.txt"] = b => Assert.False(FlashForgeTextParser.ParseControlGranted(Data(b, "M601 S1"))),
        ["adventurer3-fw1.1.7-M602.txt"] = b => Assert.Equal(new[] { "Control Release." }, Data(b, "M602")),
        ["adventurer5mpro-fw3.1.3-M602.txt"] = b => Assert.Equal(new[] { "Control Release." }, Data(b, "M602")),
        ["finder-fw1.5-M602-response.bin"] = b => Assert.Equal(new[] { "Control Release." }, Data(b, "M602")),
        // Hand-written, not captured: "CMD 602" does not echo M602, so it is refused as out of step.
        ["suspect-M602-handwritten.txt"] = b => Assert.Throws<FormatException>(() => Data(b, "M602")),

        // ---- M115 identity ----
        ["adventurer3-fw1.1.7-M115.txt"] = b => AssertInfo(b, "FlashForge Adventurer III", "Adventurer III", "My 3D Printer", "1.1.7", "XXXXXXXXXXXX", "88:A9:A7:XX:XX:XX"),
        ["adventurer3cpro-fw2.1.2-M115.txt"] = b => AssertInfo(b, "FlashForge Adventurer III Pro", "Adventurer III Pro", "CowaPrint", "2.1.2", "SNCCCA95105901", "88:A9:A7:92:DE:72"),
        ["adventurer4-fw2.0.9-M115.txt"] = b => AssertInfo(b, "Flashforge Adventurer 4", "Adventurer 4", "Adventurer4", "2.0.9", "SNADVA9501174", "88:A9:A7:93:86:F8"),
        ["adventurer5mpro-fw3.1.3-M115.txt"] = b => AssertInfo(b, "Flashforge Adventurer 5M Pro", "Adventurer 5M Pro", "Adventurer 5M Pro", "3.1.3", "omitted", "88:A9:A7:97:B2:BF"),
        ["adventurer5mpro-fw3.1.5-M115.txt"] = b => AssertInfo(b, "Flashforge Adventurer 5M Pro", "Adventurer 5M Pro", "Adventurer 5M Pro", "3.1.5", "SNMOMC9900728", "88:A9:A7:97:B2:BF"),
        ["finder-fw1.5-M115-response.bin"] = b =>
        {
            var info = AssertInfo(b, "Flashforge Finder", "Finder", "My Finder", "1.5 20160804", "62B08883", null);
            Assert.Equal("X: 140 Y: 140 Z: 140", info.BuildVolume);
            Assert.Equal(1, info.ToolCount);
        },

        // ---- M119 state ----
        ["adventurer3-fw1.1.7-M119.txt"] = b => AssertState(b, "READY", "READY", null, null, PrinterState.Idle),
        ["adventurer4-M119-idle.txt"] = b => AssertState(b, "READY", "READY", false, null, PrinterState.Idle),
        ["adventurer4-M119-printing.txt"] = b => AssertState(b, "BUILDING_FROM_SD", "MOVING", true, "RussianDollMazeModels.gx", PrinterState.Printing),
        ["adventurer5mpro-M119-idle.txt"] = b => AssertState(b, "READY", "READY", true, null, PrinterState.Idle),
        ["adventurer5mpro-fw3.1.3-M119-printing.txt"] = b => AssertState(b, "BUILDING_FROM_SD", "MOVING", true, "3x2 Rugged Drawer Outer x2.3mf", PrinterState.Printing),
        // The Finder puts Status before MachineStatus and sends no LED line.
        ["finder-fw1.5-M119-response.bin"] = b =>
        {
            var state = AssertState(b, "READY", "READY", null, null, PrinterState.Idle);
            Assert.Equal("S:1 L:0 J:0 F:1", state.StatusFlags);
            Assert.Equal("X-max: 1 Y-max: 0 Z-max: 1", state.Endstop);
        },

        // ---- M27 progress ----
        ["adventurer3-fw1.1.7-M27.txt"] = b => AssertProgress(b, 0, null, null),
        ["adventurer4-M27-idle.txt"] = b => AssertProgress(b, 0, null, null),
        ["adventurer4-M27-printing.txt"] = b => AssertProgress(b, 11, 44, 419),
        ["adventurer5mpro-M27-idle.txt"] = b => AssertProgress(b, 0, null, null),
        ["adventurer5mpro-fw3.1.3-M27-printing.txt"] = b => AssertProgress(b, 18, 117, 523),
        // The Finder counts real bytes, one more done than the total: capped at 100 %.
        ["finder-fw1.5-M27-response.bin"] = b => AssertProgress(b, 100, null, null),

        // ---- M105 temperatures (old "T0:22 /0" and new "T0:220.3/220.0 T1:..." formats) ----
        ["adventurer-M105-oldformat.txt"] = b => AssertTemps(b, 22, 0, 11, 0),
        ["adventurer3-fw1.1.7-M105.txt"] = b => AssertTemps(b, 22, 0, 11, 0),
        ["adventurer4-M105-idle.txt"] = b => AssertTemps(b, 22, 0, 14, 0),
        ["finder-fw1.5-M105-response.bin"] = b => AssertTemps(b, 24, 0, 0, 0),
        ["adventurer5mpro-M105-idle-newformat.txt"] = b => AssertTemps(b, 17.9, 0, 18.5, 0),
        ["adventurer5mpro-fw3.1.3-M105-printing.txt"] = b => AssertTemps(b, 220.3, 220, 50, 50),
        ["flashforge-M105-newformat-heating.txt"] = b => AssertTemps(b, 104.5, 225, 51.3, 50),

        // ---- M114 position ----
        ["adventurer3-fw1.1.7-M114.txt"] = b => AssertPosition(b, 0, 0, 0, 0),
        ["adventurer4-M114.txt"] = b => AssertPosition(b, 19.3861, 54.3, 194.44, 0),
        ["adventurer5mpro-M114.txt"] = b => AssertPosition(b, 110.05, 110.05, 200, 0),
        ["adventurer5mpro-fw3.1.3-M114.txt"] = b => AssertPosition(b, -8.262, -33.98, 28.772, 18631.348),
        ["finder-fw1.5-M114-response.bin"] = b => AssertPosition(b, 86.9984, 70.5016, 140, 0),

        // ---- replies with data lines only ----
        ["adventurer3-fw1.1.7-M650.txt"] = b => Assert.Equal(new[] { "X: 1.0 Y: 0.5" }, Data(b, "M650")),
        ["finder-fw1.5-M650-response.bin"] = b => Assert.Equal(new[] { "X: 0 Y: 0" }, Data(b, "M650")),
        ["adventurer3-fw1.1.7-M146-on.txt"] = b => Assert.Empty(Data(b, "M146 1")),
        ["adventurer3-fw1.1.7-M146-off.txt"] = b => Assert.Empty(Data(b, "M146 0")),
        // "ok\n" without CR (pcap): the reply still ends there.
        ["finder-fw1.5-M146-r255g0b0-response.bin"] = b => Assert.Empty(Data(b, "M146 r255 g0 b0 F0")),
        ["adventurer3-fw1.1.7-M23.txt"] = b => Assert.Equal(new[] { "File opened: 20mm_Box.gx Size: 154674", "File selected" }, Data(b, "M23 0:/user/20mm_Box.gx")),
        ["adventurer4-M23-select-and-start.txt"] = b => Assert.Equal(new[] { "File opened: My Box.gx Size: 1613086", "File selected" }, Data(b, "M23 0:/user/My Box.gx")),
        ["adventurer4-M24.txt"] = b => Assert.Empty(Data(b, "M24")),
        ["adventurer4-M25.txt"] = b => Assert.Empty(Data(b, "M25")),
        ["adventurer3-fw1.1.7-M26.txt"] = b => Assert.Empty(Data(b, "M26")),
        // Only the first read of a reply: without "ok" it is incomplete, never a result.
        ["adventurer4-M26-first-read.txt"] = b => Assert.Throws<FormatException>(() => Data(b, "M26")),
        ["adventurer3-fw1.1.7-M29.txt"] = b => Assert.Equal(new[] { "Done saving file." }, Data(b, "M29")),
        // The M28 reply is complete at its ok; the per-packet acks that follow belong to the upload.
        ["adventurer3-fw1.1.7-M28-and-data-acks.txt"] = b => Assert.Equal(new[] { "Writing to file: 0:/user/Snake.gx" }, Data(b, "M28 4112 0:/user/Snake.gx")),

        // ---- binary file list after ok ----
        ["adventurer3-M661-filelist-binary-after-ok.bin"] = b => Assert.Equal(
            new[] { "/data/NM3.gx", "/data/nozzle_remover.gx", "/data/Fighter_01.gx", "/data/Buff_Beer_mugs.gx", "/data/20mm_Box-PLA.gx" },
            FlashForgeBinary.ParseFileList(b)),
        // Pasted as text, the framing bytes became U+FFFD: the reply parses, the list is refused.
        ["adventurer5mpro-M661-lossy-rendering.txt"] = b =>
        {
            var text = string.Join("\n", Encoding.UTF8.GetString(b).Split('\n').Where(l => l.StartsWith("> ")).Select(l => l.Substring(2)));
            Assert.Empty(FlashForgeTextParser.GetDataLines(text, "M661"));
            var body = Encoding.UTF8.GetBytes(text.Substring(text.IndexOf("ok\n", StringComparison.Ordinal) + 3));
            Assert.Throws<FormatException>(() => FlashForgeBinary.ParseFileList(body));
        },

        // ---- UDP discovery probes ----
        ["flashprint-discovery-probe-broadcast-48899.bin"] = b => Assert.Equal(b, FlashForgeDiscovery.BroadcastProbe()),
        ["flashprint-discovery-probe-multicast-19000.bin"] = b => Assert.Equal(b, FlashForgeDiscovery.MulticastProbe(IPAddress.Parse("192.168.2.11"), 18002)),
        // A 20-byte probe that reaches us is no printer's reply.
        ["ghosttypes-orcaslicer-discovery-probe-48899.bin"] = b => Assert.Null(FlashForgeDiscoveryReply.TryParse(b)),

        // ---- HTTP 8898 ----
        ["adventurer5mpro-fw2.7.2-http-detail-printing.json"] = b =>
        {
            using var reply = FlashForgeHttpClient.ParseEnvelope("192.168.0.205", "detail", b);
            var status = FlashForgeStatusReader.FromDetail("192.168.0.205", reply.RootElement.GetProperty("detail"), DateTime.UnixEpoch);
            Assert.Equal("Adventurer 5M Pro", status.Name);
            Assert.Equal("Adventurer 5M Pro", status.Model);
            Assert.Equal(PrinterState.Printing, status.State);
            Assert.Equal("Lego Flower Stem Straight.3mf", status.FileName);
            Assert.Equal(25.6, status.Progress);
            Assert.Equal(75, status.CurrentLayer);
            Assert.Equal(552, status.TotalLayers);
            Assert.Equal(TimeSpan.FromSeconds(1160), status.Elapsed);
            Assert.Equal(TimeSpan.FromSeconds(3665), status.Remaining);
            Assert.Equal(220.15, status.NozzleTemperature!.Value, 2);
            Assert.Equal(220.0, status.NozzleTargetTemperature);
            Assert.Equal(49.98, status.BedTemperature!.Value, 2);
            Assert.Equal(50.0, status.BedTargetTemperature);
            Assert.Equal(0.0, status.ChamberTemperature);
            Assert.True(status.LightOn);
            Assert.Null(status.ErrorCode);
            Assert.Equal("PLA", status.Raw["rightFilamentType"]);
            Assert.Equal(23L, Assert.IsType<long>(status.Raw["tvoc"]));
        },
        ["ad5x-fw1.1.3-http-detail-idle-partial.json"] = b =>
        {
            using var detail = JsonDocument.Parse(b);
            var status = FlashForgeStatusReader.FromDetail("192.168.0.204", detail.RootElement, DateTime.UnixEpoch);
            Assert.Equal("AD5X", status.Name);
            Assert.Equal("AD5X", status.Model);
            // The capture is partial and has no "status": unknown, not a guess.
            Assert.Equal(PrinterState.Unknown, status.State);
            Assert.Null(status.Progress);
            Assert.Equal(27.75, status.BedTemperature);
            Assert.True(status.LightOn);
            var station = Assert.IsType<Dictionary<string, object?>>(status.Raw["matlStationInfo"]);
            Assert.Equal(4L, Assert.IsType<long>(station["slotCnt"]));
        },
        ["adventurer5mpro-http-product.json"] = b =>
        {
            using var reply = FlashForgeHttpClient.ParseEnvelope("192.168.0.205", "product", b);
            Assert.Equal(1, reply.RootElement.GetProperty("product").GetProperty("lightCtrlState").GetInt32());
            Assert.Equal(0, reply.RootElement.GetProperty("product").GetProperty("chamberTempCtrlState").GetInt32());
        },
        ["ad5x-http-gcodeListDetail-entries.json"] = b =>
        {
            using var reply = JsonDocument.Parse("{\"code\":0,\"gcodeListDetail\":" + Encoding.UTF8.GetString(b) + "}");
            var files = FlashForgeHttpFiles.ParseFiles(reply.RootElement);
            Assert.Equal(new[] { "FISH_PLA.3mf", "FlashForge-TestModel-01.3mf" }, files.Select(f => f.FileName));
            // printingTime is seconds; the four tools of the first file are all PLA, named once.
            Assert.Equal(TimeSpan.FromSeconds(29958), files[0].EstimatedTime);
            Assert.Equal(TimeSpan.FromSeconds(849), files[1].EstimatedTime);
            Assert.Equal("PLA", files[0].Material);
            Assert.Null(files[0].Size);
        },
        ["ad5x-likely-host204-http-printGcode-exchange.txt"] = b =>
        {
            var text = Encoding.UTF8.GetString(b);
            var body = text.Substring(text.LastIndexOf("\n{", StringComparison.Ordinal) + 1).Trim();
            using var reply = FlashForgeHttpClient.ParseEnvelope("192.168.0.204", "printGcode", Encoding.UTF8.GetBytes(body));
            Assert.Equal("Success", reply.RootElement.GetProperty("message").GetString());
        },
        ["ad5x-likely-host204-http-uploadGcode-request-headers.txt"] = b =>
        {
            var captured = Encoding.UTF8.GetString(b).Split('\n').Select(l => l.Trim()).Where(l => l.Contains(':'))
                .Select(l => (Name: l.Substring(0, l.IndexOf(':')), Value: l.Substring(l.IndexOf(':') + 1).Trim()))
                .ToDictionary(h => h.Name, h => h.Value);
            foreach (var header in FlashForgeHttpFiles.UploadHeaders(912373, printNow: true, levelBed: true, newFirmware: true))
            {
                Assert.Equal(captured[header.Key], header.Value);
            }
        },
    };

    public static IEnumerable<object[]> CaptureFiles() =>
        Directory.EnumerateFiles(TestPaths.FlashForgeFixtures)
            .Where(f => !f.EndsWith(".source.md", StringComparison.Ordinal))
            .Select(f => new object[] { Path.GetFileName(f) })
            .OrderBy(f => (string)f[0], StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(CaptureFiles))]
    public void Capture_ParsesToItsRealValues(string fileName)
    {
        Assert.True(Expectations.TryGetValue(fileName, out var expect), $"No expectation for capture {fileName}: add one.");
        expect!(File.ReadAllBytes(Path.Combine(TestPaths.FlashForgeFixtures, fileName)));
    }

    [Fact]
    public void EveryExpectation_HasItsCapture()
    {
        var files = CaptureFiles().Select(f => (string)f[0]).ToHashSet();
        Assert.True(files.Count >= 60, $"Only {files.Count} captures found in {TestPaths.FlashForgeFixtures}.");
        Assert.Equal(Array.Empty<string>(), Expectations.Keys.Where(k => !files.Contains(k)).ToArray());
    }

    /// <summary>Data lines of a captured reply; lines we sent ("~M105") are dropped.</summary>
    private static IReadOnlyList<string> Data(byte[] capture, string command)
    {
        var reply = string.Join("\n", Encoding.UTF8.GetString(capture).Split('\n').Where(l => !l.StartsWith("~", StringComparison.Ordinal)));
        return FlashForgeTextParser.GetDataLines(reply, command);
    }

    private static FlashForgeMachineInfo AssertInfo(byte[] b, string type, string model, string name, string firmware, string serial, string? mac)
    {
        var info = FlashForgeTextParser.ParseMachineInfo(Data(b, "M115"));
        Assert.Equal(type, info.MachineType);
        Assert.Equal(model, info.Model);
        Assert.Equal(name, info.Name);
        Assert.Equal(firmware, info.Firmware);
        Assert.Equal(serial, info.SerialNumber);
        Assert.Equal(mac, info.MacAddress);
        return info;
    }

    private static FlashForgeMachineState AssertState(byte[] b, string machineStatus, string moveMode, bool? led, string? file, PrinterState state)
    {
        var parsed = FlashForgeTextParser.ParseMachineState(Data(b, "M119"));
        Assert.Equal(machineStatus, parsed.MachineStatus);
        Assert.Equal(moveMode, parsed.MoveMode);
        Assert.Equal(led, parsed.LedOn);
        Assert.Equal(file, parsed.CurrentFile);
        Assert.Equal(state, FlashForgeStateMap.FromMachineStatus(parsed.MachineStatus, parsed.MoveMode));
        return parsed;
    }

    private static void AssertProgress(byte[] b, double percent, int? layer, int? layers)
    {
        var progress = FlashForgeTextParser.ParseProgress(Data(b, "M27"));
        Assert.Equal(percent, progress.Percent);
        Assert.Equal(layer, progress.Layer);
        Assert.Equal(layers, progress.TotalLayers);
    }

    private static void AssertTemps(byte[] b, double nozzle, double nozzleTarget, double bed, double bedTarget)
    {
        var temps = FlashForgeTextParser.ParseTemperatures(Data(b, "M105"));
        Assert.Equal(nozzle, temps.Nozzle);
        Assert.Equal(nozzleTarget, temps.NozzleTarget);
        Assert.Equal(bed, temps.Bed);
        Assert.Equal(bedTarget, temps.BedTarget);
    }

    private static void AssertPosition(byte[] b, double x, double y, double z, double a)
    {
        var position = FlashForgeTextParser.ParsePosition(Data(b, "M114"));
        Assert.Equal(new FlashForgePosition(x, y, z, a), position);
    }
}
