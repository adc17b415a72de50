using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.FlashForge;

/// <summary>
/// Reads one FlashForge printer's status: over HTTP /detail when a check code is given and the
/// model serves HTTP (connect and one POST), otherwise over the TCP console without taking
/// control. Each console command is a round trip and only one may be in flight, so the console
/// read asks only what it does not know: M115 only when the name and model are not known from
/// discovery (or a saved inventory), M27 only when M119 says a job is there to report on.
/// </summary>
public static class FlashForgeStatusReader
{
    /// <param name="deliver">Told the status as soon as the last reading is in, before the connection is released.</param>
    public static async Task<PrinterStatus> ReadAsync(FlashForgeConnectionOptions options, CancellationToken cancel, Action<PrinterStatus>? deliver = null)
    {
        if (options.Credential is null)
        {
            return await ReadOverTcpAsync(options, cancel, deliver).ConfigureAwait(false);
        }
        var serial = await FlashForgeJobs.SerialNumberAsync(options, cancel).ConfigureAwait(false);
        var detail = await FlashForgeHttpClient.TryGetDetailAsync(options, serial, cancel).ConfigureAwait(false);
        if (detail is not { } found)
        {
            return await ReadOverTcpAsync(options.WithoutCredential(), cancel, deliver).ConfigureAwait(false);
        }
        var status = FromDetail(options.Address, found, DateTime.Now);
        deliver?.Invoke(status);
        return status;
    }

    /// <summary>M115 (unless known), M119, M27 (with a job), M105, without taking control; the whole read within -Timeout.</summary>
    public static Task<PrinterStatus> ReadOverTcpAsync(FlashForgeConnectionOptions options, CancellationToken cancel, Action<PrinterStatus>? deliver = null) =>
        FlashForgeConsole.ReadAsync(options, "a status read", cancel, async (tcp, token) =>
        {
            var identity = KnownIdentity(options.Known)
                ?? await FlashForgeConsole.MachineInfoAsync(tcp, options.Timeout, token).ConfigureAwait(false);
            var machine = FlashForgeTextParser.ParseMachineState(await tcp.SendAsync("M119", options.Timeout, token).ConfigureAwait(false));
            var progress = HasJob(machine)
                ? FlashForgeTextParser.ParseProgress(await tcp.SendAsync("M27", options.Timeout, token).ConfigureAwait(false))
                : null;
            var temps = FlashForgeTextParser.ParseTemperatures(await tcp.SendAsync("M105", options.Timeout, token).ConfigureAwait(false));
            return FromConsole(options.Address, identity, machine, progress, temps, DateTime.Now);
        }, deliver);

    /// <summary>
    /// What M115 would say, from a piped printer that names its model: discovery read it from the
    /// printer (UDP reply and M115), a saved inventory from discovery. Null when either is missing.
    /// </summary>
    private static FlashForgeMachineInfo? KnownIdentity(PrinterInfo? known) =>
        known is { Vendor: PrinterVendor.FlashForge } && !string.IsNullOrEmpty(known.Name) && !string.IsNullOrEmpty(known.Model)
            ? new FlashForgeMachineInfo(MachineType: null, known.Name, known.Firmware, known.SerialNumber, known.MacAddress, BuildVolume: null, ToolCount: null)
            {
                KnownModel = known.Model,
            }
            : null;

    /// <summary>Only a printing, paused or just completed job has progress to report; M27 is not asked otherwise.</summary>
    private static bool HasJob(FlashForgeMachineState machine) => IsActive(FlashForgeStateMap.FromMachineStatus(machine.MachineStatus, machine.MoveMode));

    private static bool IsActive(PrinterState state) => state is PrinterState.Printing or PrinterState.Pausing or PrinterState.Paused or PrinterState.Completed;

