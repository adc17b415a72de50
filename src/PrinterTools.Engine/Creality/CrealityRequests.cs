using System;
using System.IO;
using System.Text;
using System.Text.Json;
using PrinterTools.Vendors;

namespace PrinterTools.Creality;

/// <summary>
/// Every frame PrinterTools sends a Creality printer, built here and nowhere else (creality.md
/// §2, §5, §6): <c>{"method":"get"|"set","params":{...}}</c> and the heartbeat. A request that is
/// not one of these cannot be sent.
/// </summary>
internal static class CrealityRequests
{
    /// <summary>The stored files: answered with retGcodeFileInfo2 or, on older K1 firmware, retGcodeFileInfo.</summary>
    public static string FileList() => Get("reqGcodeFile");

    /// <summary>The filament boxes (CFS), answered with boxsInfo.</summary>
    public static string Boxes() => Get("boxsInfo");

    /// <summary>The time-lapse videos, answered with elapseVideoList.</summary>
    public static string Timelapses() => Get("reqElapseVideoList");

    /// <summary>Starts a stored file; enableSelfTest goes first, as the firmware handles opGcodeFile last anyway.</summary>
    public static string Start(string printerPath, bool selfTest) => Set(w =>
    {
        w.WriteNumber("enableSelfTest", selfTest ? 1 : 0);
        w.WriteString("opGcodeFile", "printprt:" + printerPath);
    });

    /// <summary>opGcodeFile deleteprt: with the file's full path, which must start at the storage root (creality.md §6).</summary>
    public static string Delete(string printerPath) => Set(w => w.WriteString("opGcodeFile", "deleteprt:" + printerPath));

    /// <summary>One line of G-code; the printer sends no reply (§6).</summary>

    public static string Gcode(string line) => Set(w => w.WriteString("gcodeCmd", line));

    /// <summary>Pauses (1) or resumes (0) the job, as Creality Print and the web UI send it (§6); no reply.</summary>
    public static string Pause(bool pause) => Set(w => w.WriteNumber("pause", pause ? 1 : 0));

    /// <summary>Stops the job (§6): state 7, then 4 with the job's values latched; no reply.</summary>
    public static string Stop() => Set(w => w.WriteNumber("stop", 1));

    /// <summary>The light, 1 on or 0 off (§6); no reply, the pushed lightSw shows it.</summary>
    public static string Light(bool on) => Set(w => w.WriteNumber("lightSw", on ? 1 : 0));

    /// <summary>
    /// A heater's target in whole °C (§6): nozzleTempControl, bedTempControl for zone 0 (the whole bed of the
    /// single-zone models), boxTempControl on the K2 family. No reply; the pushed targets show it.
    /// </summary>
    public static string Temperature(PrinterHeater heater, int target) => Set(w =>
    {
        switch (heater)
        {
            case PrinterHeater.Nozzle:
                w.WriteNumber("nozzleTempControl", target);
                break;
            case PrinterHeater.Bed:
                w.WriteStartObject("bedTempControl");
                w.WriteNumber("num", 0);
                w.WriteNumber("val", target);
                w.WriteEndObject();
                break;
            default:
                w.WriteNumber("boxTempControl", target);
                break;
        }
    });

    /// <summary>
    /// A fan's speed as the G-code Creality Print sends (§6): M106 P0 the part (model) fan, P1 the case fan, P2 the
    /// auxiliary (side) fan, S on the 0 to 255 scale.
    /// </summary>
    public static string FanSpeed(PrinterFan fan, int percent) =>
        Gcode(FormattableString.Invariant($"M106 P{FanIndex(fan)} S{PrinterFans.ToPwm(percent)}"));

    private static int FanIndex(PrinterFan fan) => fan switch
    {
        PrinterFan.Model => 0,
        PrinterFan.Chamber => 1,
        _ => 2,
    };

    /// <summary>The status keys of a fan (§3): its speed in percent and its on/off flag.</summary>
    public static (string Percent, string Switch) FanKeys(PrinterFan fan) => fan switch
    {
        PrinterFan.Model => ("modelFanPct", "fan"),
        PrinterFan.Chamber => ("caseFanPct", "fanCase"),
        _ => ("auxiliaryFanPct", "fanAuxiliary"),
    };

    /// <summary>What the printer's own web UI sends every 5 s; the printer answers the text "ok".</summary>
    public static string Heartbeat(long unixMilliseconds) => Frame(w =>
    {
        w.WriteString("ModeCode", "heart_beat");
        w.WriteString("msg", unixMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    private static string Get(string key) => Frame(w =>
    {
        w.WriteString("method", "get");
        w.WriteStartObject("params");
        w.WriteNumber(key, 1);
        w.WriteEndObject();
    });

    private static string Set(Action<Utf8JsonWriter> parameters) => Frame(w =>
    {
        w.WriteString("method", "set");
        w.WriteStartObject("params");
        parameters(w);
        w.WriteEndObject();
    });

    private static string Frame(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
