using System.Collections.Generic;
using System.Text.Json;

namespace PrinterTools.Internal;

/// <summary>JSON to plain .NET values (string, long, double, bool, lists, dictionaries) for Raw.</summary>
internal static class JsonValues
{
    public static Dictionary<string, object?> ToDictionary(JsonElement obj)
    {
        var result = new Dictionary<string, object?>();
        foreach (var p in obj.EnumerateObject())
        {
            result[PrinterText.Clean(p.Name)] = ToValue(p.Value);
        }
        return result;
    }

    public static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => PrinterText.Clean(e.GetString()!),
        // Boxed apart: a conditional of long and double would make every number a double.
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => ToDictionary(e),
        JsonValueKind.Array => ToList(e),
        JsonValueKind.Null => null,
        _ => e.GetRawText(),
    };

    private static List<object?> ToList(JsonElement array)
    {
        var list = new List<object?>();
        foreach (var item in array.EnumerateArray())
        {
            list.Add(ToValue(item));
        }
        return list;
    }
}
