using System;
using System.Globalization;
using System.Text.Json;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The <c>"Status"</c> member of a status push, per family as the captures show it: CC as
/// cc-2025-05-status-printing.json (typo <c>CurrenCoord</c>, s ticks, Progress), resin as
/// s4u-v1.1.9-status-push-*.json (TempOfUVLED, ms ticks, no Progress). Faults bend it here.
/// </summary>
internal static class SdcpStatusJson
{
    /// <summary>Padding of the HugeFrame fault: the frame ends up just over 10 MB.</summary>
    public const int HugePadding = 10 * 1024 * 1024;

    /// <param name="wrongShape">Which bent shape WrongShapeStatus uses this time: 0 string, 1 array, 2 wrong types.</param>
    public static void Write(Utf8JsonWriter w, ElegooSnapshot p, SdcpJobCodes codes, int wrongShape, bool huge)
    {
        if (p.Fault == ElegooFault.WrongShapeStatus)
        {
            WriteWrongShape(w, p, codes, wrongShape % 3);
            return;
        }

        if (p.Fault == ElegooFault.UnknownStatusCodes)
        {
            codes = codes with { Machine = 77, Print = 99 };
        }

        w.WritePropertyName("Status");
        WriteObject(w, p, codes, huge);
    }

    private static void WriteObject(Utf8JsonWriter w, ElegooSnapshot p, SdcpJobCodes codes, bool huge)
    {
        w.WriteStartObject();
        WriteMembers(w, p, codes, huge);
        w.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter w, ElegooSnapshot p, SdcpJobCodes codes, bool huge)
    {
        if (p.IsCarbon)
        {
            WriteCarbon(w, p, codes);
        }
        else
        {
            WriteResin(w, p, codes);
        }

        if (huge)
        {
            w.WriteString("Padding", new string('x', HugePadding));
        }
    }

    private static void WriteCarbon(Utf8JsonWriter w, ElegooSnapshot p, SdcpJobCodes codes)
    {
        bool busy = codes.Machine == 1;
        w.WriteIntArray("CurrentStatus", codes.Machine);
        w.WriteNumber("TimeLapseStatus", p.TimeLapse ? 1 : 0);
        w.WriteNumber("PlatFormType", 0);
        if (p.CanvasConnected)
        {
            w.WriteNumber("AmsConnectStatus", 1); // §7.1; both CC captures (no CANVAS) leave it out, so do we then
        }

        w.WriteNumber("TempOfHotbed", p.BedTemperature);
        w.WriteNumber("TempOfNozzle", p.NozzleTemperature);
        w.WriteNumber("TempOfBox", p.ChamberTemperature);
        w.WriteNumber("TempTargetHotbed", p.BedTarget);
        w.WriteNumber("TempTargetNozzle", p.NozzleTarget);
        w.WriteNumber("TempTargetBox", p.ChamberTarget);
        // "x,y,z" as a string, the key misspelt as on the wire (§7.1).
        double z = 0.2 * (codes.CurrentLayer + 1);
        w.WriteString("CurrenCoord", string.Create(CultureInfo.InvariantCulture, $"{(busy ? 101.81 : 202.00):0.00},{(busy ? 191.49 : 264.50):0.00},{z:0.00}"));
        w.WriteStartObject("CurrentFanSpeed");
        w.WriteNumber("ModelFan", p.ModelFan);
        w.WriteNumber("AuxiliaryFan", p.AuxiliaryFan);
        w.WriteNumber("BoxFan", p.BoxFan);
        w.WriteEndObject();
        w.WriteNumber("ZOffset", 1e-14);
        w.WriteStartObject("LightStatus");
        w.WriteNumber("SecondLight", p.LightOn ? 1 : 0);
        w.WriteIntArray("RgbLight", 0, 0, 0);
        w.WriteEndObject();
        w.WriteStartObject("PrintInfo");
        w.WriteNumber("Status", codes.Print);
        w.WriteNumber("CurrentLayer", codes.CurrentLayer);
        w.WriteNumber("TotalLayer", codes.TotalLayers);
        // §7.2: seconds; CurrentTicks a float, TotalTicks a whole number.
        w.WriteNumber("CurrentTicks", codes.Progress * p.JobLength.TotalSeconds);
        w.WriteNumber("TotalTicks", codes.TicksKnown ? (long)p.JobLength.TotalSeconds : 0);
        w.WriteString("Filename", codes.Filename);
        w.WriteString("TaskId", codes.TaskId);
        w.WriteNumber("PrintSpeedPct", p.PrintSpeedPercent);
        w.WriteNumber("Progress", (int)Math.Floor(codes.Progress * 100 + 1e-9));
        w.WriteEndObject();
    }

