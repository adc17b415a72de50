using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// Cmd 320's <c>HistoryData</c> (task ids, newest first) and Cmd 321's <c>HistoryDetailList</c> (notes §4), the
/// keys of the spec and of s4u-v1.1.9-cmd321-history-detail.PARTIAL.txt, typo <c>CurrentLayerTalVolume</c> kept.
/// </summary>
internal static class SdcpHistoryJson
{
    public static void WriteIds(Utf8JsonWriter w, IReadOnlyList<HistoryTask> history)
    {
        w.WriteStartArray("HistoryData");
        foreach (HistoryTask task in history)
        {
            w.WriteStringValue(task.TaskId);
        }

        w.WriteEndArray();
    }

    /// <summary>The tasks asked for, in the order asked; unknown ids are left out.</summary>
    public static void WriteDetails(Utf8JsonWriter w, ElegooSnapshot p, int uploadPort, IReadOnlyList<HistoryTask> history, IEnumerable<string> ids)
    {
        w.WriteStartArray("HistoryDetailList");
        foreach (HistoryTask task in ids.Select(id => history.FirstOrDefault(t => t.TaskId == id)).OfType<HistoryTask>())
        {
            w.WriteStartObject();
            w.WriteString("Thumbnail", p.IsCarbon
                ? HistoryUrls.CarbonThumbnail(p.Address, uploadPort, task.TaskId)
                : HistoryUrls.ResinThumbnail(p.Address, task.TaskId));
            // The S4U names the file by its mount point (§6.2: /media/mmcblk0p3 internal); the CC by its plain name.
            w.WriteString("TaskName", p.IsCarbon ? task.FileName : "/media/mmcblk0p3/" + task.FileName);
            w.WriteNumber("BeginTime", task.Begin.ToUnixTimeSeconds());
            w.WriteNumber("EndTime", task.End.ToUnixTimeSeconds());
            w.WriteNumber("TaskStatus", task.TaskStatus);
            w.WriteStartObject("SliceInformation");
            w.WriteNumber("layer_height", p.IsCarbon ? 0.2 : 0.05);
            w.WriteNumber("total_layer_numbers", task.TotalLayers);
            w.WriteNumber("print_time", (long)(task.End - task.Begin).TotalSeconds);
            w.WriteString("machine_name", "ELEGOO " + p.MachineName);
            w.WriteEndObject();
            w.WriteNumber("AlreadyPrintLayer", task.PrintedLayers);
            w.WriteString("TaskId", task.TaskId);
            w.WriteString("MD5", Convert(task.FileName));
            w.WriteNumber("CurrentLayerTalVolume", 7.848);
            // §7.5 TimeLapseVideoStatus: 1 exists (the CC serves a stand-in mp4), 0 not shot (resin).
            w.WriteNumber("TimeLapseVideoStatus", p.IsCarbon ? 1 : 0);
            w.WriteString("TimeLapseVideoUrl", p.IsCarbon ? HistoryUrls.CarbonTimeLapse(p.Address, uploadPort, task.TaskId) : string.Empty);
            w.WriteNumber("ErrorStatusReason", 0);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Convert(string text) => System.Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
