using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PrinterTools.Internal;
using PrinterTools.Vendors;
using static PrinterTools.Creality.CrealityValues;

namespace PrinterTools.Creality;

/// <summary>
/// A Creality printer's merged frames (creality.md §3, §4) as a PrinterStatus. <c>state</c>,
/// <c>printProgress</c> and <c>printFileName</c> keep the last job's values after it ends, so the
/// state is read from <c>state</c> and <c>deviceState</c> together: an ended job shows as
/// Completed, Stopped or Error, and a printer with no job is Idle, never Printing.
/// </summary>
internal static class CrealityStatusMap
{
    /// <summary>The objects copied whole into Raw (the CFS filament boxes); every other nested value is left out.</summary>
    private static readonly HashSet<string> NestedKeptInRaw = new(StringComparer.Ordinal) { "boxsInfo", "boxState" };

    public static PrinterStatus ToStatus(string address, IReadOnlyDictionary<string, JsonElement> state, PrinterInfo? known)
    {
        var printState = Integer(state, "state");
        var deviceState = Integer(state, "deviceState");
        var phase = StateOf(printState, deviceState);
        // A printer without a job (state 0) still shows the last file name on some builds: it is not this status's file.
        var hasJob = printState is not null and not 0 && phase is not (PrinterState.Idle or PrinterState.Unknown);
        var (errorCode, errorMessage) = ErrorOf(state);
        var totalLayers = Integer(state, "TotalLayer");
        return new PrinterStatus
        {
            Name = known?.Name is { Length: > 0 } name ? name : Text(state, "hostname") is { Length: > 0 } host ? host : address,
            Address = address,
            Vendor = PrinterVendor.Creality,
            Model = CrealityModel.NameOf(Text(state, "model")) ?? known?.Model,
            State = phase,
            FileName = hasJob && Text(state, "printFileName") is { Length: > 0 } path ? PrinterFileName.FromPrinterPath(path) : null,
            Progress = hasJob && Number(state, "printProgress") is { } p && p >= 0 && p <= 100 ? p : null,
            CurrentLayer = hasJob ? ToInt(Integer(state, "layer")) : null,
            // Some builds send TotalLayer 0 mid-print (HA #24): not a count.
            TotalLayers = hasJob && totalLayers > 0 ? ToInt(totalLayers) : null,
            Elapsed = hasJob ? Seconds(Integer(state, "printJobTime")) : null,
            Remaining = hasJob ? Seconds(Integer(state, "printLeftTime")) : null,
            NozzleTemperature = Temperature(state, "nozzleTemp"),
            NozzleTargetTemperature = Temperature(state, "targetNozzleTemp"),
            BedTemperature = Temperature(state, "bedTemp0"),
            BedTargetTemperature = Temperature(state, "targetBedTemp0"),
            ChamberTemperature = Temperature(state, "boxTemp"),
            ChamberTargetTemperature = Temperature(state, "targetBoxTemp"),
            LightOn = Integer(state, "lightSw") switch { 1 => true, 0 => false, _ => null },
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            Timestamp = DateTime.Now,
            Raw = new PrinterRawFields(RawFields(state)),
        };
    }

    /// <summary>
    /// The firmware's print states (IDLE 0, WORK 1, FINISH 2, FAIL 3, STOP 4, PAUSE 5) and Creality
    /// Print's 6 pausing, 7 stopping, 8 resuming and 9 preparing (the self-test a start begins
    /// with, seen on a K1C), read with deviceState (0 idle, 1 busy, 7 homing).
    /// </summary>
    public static PrinterState StateOf(long? state, long? deviceState) => state switch
    {
        1 or 9 => PrinterState.Printing,
        2 => PrinterState.Completed,
        3 => PrinterState.Error,
        4 => PrinterState.Stopped,
        5 => PrinterState.Paused,
        6 => PrinterState.Pausing,
        7 => PrinterState.Stopping,
        8 => PrinterState.Resuming,
        // No job: busy means homing or a command of its own; unknown states on an idle device are idle.
        _ => deviceState switch
        {
            0 => PrinterState.Idle,
            null => PrinterState.Unknown,
            _ => state is 0 or null ? PrinterState.Busy : PrinterState.Unknown,
        },
    };

    /// <summary>True while a job runs or is being set up: what a new start must wait for.</summary>
    public static bool IsBusy(long? state, long? deviceState) =>
        state is 1 or 5 or 6 or 7 or 8 or 9 || deviceState is not (0 or null);

    /// <summary><c>err</c> {errcode, key, value}: errcode 0 is none. A stale one may stay while idle (HA #125): it does not change the state.</summary>
    private static (string? Code, string? Message) ErrorOf(IReadOnlyDictionary<string, JsonElement> state)
    {
        if (!state.TryGetValue("err", out var err) || err.ValueKind != JsonValueKind.Object
            || Property(err, "errcode") is not { } codeElement || Integer(codeElement) is not { } code || code == 0)
        {
            return (null, null);
        }
        var key = Property(err, "key") is { } k ? Integer(k) : null;
        var value = Property(err, "value") is { } v ? Text(v) : null;
        var id = key is null or 0 ? $"{code}" : $"{code}-{key}";
        return (id, $"The printer reports error {code}{(key is null or 0 ? "" : $", key {key}")}{(string.IsNullOrEmpty(value) ? "" : $": {value}")}.");
    }

    /// <summary>Degrees, as the firmware's x/100 gives them; "" (booting) and anything not a number is null.</summary>
    private static double? Temperature(IReadOnlyDictionary<string, JsonElement> state, string key) =>
        Number(state, key) is { } t ? Math.Round(t, 2) : null;

    private static TimeSpan? Seconds(long? seconds) => seconds is { } s && s >= 0 && s < int.MaxValue ? TimeSpan.FromSeconds(s) : null;

    private static int? ToInt(long? value) => value is { } v && v >= 0 && v <= int.MaxValue ? (int)v : null;

    /// <summary>Every scalar the printer sent (fans, positions, rates, flags), plus the filament-box data.</summary>
    private static Dictionary<string, object?> RawFields(IReadOnlyDictionary<string, JsonElement> state)
    {
        var raw = new Dictionary<string, object?>();
        foreach (var pair in state)
        {
            var kind = pair.Value.ValueKind;
            if (kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                || NestedKeptInRaw.Contains(pair.Key) || pair.Key == "err")
            {
                raw[PrinterText.Clean(pair.Key)] = JsonValues.ToValue(pair.Value);
            }
        }
        return raw;
    }
}