    /// <summary>Combines the console replies into one status; <paramref name="progress"/> is null when M27 was not asked.</summary>
    public static PrinterStatus FromConsole(string address, FlashForgeMachineInfo info, FlashForgeMachineState machine,
        FlashForgeProgress? progress, FlashForgeTemperatures temps, DateTime timestamp)
    {
        var state = FlashForgeStateMap.FromMachineStatus(machine.MachineStatus, machine.MoveMode);
        var active = IsActive(state);
        var raw = new Dictionary<string, object?>
        {
            ["MachineType"] = info.MachineType,
            ["SerialNumber"] = info.SerialNumber,
            ["Firmware"] = info.Firmware,
            ["MacAddress"] = info.MacAddress,
            ["BuildVolume"] = info.BuildVolume,
            ["MachineStatus"] = machine.MachineStatus,
            ["MoveMode"] = machine.MoveMode,
            ["Endstop"] = machine.Endstop,
            ["StatusFlags"] = machine.StatusFlags,
            ["SecondNozzleTemperature"] = temps.SecondNozzle,
            ["SecondNozzleTargetTemperature"] = temps.SecondNozzleTarget,
            ["ProgressDone"] = progress?.Done,
            ["ProgressTotal"] = progress?.Total,
        };
        return new PrinterStatus
        {
            Name = info.Name ?? address,
            Address = address,
            Vendor = PrinterVendor.FlashForge,
            Model = info.Model,
            State = state,
            FileName = machine.CurrentFile,
            // An idle printer still says "byte 0/100"; progress means something only with a job.
            Progress = active ? progress?.Percent : null,
            CurrentLayer = active ? progress?.Layer : null,
            TotalLayers = active ? progress?.TotalLayers : null,
            NozzleTemperature = temps.Nozzle,
            NozzleTargetTemperature = temps.NozzleTarget,
            BedTemperature = temps.Bed,
            BedTargetTemperature = temps.BedTarget,
            LightOn = machine.LedOn,
            Timestamp = timestamp,
            Raw = PrinterStatus.ToRaw(raw),
        };
    }

    /// <summary>Maps HTTP /detail (units per the official header: seconds, 0..1 progress, degrees C).</summary>
    public static PrinterStatus FromDetail(string address, JsonElement detail, DateTime timestamp)
    {
        var state = FlashForgeStateMap.FromHttpStatus(Text(detail, "status"));
        var active = state is not (PrinterState.Idle or PrinterState.Unknown or PrinterState.Busy);
        var progress = Number(detail, "printProgress");
        var totalLayers = Number(detail, "targetPrintLayer");
        var pid = Number(detail, "pid");
        var chamber = Number(detail, "chamberTemp");
        var errorCode = Text(detail, "errorCode");
        return new PrinterStatus
        {
            Name = Text(detail, "name") ?? address,
            Address = address,
            Vendor = PrinterVendor.FlashForge,
            Model = (pid is >= 0 and <= ushort.MaxValue ? FlashForgeModels.FromProductId((int)pid.Value, modern: true) : null) ?? Text(detail, "model"),
            State = state,
            FileName = active ? Text(detail, "printFileName") : null,
            Progress = active && progress is not null ? Math.Round(Math.Min(1, Math.Max(0, progress.Value)) * 100, 1) : null,
            CurrentLayer = active && totalLayers > 0 ? Layer(Number(detail, "printLayer")) : null,
            TotalLayers = active && totalLayers > 0 ? Layer(totalLayers) : null,
            Elapsed = active ? Seconds(Number(detail, "printDuration")) : null,
            Remaining = active ? Seconds(Number(detail, "estimatedTime")) : null,
            NozzleTemperature = Number(detail, "rightTemp"),
            NozzleTargetTemperature = Number(detail, "rightTargetTemp"),
            BedTemperature = Number(detail, "platTemp"),
            BedTargetTemperature = Number(detail, "platTargetTemp"),
            // A Creator 5 without a chamber sends -108: that is "not reported", not a temperature.
            ChamberTemperature = chamber is < -100 ? null : chamber,
            ChamberTargetTemperature = chamber is < -100 ? null : Number(detail, "chamberTargetTemp"),
            LightOn = Text(detail, "lightStatus") switch { "open" => true, "close" => false, _ => null },
            ErrorCode = string.IsNullOrEmpty(errorCode) ? null : errorCode,
            Timestamp = timestamp,
            Raw = PrinterStatus.ToRaw(JsonValues.ToDictionary(detail)),
        };
    }

    private static int? Layer(double? value) => value is null || value < 0 || value > int.MaxValue ? null : (int)value.Value;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? PrinterText.CleanOrNull(v.GetString()) : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>A duration in seconds; a negative or absurd one (over a year) is not reported.</summary>
    private static TimeSpan? Seconds(double? s) => s is null || s < 0 || s > 366 * 24 * 3600 ? null : TimeSpan.FromSeconds(Math.Round(s.Value));
}
