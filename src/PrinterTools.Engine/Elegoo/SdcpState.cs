using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PrinterTools.Internal;

namespace PrinterTools.Elegoo;

/// <summary>
/// What a printer has said of itself so far: every status and attributes push merged into one
/// picture, key by key and nested objects within, since a push may carry only what changed.
/// Strings are cleaned as they arrive (JsonValues).
/// </summary>
internal sealed class SdcpState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, object?> _status = new();
    private readonly Dictionary<string, object?> _attributes = new();

    public void Merge(SdcpTopic topic, JsonElement pushed)
    {
        lock (_gate)
        {
            Merge(topic == SdcpTopic.Status ? _status : _attributes, pushed);
        }
    }

    /// <summary>A copy to read without the lock: pushes keep arriving while a status is mapped.</summary>
    public (Dictionary<string, object?> Status, Dictionary<string, object?> Attributes) Snapshot()
    {
        lock (_gate)
        {
            return (Copy(_status), Copy(_attributes));
        }
    }

    private static void Merge(Dictionary<string, object?> into, JsonElement pushed)
    {
        foreach (var property in pushed.EnumerateObject())
        {
            var name = PrinterText.Clean(property.Name);
            if (property.Value.ValueKind == JsonValueKind.Object && into.TryGetValue(name, out var existing) && existing is Dictionary<string, object?> nested)
            {
                Merge(nested, property.Value);
            }
            else
            {
                into[name] = JsonValues.ToValue(property.Value);
            }
        }
    }

    private static Dictionary<string, object?> Copy(Dictionary<string, object?> source) =>
        source.ToDictionary(p => p.Key, p => p.Value is Dictionary<string, object?> nested ? Copy(nested) : p.Value);
}
