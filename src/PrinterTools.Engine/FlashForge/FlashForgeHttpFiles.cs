using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace PrinterTools.FlashForge;

/// <summary>File names and upload headers of the HTTP 8898 API.</summary>
public static class FlashForgeHttpFiles
{
    /// <summary>
    /// Names from a /gcodeList reply: the 5M sends "gcodeList" (names), the AD5X
    /// "gcodeListDetail" (objects with gcodeFileName). Both hold only the 10 most recent files.
    /// </summary>
    public static IReadOnlyList<string> ParseFileNames(JsonElement reply)
    {
        var names = new List<string>();
        if (reply.TryGetProperty("gcodeListDetail", out var detail) && detail.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in detail.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("gcodeFileName", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    names.Add(name.GetString()!);
                }
            }
        }
        else if (reply.TryGetProperty("gcodeList", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in list.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String)
                {
                    names.Add(name.GetString()!);
                }
            }
        }
        return names;
    }

    /// <summary>
    /// The option headers of POST /uploadGcode (credentials are added separately). Firmware 3.1.3+
    /// and the AD5X take the material-station headers; materialMappings is Base64 of a JSON array.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> UploadHeaders(long fileSize, bool printNow, bool levelBed, bool newFirmware, string materialMappingsJson = "[]")
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("fileSize", fileSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("printNow", Bool(printNow)),
            new("levelingBeforePrint", Bool(levelBed)),
        };
        if (newFirmware)
        {
            var mappings = JsonDocument.Parse(materialMappingsJson).RootElement;
            headers.Add(new("flowCalibration", "false"));
            headers.Add(new("useMatlStation", Bool(mappings.GetArrayLength() > 0)));
            headers.Add(new("gcodeToolCnt", mappings.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            headers.Add(new("materialMappings", Convert.ToBase64String(Encoding.UTF8.GetBytes(materialMappingsJson))));
        }
        return headers;
    }

    // The printer's parser wants lower-case words (real capture), not .NET's "True".
    private static string Bool(bool value) => value ? "true" : "false";
}
