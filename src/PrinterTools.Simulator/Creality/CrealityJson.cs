using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// JSON text the way the printer's json-c writes it: one compact object per frame with the keys in the order given,
/// values kept as raw JSON so a frame's keys can be compared one by one for the deltas (creality.md §2).
/// </summary>
internal static class CrealityJson
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One object of raw-JSON members.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> members) => Build(w =>
    {
        foreach ((string key, string raw) in members)
        {
            w.WritePropertyName(key);
            w.WriteRawValue(raw, skipInputValidation: true);
        }
    });

    /// <summary>One object written by <paramref name="writeMembers"/>.</summary>
    public static string Build(Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Relaxed))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A JSON string literal.</summary>
    public static string String(string value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Relaxed))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>§3: temperatures and other firmware floats are strings of <c>to_string(double)</c>, six decimals: <c>"29.890000"</c>.</summary>
    public static string SixDecimals(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>The same JSON with insignificant whitespace removed, number tokens kept exactly (for embedded fixtures).</summary>
    public static string Compact(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Relaxed))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
