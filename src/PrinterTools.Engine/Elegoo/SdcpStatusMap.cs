using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PrinterTools.Elegoo;

/// <summary>
/// An SDCP printer's merged status and attributes as a PrinterStatus (notes §7): the machine
/// status (CurrentStatus) says whether a job runs; the print status (PrintInfo.Status, per family)
/// says which phase, and after a job it keeps its last value, which is how a stopped or finished
/// job shows on an idle machine. Ticks are seconds on the Carbon, milliseconds on resin.
/// </summary>
internal static class SdcpStatusMap
{
    /// <param name="canvas">Cmd 324's data, for a Carbon with a CANVAS connected.</param>
    public static PrinterStatus ToStatus(string address, SdcpFamily family, IReadOnlyDictionary<string, object?> status,
        IReadOnlyDictionary<string, object?> attributes, PrinterInfo? known, System.Text.Json.JsonElement? canvas = null)
    {
        var print = Object(status, "PrintInfo") ?? new Dictionary<string, object?>();
        var machine = MachineStatus(status);
        var printCode = Integer(print, "Status");
        var state = StateOf(family, machine, printCode);
        var file = Text(print, "Filename");
        var hasJob = !string.IsNullOrEmpty(file) && state is not PrinterState.Idle;
        var ticksPerSecond = family == SdcpFamily.Fdm ? 1.0 : 1000.0;
        var current = Number(print, "CurrentTicks");
        var total = Number(print, "TotalTicks");
        var layer = Integer(print, "CurrentLayer");
        var layers = Integer(print, "TotalLayer");
        var errorNumber = Integer(print, "ErrorNumber") ?? 0;
        var errorText = SdcpCodes.ErrorNumber(errorNumber) ?? (state == PrinterState.Error ? PrintWords(family, printCode) : null);

        var (nozzle, nozzleTarget) = Temperature(status, "TempOfNozzle", "TempTargetNozzle");
        var (bed, bedTarget) = Temperature(status, "TempOfHotbed", "TempTargetHotbed");
        var (chamber, chamberTarget) = Temperature(status, "TempOfBox", "TempTargetBox");
        var light = Object(status, "LightStatus") is { } lights && Integer(lights, "SecondLight") is { } second ? second != 0 : (bool?)null;

        return new PrinterStatus
        {
            Name = known?.Name is { Length: > 0 } name ? name : Text(attributes, "Name") ?? address,
            Address = address,
            Vendor = PrinterVendor.Elegoo,
            Model = known?.Model ?? SdcpDiscoveryReply.ModelOf(Text(attributes, "MachineName"), Text(attributes, "BrandName")),
            State = state,
            FileName = hasJob ? file : null,
            Progress = hasJob ? ProgressOf(family, print, layer, layers) : null,
            CurrentLayer = hasJob ? layer : null,
            TotalLayers = hasJob && layers > 0 ? layers : null,
            Elapsed = hasJob && current >= 0 ? TimeSpan.FromSeconds(current.Value / ticksPerSecond) : null,
            // TotalTicks is re-estimated during a print and CurrentTicks can pass it (notes §7.2).
            Remaining = hasJob && total > 0 && current >= 0 ? TimeSpan.FromSeconds(Math.Max(0, total.Value - current.Value) / ticksPerSecond) : null,
            NozzleTemperature = family == SdcpFamily.Fdm ? nozzle : null,
            NozzleTargetTemperature = family == SdcpFamily.Fdm ? nozzleTarget : null,
            BedTemperature = family == SdcpFamily.Fdm ? bed : null,
            BedTargetTemperature = family == SdcpFamily.Fdm ? bedTarget : null,
            ChamberTemperature = family == SdcpFamily.Fdm ? chamber : null,
            ChamberTargetTemperature = family == SdcpFamily.Fdm ? chamberTarget : null,
            LightOn = light,
            ErrorCode = errorText is null ? null : errorNumber != 0 ? $"ErrorNumber {errorNumber}" : $"PrintStatus {printCode}",
            ErrorMessage = errorText,
            Timestamp = DateTime.Now,
            Raw = PrinterStatus.ToRaw(RawFields(family, status, attributes, print, machine, printCode, canvas)),
        };
    }

