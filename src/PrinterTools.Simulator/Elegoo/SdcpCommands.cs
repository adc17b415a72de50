using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// Which Cmds each family knows (notes §4) and the payload shapes it expects. The CC daemon crashes on anything
/// else (§3.7): the fake drops the socket for it, on both families, so a client's allow-list is tested.
/// </summary>
internal static class SdcpCommands
{
    // §4: spec commands plus the CC bundle's 134 (blackout status), 324 (CANVAS), 402 (home), 403 (settings).
    private static readonly HashSet<int> Carbon = new() { 0, 1, 64, 128, 129, 130, 131, 134, 192, 255, 258, 259, 320, 321, 324, 386, 387, 402, 403, 512 };

    // §4: the spec's resin set; 324 "never to resin", 403 is CC-only.
    private static readonly HashSet<int> Resin = new() { 0, 1, 64, 128, 129, 130, 131, 132, 133, 192, 255, 258, 259, 320, 321, 386, 387, 512 };

    public static bool IsKnown(ElegooFamily family, int cmd) => (family == ElegooFamily.Saturn4Ultra ? Resin : Carbon).Contains(cmd);

    /// <summary>
    /// The request's Data has the shape the notes give for <paramref name="cmd"/>: an object (absent or null only
    /// for 0, 1 and 64, as V1 clients send, §4), with known keys of the right JSON types.
    /// </summary>
    public static bool PayloadFits(int cmd, JsonElement data)
    {
        if (data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return cmd is 0 or 1 or 64;
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        return cmd switch
        {
            128 => Is(data, "Filename", JsonValueKind.String) && Optional(data, "StartLayer", JsonValueKind.Number)
                && new[] { "Calibration_switch", "PrintPlatformType", "Tlp_Switch" }.All(k => OptionalNumberOrBool(data, k))
                && Optional(data, "slot_map", JsonValueKind.Array),
            192 => Is(data, "Name", JsonValueKind.String),
            255 => Optional(data, "Uuid", JsonValueKind.String) && Optional(data, "FileName", JsonValueKind.String),
            258 => Optional(data, "Url", JsonValueKind.String),
            259 => StringArray(data, "FileList") && Optional(data, "FolderList", JsonValueKind.Array),
            321 => StringArray(data, "Id"),
            386 or 387 => OptionalNumberOrBool(data, "Enable"),
            403 => new[] { "TempTargetNozzle", "TempTargetHotbed", "TempTargetBox", "PrintSpeedPct" }.All(k => Optional(data, k, JsonValueKind.Number))
                && Optional(data, "LightStatus", JsonValueKind.Object) && Optional(data, "TargetFanSpeed", JsonValueKind.Object),
            512 => Optional(data, "TimePeriod", JsonValueKind.Number),
            _ => true,
        };
    }

    private static bool Is(JsonElement data, string key, JsonValueKind kind) =>
        data.TryGetProperty(key, out JsonElement value) && value.ValueKind == kind;

    private static bool Optional(JsonElement data, string key, JsonValueKind kind) =>
        !data.TryGetProperty(key, out JsonElement value) || value.ValueKind == kind;

    private static bool OptionalNumberOrBool(JsonElement data, string key) =>
        !data.TryGetProperty(key, out JsonElement value) || value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static bool StringArray(JsonElement data, string key) =>
        !data.TryGetProperty(key, out JsonElement value)
        || (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String));
}
