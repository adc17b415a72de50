using System;
using System.Collections.Generic;
using System.Text.Json;
using PrinterTools.Vendors;

namespace PrinterTools.Elegoo;

/// <summary>
/// Cmd 258's FileList (notes §4): entries of type 1 are files, type 0 folders; "name" carries the "/local/" prefix.
/// The Centauri Carbon adds CreateTime (epoch s), FileSize (bytes) and TotalLayers; resin printers list name and
/// type only, so the rest stays null there.
/// </summary>
internal static class SdcpFileList
{
    /// <summary>The files of a payload, or null when it has no FileList array.</summary>
    public static List<PrinterFile>? Parse(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("FileList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var files = new List<PrinterFile>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || SdcpFrame.Text(item, "name") is not { Length: > 0 } entry || SdcpFrame.Int(item, "type") == 0)
            {
                continue;
            }
            files.Add(new PrinterFile
            {
                FileName = PrinterFileName.FromPrinterPath(entry),
                NameAltered = PrinterFileName.IsAltered(entry),
                Size = Long(item, "FileSize") is { } size && size >= 0 ? size : null,
                Modified = Long(item, "CreateTime") is { } created && created > 0 && created < 253402300799L
                    ? DateTimeOffset.FromUnixTimeSeconds(created).LocalDateTime : null,
                Layers = SdcpFrame.Int(item, "TotalLayers") is { } layers && layers > 0 ? layers : null,
            });
        }
        return files;
    }

    private static long? Long(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
