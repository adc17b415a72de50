using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using PrinterTools.Vendors;
using static PrinterTools.Creality.CrealityValues;

namespace PrinterTools.Creality;

/// <summary>One stored file as the printer lists it; what an entry lacks is null.</summary>
internal sealed class CrealityStoredFile
{
    public string Name { get; init; } = "";
    /// <summary>The full path on the printer, which a start names (only a clean absolute path is kept).</summary>
    public string? PrinterPath { get; init; }
    public long? Size { get; init; }
    public DateTime? Created { get; init; }
    /// <summary>The thumbnail's path on the printer (in a "humbnail" folder: the firmware's spelling).</summary>
    public string? ThumbnailPath { get; init; }
    public TimeSpan? EstimatedTime { get; init; }
    public string? Material { get; init; }
    /// <summary>The printer's own name had control characters, cleaned out of Name (see <see cref="PrinterFileName.IsAltered"/>).</summary>
    public bool NameAltered { get; init; }
}

/// <summary>
/// The answer to reqGcodeFile (creality.md §5): a <c>retGcodeFileInfo2</c> array of objects on the
/// K2 family and newer K1 firmware, or on older K1 firmware <c>retGcodeFileInfo.fileInfo</c>, one
/// string of entries separated by ';', each "dir:name:size:floorHeight/100:create_time:consumables:thumbnail".
/// Entries without a name are left out; a field that is missing or not a number is null.
/// </summary>
internal static class CrealityFileList
{
    public const string ListKey = "retGcodeFileInfo2";
    public const string LegacyListKey = "retGcodeFileInfo";

    public static IReadOnlyList<string> ReplyKeys { get; } = new[] { ListKey, LegacyListKey };

    /// <summary>Null when <paramref name="value"/> is not a file list of the kind its key says.</summary>
    public static List<CrealityStoredFile>? Parse(string key, JsonElement value) => key switch
    {
        ListKey when value.ValueKind == JsonValueKind.Array => value.EnumerateArray().Select(FromObject).Where(f => f is not null).Select(f => f!).ToList(),
        LegacyListKey when Property(value, "fileInfo") is { ValueKind: JsonValueKind.String } text => ParseLegacy(text.GetString()!),
        // No file on the printer: some builds send the key with an empty value.
        LegacyListKey when Property(value, "fileInfo") is null or { ValueKind: JsonValueKind.Null } && Property(value, "totalNum") is { } total && Integer(total) == 0
            => new List<CrealityStoredFile>(),
        _ => null,
    };

    private static CrealityStoredFile? FromObject(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object || Property(entry, "name") is not { } nameValue || Text(nameValue) is not { Length: > 0 } name)
        {
            return null;
        }
        // type 8 is a G-code file (all that was seen); a folder would carry another type.
        return new CrealityStoredFile
        {
            Name = PrinterFileName.FromPrinterPath(name),
            NameAltered = PrinterFileName.IsAltered(name),
            PrinterPath = CleanPath(Property(entry, "path") is { } path ? Text(path) : null, name),
            Size = Property(entry, "file_size") is { } size ? Integer(size) : null,
            Created = Property(entry, "create_time") is { } created ? UnixTime(Integer(created)) : null,
            ThumbnailPath = Property(entry, "thumbnail") is { } thumbnail ? Text(thumbnail) : null,
            EstimatedTime = Property(entry, "timeCost") is { } cost && Integer(cost) is { } seconds && seconds > 0 && seconds < int.MaxValue ? TimeSpan.FromSeconds(seconds) : null,
            Material = Property(entry, "material") is { } material && Text(material) is { Length: > 0 } m ? m : null,
        };
    }

    private static List<CrealityStoredFile> ParseLegacy(string text)
    {
        var files = new List<CrealityStoredFile>();
        foreach (var entry in text.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = entry.Split(':');
            if (fields.Length < 2)
            {
                continue;
            }
            // dir:name:size:floorHeight:create_time:consumables:thumbnail. A name with ':' in it
            // takes the fields between dir and the last five; a short entry has what it has.
            var extra = Math.Max(0, fields.Length - 7);
            var raw = string.Join(":", fields.Skip(1).Take(1 + extra));
            var name = PrinterText.Clean(raw).Trim();
            if (name.Length == 0)
            {
                continue;
            }
            string? Field(int index) => index + extra < fields.Length && fields[index + extra].Trim() is { Length: > 0 } f ? PrinterText.Clean(f) : null;
            var dir = PrinterText.Clean(fields[0]).Trim();
            files.Add(new CrealityStoredFile
            {
                Name = PrinterFileName.FromPrinterPath(name),
                NameAltered = PrinterFileName.IsAltered(raw),
                PrinterPath = CleanPath(dir.Length == 0 ? null : dir.TrimEnd('/') + "/" + name, name),
                Size = LongOf(Field(2)),
                Created = UnixTime(LongOf(Field(4))),
                ThumbnailPath = Field(6),
            });
        }
        return files;
    }

    private static long? LongOf(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTime? UnixTime(long? seconds) =>
        seconds is { } s && s > 0 && s < 253402300799L ? DateTimeOffset.FromUnixTimeSeconds(s).LocalDateTime : null;

    /// <summary>An absolute path without '..' that ends with the file's own name, or null: only such a path is sent back in a start.</summary>
    private static string? CleanPath(string? path, string name)
    {
        if (path is not { Length: > 1 } p || p[0] != '/' || p.Split('/').Any(part => part == "..")
            || !p.EndsWith("/" + PrinterFileName.FromPrinterPath(name), StringComparison.Ordinal))
        {
            return null;
        }
        return p;
    }
}
