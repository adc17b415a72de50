using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace PrinterTools.Creality;

/// <summary>
/// Values read from Creality frames whatever their wire type: firmware sends temperatures as
/// strings with six decimals ("29.890000", "" while booting), most others as numbers, and some
/// builds swap the two (creality.md §3). A value that is neither a number nor a numeric string is null.
/// </summary>
internal static class CrealityValues
{
    public static double? Number(IReadOnlyDictionary<string, JsonElement> from, string key) =>
        from.TryGetValue(key, out var value) ? Number(value) : null;

    public static double? Number(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out var d) && !double.IsNaN(d) && !double.IsInfinity(d) ? d : null;
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    && !double.IsNaN(parsed) && !double.IsInfinity(parsed) ? parsed : null;
            default:
                return null;
        }
    }

    public static long? Integer(IReadOnlyDictionary<string, JsonElement> from, string key) =>
        from.TryGetValue(key, out var value) ? Integer(value) : null;

    public static long? Integer(JsonElement value) =>
        Number(value) is { } d && d >= long.MinValue && d <= long.MaxValue && d == System.Math.Floor(d) ? (long)d : null;

    /// <summary>A string (cleaned of control characters), or a number's text; null for anything else.</summary>
    public static string? Text(IReadOnlyDictionary<string, JsonElement> from, string key) =>
        from.TryGetValue(key, out var value) ? Text(value) : null;

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => PrinterText.Clean(value.GetString()!),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>A property of an object element, or null.</summary>
    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : null;
}
