using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.FlashForge;

/// <summary>File names and upload headers of the HTTP 8898 API.</summary>
public static class FlashForgeHttpFiles
{
    /// <summary>
    /// The files of a /gcodeList reply: the 5M sends "gcodeList" (names only), the AD5X "gcodeListDetail"
    /// (objects with gcodeFileName, printingTime in seconds and the materials of gcodeToolDatas). Both hold only
    /// the 10 most recent files (notes §3.2).
    /// </summary>
    public static IReadOnlyList<PrinterFile> ParseFiles(JsonElement reply)
    {
        var files = new List<PrinterFile>();
        if (reply.TryGetProperty("gcodeListDetail", out var detail) && detail.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in detail.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("gcodeFileName", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    files.Add(new PrinterFile
                    {
                        FileName = PrinterText.Clean(name.GetString()!),
                        EstimatedTime = entry.TryGetProperty("printingTime", out var time) && time.ValueKind == JsonValueKind.Number
                            && time.TryGetInt32(out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
                        Material = Materials(entry),
                    });
                }
            }
        }
        else if (reply.TryGetProperty("gcodeList", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in list.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String)
                {
                    files.Add(new PrinterFile { FileName = PrinterText.Clean(name.GetString()!) });
                }
            }
        }
        return files;
    }

    /// <summary>The distinct materialName values of an AD5X entry's tools ("PLA", "PLA, PETG"), or null.</summary>
    private static string? Materials(JsonElement entry)
    {
        if (!entry.TryGetProperty("gcodeToolDatas", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var names = new List<string>();
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("materialName", out var material) && material.ValueKind == JsonValueKind.String
                && PrinterText.Clean(material.GetString()!).Trim() is { Length: > 0 } clean && !names.Contains(clean))
            {
                names.Add(clean);
            }
        }
        return names.Count == 0 ? null : string.Join(", ", names);
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

    /// <summary>POST /gcodeList: the (at most 10) most recent files.</summary>
    public static async Task<IReadOnlyList<PrinterFile>> ListAsync(FlashForgeConnectionOptions options, string serialNumber, CancellationToken cancel)
    {
        using var reply = await FlashForgeHttpClient.PostAsync(options, "gcodeList", serialNumber, cancel).ConfigureAwait(false);
        return ParseFiles(reply.RootElement);
    }

    /// <summary>POST /printGcode: starts a stored file. Firmware 3.1.3+ and the AD5X take the material-station fields too.</summary>
    public static async Task PrintAsync(FlashForgeConnectionOptions options, string serialNumber, string name, bool levelBed, bool newFirmware, CancellationToken cancel)
    {
        var fields = new Dictionary<string, object> { ["fileName"] = name, ["levelingBeforePrint"] = levelBed };
        if (newFirmware)
        {
            fields["flowCalibration"] = false;
            fields["useMatlStation"] = false;
            fields["gcodeToolCnt"] = 0;
            fields["materialMappings"] = Array.Empty<object>();
        }
        using var reply = await FlashForgeHttpClient.PostAsync(options, "printGcode", serialNumber, cancel, fields).ConfigureAwait(false);
    }

    /// <summary>POST /gcodeThumb: the stored file's thumbnail, a PNG sent as base64.</summary>
    public static async Task<byte[]> ThumbnailAsync(FlashForgeConnectionOptions options, string serialNumber, string name, CancellationToken cancel)
    {
        using var reply = await FlashForgeHttpClient.PostAsync(options, "gcodeThumb", serialNumber, cancel,
            new Dictionary<string, object> { ["fileName"] = name }).ConfigureAwait(false);
        if (!reply.RootElement.TryGetProperty("imageData", out var data) || data.ValueKind != JsonValueKind.String)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, options.Address, $"{options.Address}: the /gcodeThumb reply has no imageData.");
        }
        try
        {
            return Convert.FromBase64String(data.GetString()!);
        }
        catch (FormatException e)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, options.Address, $"{options.Address}: the thumbnail of '{name}' is not valid base64.", e);
        }
    }

    /// <summary>Firmware 3.1.3 and later (and every AD5X) take the newer /printGcode and upload fields (notes §3.2).</summary>
    public static bool IsNewFirmware(string? model, string? firmware)
    {
        if (model is not null && model.IndexOf("AD5X", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }
        var number = firmware?.Split('-')[0].TrimStart('v', 'V');
        return Version.TryParse(number, out var version) && version >= new Version(3, 1, 3);
    }

    // The printer's parser wants lower-case words (real capture), not .NET's "True".
    private static string Bool(bool value) => value ? "true" : "false";
}