    /// <summary>
    /// The CANVAS trays of Cmd 324 into Raw: CanvasActiveTray, and CanvasTrays with one entry per
    /// tray of a connected CANVAS (its filament's type, name, colour and the tray's status).
    /// </summary>
    private static void AddCanvas(Dictionary<string, object?> raw, System.Text.Json.JsonElement canvas)
    {
        var data = Internal.JsonValues.ToDictionary(canvas);
        raw["CanvasActiveTray"] = Integer(data, "active_tray_id");
        var trays = new List<object?>();
        var units = data.TryGetValue("canvas_list", out var list) && list is IList l ? l.OfType<Dictionary<string, object?>>() : Enumerable.Empty<Dictionary<string, object?>>();
        foreach (var unit in units.Where(u => Integer(u, "connected") is null or 1))
        {
            var unitTrays = unit.TryGetValue("tray_list", out var t) && t is IList tl ? tl.OfType<Dictionary<string, object?>>() : Enumerable.Empty<Dictionary<string, object?>>();
            foreach (var tray in unitTrays)
            {
                trays.Add(new Dictionary<string, object?>
                {
                    ["Canvas"] = Integer(unit, "canvas_id"),
                    ["Tray"] = Integer(tray, "tray_id"),
                    ["Type"] = Text(tray, "filament_type"),
                    ["Name"] = Text(tray, "filament_name"),
                    ["Color"] = Text(tray, "filament_color"),
                    ["Status"] = Integer(tray, "status"),
                });
            }
        }
        raw["CanvasTrays"] = trays;
    }

    /// <summary>The machine status: on V3 an array (if its first is 2, file transfer, and a second exists, the second wins); an int on V1.</summary>
    internal static long? MachineStatus(IReadOnlyDictionary<string, object?> status)
    {
        if (!status.TryGetValue("CurrentStatus", out var value))
        {
            return null;
        }
        if (value is IList list)
        {
            var codes = list.OfType<long>().ToList();
            return codes.Count == 0 ? null : codes[0] == 2 && codes.Count > 1 ? codes[1] : codes[0];
        }
        return value as long?;
    }

    private static PrinterState StateOf(SdcpFamily family, long? machine, long? printCode)
    {
        var table = family == SdcpFamily.Fdm ? SdcpCodes.FdmPrintStatus : SdcpCodes.ResinPrintStatus;
        var phase = printCode is { } code && table.TryGetValue(code, out var known) ? known.State : (PrinterState?)null;
        switch (machine)
        {
            case 0:
                // Idle: the print status still tells how the last job ended.
                return phase is PrinterState.Stopped or PrinterState.Completed or PrinterState.Error ? phase.Value : PrinterState.Idle;
            case 1:
                // A job whose phase is idle is being set up (resin: the first push after a start).
                return phase is null ? PrinterState.Unknown : phase == PrinterState.Idle ? PrinterState.Printing : phase.Value;
            case null:
                return PrinterState.Unknown;
            default:
                return SdcpCodes.MachineStatus.ContainsKey(machine.Value) ? PrinterState.Busy : PrinterState.Unknown;
        }
    }

    private static double? ProgressOf(SdcpFamily family, IReadOnlyDictionary<string, object?> print, int? layer, int? layers)
    {
        if (family == SdcpFamily.Fdm && Number(print, "Progress") is { } own && own >= 0 && own <= 100)
        {
            return own;
        }
        // Resin printers report no Progress: their layers tell it.
        return layer is { } done && layers is { } all && all > 0 ? Math.Round(Math.Min(100.0, 100.0 * done / all), 1) : null;
    }

    private static string PrintWords(SdcpFamily family, long? printCode)
    {
        var table = family == SdcpFamily.Fdm ? SdcpCodes.FdmPrintStatus : SdcpCodes.ResinPrintStatus;
        return printCode is { } code && table.TryGetValue(code, out var known) ? $"the print {known.Words}" : $"print status {printCode}";
    }

