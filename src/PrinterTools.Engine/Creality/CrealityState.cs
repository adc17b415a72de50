using System;
using System.Collections.Generic;
using System.Text.Json;

namespace PrinterTools.Creality;

/// <summary>What one text frame from a Creality printer was.</summary>
internal enum CrealityFrameKind
{
    /// <summary>Merged into the state: the full dump, a delta, or a reply to a get.</summary>
    Merged,
    /// <summary>"ok", the answer to our heartbeat.</summary>
    HeartbeatReply,
    /// <summary>A heartbeat from the printer, which is answered "ok" as the printer answers ours.</summary>
    Heartbeat,
    NotJson,
    NotObject,
}

/// <summary>
/// A Creality printer's attributes, merged frame by frame (creality.md §2): the first frame is
/// the full dump, every later one a partial object whose keys replace the ones held. Replies to
/// get requests are frames too, told apart only by their top-level key. Not thread-safe: the
/// channel holds it under its lock.
/// </summary>
internal sealed class CrealityState
{
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>Frames merged so far.</summary>
    public int Frames { get; private set; }

    public CrealityFrameKind Accept(string text)
    {
        var trimmed = text.Trim();
        if (trimmed == "ok")
        {
            return CrealityFrameKind.HeartbeatReply;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(trimmed);
        }
        catch (JsonException)
        {
            return CrealityFrameKind.NotJson;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return CrealityFrameKind.NotObject;
            }
            // Any JSON with a string ModeCode is a heartbeat to the firmware (§2).
            if (root.TryGetProperty("ModeCode", out var mode) && mode.ValueKind == JsonValueKind.String)
            {
                return CrealityFrameKind.Heartbeat;
            }
            foreach (var property in root.EnumerateObject())
            {
                _values[property.Name] = property.Value.Clone();
                _seen[property.Name] = Seen(property.Name) + 1;
            }
            Frames++;
            return CrealityFrameKind.Merged;
        }
    }

    /// <summary>How many frames carried <paramref name="key"/>.</summary>
    public int Seen(string key) => _seen.TryGetValue(key, out var count) ? count : 0;

    public JsonElement this[string key] => _values[key];

    public Dictionary<string, JsonElement> Snapshot() => new(_values, StringComparer.Ordinal);
}
