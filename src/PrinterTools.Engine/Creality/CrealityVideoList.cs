using System;
using System.Linq;
using System.Text.Json;
using PrinterTools.Vendors;
using static PrinterTools.Creality.CrealityValues;

namespace PrinterTools.Creality;

/// <summary>The answer to reqElapseVideoList (creality.md §5): the time-lapse videos, each naming the file it recorded.</summary>
internal static class CrealityVideoList
{
    public const string ReplyKey = "elapseVideoList";

    /// <summary>The file name (under /downloads/video/) of the newest video of <paramref name="fileName"/>, or null.</summary>
    public static string? NewestVideoOf(JsonElement list, string fileName) =>
        list.ValueKind != JsonValueKind.Array ? null : list.EnumerateArray()
            .Where(v => v.ValueKind == JsonValueKind.Object && PrintedFile(v) is { } printed
                && PrinterFileName.FromPrinterPath(printed).Equals(fileName, StringComparison.Ordinal))
            .OrderByDescending(v => Property(v, "starttime") is { } t ? Integer(t) ?? 0 : 0)
            .Select(VideoName)
            .FirstOrDefault(v => v is { Length: > 0 });

    /// <summary>gcodename, else the full path in name.</summary>
    private static string? PrintedFile(JsonElement video) =>
        (Property(video, "gcodename") is { } g ? Text(g) : null) is { Length: > 0 } gcode ? gcode
            : Property(video, "name") is { } n ? Text(n) : null;

    /// <summary>videoname, else the last part of the video's path; never a path.</summary>
    private static string? VideoName(JsonElement video)
    {
        var name = (Property(video, "videoname") is { } vn ? Text(vn) : null) is { Length: > 0 } given ? given
            : Property(video, "video") is { } path && Text(path) is { Length: > 0 } p ? p : null;
        return name is null ? null : PrinterFileName.FromPrinterPath(name);
    }
}
