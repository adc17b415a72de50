using System.Collections.Generic;
using System.Text.Json;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// Cmd 324's CANVAS data after the Ack (notes §4, key names as the CC bundle and elegoo-link have them): one
/// canvas, id 0, with its trays while a CANVAS is connected; an empty canvas_list and active tray -1 without one.
/// </summary>
internal static class SdcpCanvasJson
{
    public static void Write(Utf8JsonWriter w, ElegooSnapshot p)
    {
        w.WriteNumber("active_canvas_id", 0);
        w.WriteNumber("active_tray_id", p.CanvasConnected ? p.ActiveTray : -1);
        w.WriteBoolean("auto_refill", false);
        w.WriteStartArray("canvas_list");
        if (p.CanvasConnected)
        {
            w.WriteStartObject();
            w.WriteNumber("canvas_id", 0);
            w.WriteNumber("connected", 1);
            WriteTrays(w, p.CanvasTrays);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteTrays(Utf8JsonWriter w, IReadOnlyList<ElegooCanvasTray> trays)
    {
        w.WriteStartArray("tray_list");
        foreach (ElegooCanvasTray tray in trays)
        {
            (string code, int min, int max) = Filament(tray.FilamentType);
            w.WriteStartObject();
            w.WriteNumber("tray_id", tray.TrayId);
            w.WriteString("brand", "ELEGOO");
            w.WriteString("filament_type", tray.FilamentType);
            w.WriteString("filament_name", tray.FilamentName);
            w.WriteString("filament_code", code);
            w.WriteString("filament_color", tray.FilamentColor);
            w.WriteNumber("min_nozzle_temp", min);
            w.WriteNumber("max_nozzle_temp", max);
            w.WriteNumber("status", tray.Status);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // The notes give neither codes nor ranges: a made-up code per type and the nozzle ranges printed on Elegoo spools.
    private static (string Code, int Min, int Max) Filament(string type) => type.ToUpperInvariant() switch
    {
        "PLA" => ("0x0000", 190, 230),
        "PETG" => ("0x0100", 230, 260),
        "ABS" => ("0x0200", 240, 280),
        "TPU" => ("0x0300", 210, 240),
        _ => ("0xFFFF", 190, 260),
    };
}
