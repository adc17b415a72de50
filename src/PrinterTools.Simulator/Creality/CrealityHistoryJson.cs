using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// <c>reqHistory</c> and <c>reqElapseVideoList</c> replies (creality.md §5), with the keys of
/// k2plus_ws_reply_reqHistory and k2plus_ws_reply_reqElapseVideoList; one time-lapse per ended job.
/// </summary>
internal static class CrealityHistoryJson
{
    public static string History(CrealitySnapshot p, IReadOnlyList<CrealityHistoryEntry> jobs, Func<string, long> sizeOf) => CrealityJson.Build(w =>
    {
        long usageTime = 0, usageMaterial = 0;
        foreach (CrealityHistoryEntry job in jobs)
        {
            usageTime += (long)job.Usage.TotalSeconds;
            usageMaterial += job.MaterialMm;
        }

        w.WriteNumber("totalJob", jobs.Count);
        w.WriteNumber("totalUsageTime", usageTime);
        w.WriteNumber("totalUsageMaterial", usageMaterial);
        w.WriteStartArray("historyList");
        foreach (CrealityHistoryEntry job in jobs)
        {
            w.WriteStartObject();
            w.WriteString("dateTime", DateTime(job.Start));
            w.WriteNumber("id", job.Id);
            w.WriteString("filename", p.Defaults.GcodeFolder + job.FileName);
            w.WriteNumber("size", sizeOf(job.FileName));
            w.WriteNumber("ctime", job.Start.ToUnixTimeSeconds());
            w.WriteNumber("starttime", job.Start.ToUnixTimeSeconds());
            w.WriteNumber("startway", 1);
            w.WriteNumber("usagetime", (long)job.Usage.TotalSeconds);
            w.WriteNumber("usagematerial", job.MaterialMm);
            w.WriteNumber("printfinish", job.Finished ? 1 : 0);
            w.WriteString("thumbnail", $"{p.Defaults.HistoryThumbnailFolder}{job.Id}.png");
            w.WriteString("filemd5", Md5(job.FileName));
            w.WriteBoolean("ismulticolor", false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static string ElapseVideos(CrealitySnapshot p, IReadOnlyList<CrealityHistoryEntry> jobs, Func<string, long> sizeOf) => CrealityJson.Build(w =>
    {
        w.WriteStartArray("elapseVideoList");
        foreach (CrealityHistoryEntry job in jobs)
        {
            w.WriteStartObject();
            w.WriteString("dateTime", DateTime(job.Start));
            w.WriteString("name", p.Defaults.GcodeFolder + job.FileName);
            w.WriteNumber("id", job.Id);
            w.WriteString("video", p.Defaults.VideoFolder + job.VideoName);
            w.WriteNumber("size", sizeOf(job.FileName));
            w.WriteNumber("duration", 5);
            w.WriteString("cover", $"{p.Defaults.VideoCoverFolder}{job.Id}.png");
            w.WriteNumber("starttime", job.Start.ToUnixTimeSeconds());
            w.WriteNumber("printtime", (long)job.Usage.TotalSeconds);
            w.WriteNumber("location", 0);
            w.WriteNumber("interval", 1);
            w.WriteNumber("render", 15);
            w.WriteString("gcodename", job.FileName);
            w.WriteString("videoname", job.VideoName);
            w.WriteString("printId", Md5($"print {job.Id}"));
            w.WriteNumber("upload", 1);
            w.WriteString("videoid", Md5($"video {job.Id}"));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    // The fixture's "yyyy-MM-dd hh:mm:ss" placeholder, filled in 24-hour form (INFERRED).
    private static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // The fixtures anonymise these as "file_id_md5" etc.: an MD5 of something stable stands in.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