    private static void WriteResin(Utf8JsonWriter w, ElegooSnapshot p, SdcpJobCodes codes)
    {
        w.WriteIntArray("CurrentStatus", codes.Machine);
        // Screen time (s) and release-film count grow with the layers, as a worn machine's would.
        w.WriteNumber("PrintScreen", 3000.482005245209 + 2.5 * codes.CurrentLayer);
        w.WriteNumber("ReleaseFilm", 1000 + codes.CurrentLayer);
        w.WriteNumber("TempOfUVLED", p.UvLedTemperature);
        w.WriteNumber("TimeLapseStatus", p.TimeLapse ? 1 : 0);
        if (p.TankTemperature is double tank)
        {
            w.WriteNumber("TempOfTank", tank);
            w.WriteNumber("TempTargetTank", p.TankTarget ?? 0);
        }

        w.WriteStartObject("PrintInfo");
        w.WriteNumber("Status", codes.Print);
        w.WriteNumber("CurrentLayer", codes.CurrentLayer);
        w.WriteNumber("TotalLayer", codes.TotalLayers);
        // §7.2: milliseconds, whole numbers.
        long total = codes.TicksKnown ? (long)p.JobLength.TotalMilliseconds : 0;
        w.WriteNumber("CurrentTicks", codes.TicksKnown ? (long)(codes.Progress * p.JobLength.TotalMilliseconds) : 0);
        w.WriteNumber("TotalTicks", total);
        w.WriteNumber("ErrorNumber", 0);
        w.WriteString("Filename", codes.Filename);
        w.WriteString("TaskId", codes.TaskId);
        w.WriteEndObject();
    }

    /// <summary>WrongShapeStatus: the status double-encoded as a string, wrapped in an array, or with wrongly typed fields.</summary>
    private static void WriteWrongShape(Utf8JsonWriter w, ElegooSnapshot p, SdcpJobCodes codes, int shape)
    {
        switch (shape)
        {
            case 0:
                w.WriteString("Status", SdcpJson.Build(inner => WriteMembers(inner, p, codes, huge: false)));
                break;
            case 1:
                w.WriteStartArray("Status");
                WriteObject(w, p, codes, huge: false);
                w.WriteEndArray();
                break;
            default:
                w.WriteStartObject("Status");
                w.WriteString("CurrentStatus", codes.Machine.ToString(CultureInfo.InvariantCulture));
                w.WriteStartObject("PrintInfo");
                w.WriteString("Status", codes.Print.ToString(CultureInfo.InvariantCulture));
                w.WriteString("CurrentLayer", "layer " + codes.CurrentLayer.ToString(CultureInfo.InvariantCulture));
                w.WriteNull("TotalLayer");
                w.WriteString("CurrentTicks", "143.2s");
                w.WriteBoolean("TotalTicks", true);
                w.WriteNumber("Filename", 42);
                w.WriteStartArray("TaskId");
                w.WriteEndArray();
                w.WriteString("Progress", "40%");
                w.WriteEndObject();
                w.WriteEndObject();
                break;
        }
    }
}