    /// <summary>A temperature and its target; older Carbon builds send [target, actual] pairs (notes §7.1).</summary>
    private static (double? Actual, double? Target) Temperature(IReadOnlyDictionary<string, object?> status, string actualKey, string targetKey)
    {
        if (status.TryGetValue(actualKey, out var value) && value is IList pair && pair.Count == 2 && ToDouble(pair[0]) is { } t && ToDouble(pair[1]) is { } a)
        {
            return (Round(a), Round(t));
        }
        var target = Number(status, targetKey) ?? (Object(status, "TempTarget") is { } targets ? Number(targets, targetKey.Replace("TempTarget", "")) : null);
        return (Round(Number(status, actualKey)), Round(target));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static Dictionary<string, object?> RawFields(SdcpFamily family, IReadOnlyDictionary<string, object?> status,
        IReadOnlyDictionary<string, object?> attributes, IReadOnlyDictionary<string, object?> print, long? machine, long? printCode,
        System.Text.Json.JsonElement? canvas)
    {
        var table = family == SdcpFamily.Fdm ? SdcpCodes.FdmPrintStatus : SdcpCodes.ResinPrintStatus;
        var raw = new Dictionary<string, object?>
        {
            ["Family"] = family == SdcpFamily.Fdm ? "FDM" : "Resin",
            ["MachineStatus"] = machine,
            ["MachineStatusText"] = machine is { } m && SdcpCodes.MachineStatus.TryGetValue(m, out var words) ? words : null,
            ["PrintStatus"] = printCode,
            ["PrintStatusText"] = printCode is { } p && table.TryGetValue(p, out var phase) ? phase.Words : null,
            ["TaskId"] = Text(print, "TaskId"),
            ["PrintSpeedPct"] = Integer(print, "PrintSpeedPct"),
            // The firmware's own spelling first, then the corrected one a later build may use.
            ["Coordinates"] = Text(status, "CurrenCoord") ?? Text(status, "CurrentCoord"),
            ["ZOffset"] = Number(status, "ZOffset"),
            ["PlatformType"] = Integer(status, "PlatFormType"),
            ["TimeLapseStatus"] = Integer(status, "TimeLapseStatus"),
            ["CanvasConnected"] = Integer(status, "AmsConnectStatus") is { } ams ? ams == 1 : null,
            ["UVLedTemperature"] = Round(Number(status, "TempOfUVLED")),
            ["TankTemperature"] = Round(Number(status, "TempOfTank")),
            ["TankTargetTemperature"] = Round(Number(status, "TempTargetTank")),
            ["ReleaseFilmCount"] = Integer(status, "ReleaseFilm"),
            ["ReleaseFilmMax"] = Integer(attributes, "ReleaseFilmMax"),
            ["Firmware"] = Text(attributes, "FirmwareVersion"),
            ["MainboardId"] = Text(attributes, "MainboardID"),
            ["MacAddress"] = Text(attributes, "MainboardMAC"),
        };
        if (family == SdcpFamily.Resin)
        {
            // Resin boards report a box temperature too, which is not a chamber heater's.
            raw["BoxTemperature"] = Round(Number(status, "TempOfBox"));
        }
        if (Object(status, "CurrentFanSpeed") is { } fans)
        {
            foreach (var fan in fans)
            {
                raw[fan.Key + "Speed"] = ToDouble(fan.Value);
            }
        }
        if (Object(attributes, "DevicesStatus") is { } devices)
        {
            raw["ReleaseFilmState"] = Integer(devices, "RelaseFilmState") ?? Integer(devices, "ReleaseFilmState");
        }
        if (canvas is { } trays)
        {
            AddCanvas(raw, trays);
        }
        foreach (var empty in raw.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            raw.Remove(empty);
        }
        return raw;
    }

    internal static IReadOnlyDictionary<string, object?>? Object(IReadOnlyDictionary<string, object?> from, string key) =>
        from.TryGetValue(key, out var value) ? value as Dictionary<string, object?> : null;

    internal static string? Text(IReadOnlyDictionary<string, object?> from, string key) =>
        from.TryGetValue(key, out var value) && value is string text ? text : null;

    internal static double? Number(IReadOnlyDictionary<string, object?> from, string key) =>
        from.TryGetValue(key, out var value) ? ToDouble(value) : null;

    internal static int? Integer(IReadOnlyDictionary<string, object?> from, string key) =>
        Number(from, key) is { } n && n >= int.MinValue && n <= int.MaxValue && Math.Floor(n) == n ? (int)n : null;

    private static double? ToDouble(object? value) => value switch
    {
        long l => l,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) => d,
        _ => null,
    };
}
