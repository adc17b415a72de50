using System;
using System.Text.Json;

namespace PrinterTools.Simulator.Http;

/// <summary>
/// The /detail reply: fields, units and number shapes of the real 5M Pro fw2.7.2 capture (notes §3.3),
/// values from the printer's state. Keys are in the capture's (author-sorted) order.
/// </summary>
internal static class DetailReply
{
    public static byte[] Build(PrinterSnapshot p, int httpPort, int cameraPort) => JsonText.Object(w =>
    {
        bool printing = p.State == VirtualJobState.Printing;
        double progress = p.HasJob ? p.ProgressPercent / 100.0 : 0.0;
        string ip = p.Address.ToString();

        w.WriteNumber("code", 0);
        w.WriteStartObject("detail");
        w.WriteString("autoShutdown", "close");
        w.WriteNumber("autoShutdownTime", 30);
        // The 5M Pro's built-in camera, as in the 2.7.2 capture (§3.2 camera row); served by Camera/CameraServer.
        w.WriteString("cameraStreamUrl", $"http://{ip}:{cameraPort}/?action=stream");
        w.WriteNumber("chamberFanSpeed", p.ChamberFan);
        // Chamber values are JSON integers in the capture, unlike the nozzle and bed ones.
        w.WriteNumber("chamberTargetTemp", (int)Math.Round(p.ChamberTarget));
        w.WriteNumber("chamberTemp", (int)Math.Round(p.ChamberTemperature));
        w.WriteNumber("coolingFanSpeed", p.CoolingFan);
        w.WriteFloat("cumulativeFilament", 1582.89501953125); // metres (§3.3)
        w.WriteNumber("cumulativePrintTime", 8810); // minutes (§3.3)
        w.WriteNumber("currentPrintSpeed", printing ? 500 : 0);
        w.WriteString("doorStatus", "close");
        w.WriteString("errorCode", string.Empty);
        w.WriteNumber("estimatedLeftLen", 0);
        w.WriteFloat("estimatedLeftWeight", 0.0);
        w.WriteFloat("estimatedRightLen", p.HasJob ? 3137.3896484375 : 0.0); // mm
        w.WriteFloat("estimatedRightWeight", p.HasJob ? 28.11 : 0.0); // g
        w.WriteFloat("estimatedTime", Math.Round(p.JobRemaining.TotalSeconds, 3)); // seconds left
        w.WriteString("externalFanStatus", printing ? "open" : "close");
        w.WriteNumber("fillAmount", p.HasJob ? 35 : 0);
        w.WriteString("firmwareVersion", p.Firmware);
        w.WriteString("flashRegisterCode", string.Empty);
        w.WriteString("internalFanStatus", "close");
        w.WriteString("ipAddr", ip);
        w.WriteString("leftFilamentType", string.Empty);
        w.WriteNumber("leftTargetTemp", 0);
        w.WriteNumber("leftTemp", 0);
        w.WriteString("lightStatus", p.LightOn ? "open" : "close");
        w.WriteString("location", "Group A");
        w.WriteString("macAddr", p.MacAddress);
        w.WriteString("measure", "220X220X220");
        w.WriteString("name", p.Name);
        w.WriteNumber("nozzleCnt", 1);
        w.WriteString("nozzleModel", "0.4mm");
        w.WriteNumber("nozzleStyle", 0);
        w.WriteNumber("pid", p.ProductId); // a JSON integer, 36 for the 5M Pro (§3.3)
        w.WriteFloat("platTargetTemp", p.BedTarget);
        w.WriteFloat("platTemp", p.BedTemperature);
        w.WriteString("polarRegisterCode", string.Empty);
        w.WriteNumber("printDuration", (long)p.JobElapsed.TotalSeconds); // seconds
        w.WriteString("printFileName", p.JobFile);
        w.WriteString("printFileThumbUrl", p.HasJob ? $"http://{ip}:{httpPort}/getThum" : string.Empty);
        w.WriteNumber("printLayer", p.HasJob ? p.CurrentLayer : 0);
        w.WriteFloat("printProgress", progress); // 0.0-1.0, not percent
        w.WriteNumber("printSpeedAdjust", 100);
        w.WriteFloat("remainingDiskSpace", p.FreeSpaceBytes / (1024.0 * 1024 * 1024)); // "GB" (§3.3), counted as 2^30 bytes
        w.WriteString("rightFilamentType", "PLA");
        w.WriteFloat("rightTargetTemp", p.NozzleTarget);
        w.WriteFloat("rightTemp", p.NozzleTemperature);
        w.WriteString("status", Status(p.State));
        w.WriteNumber("targetPrintLayer", p.HasJob ? p.TotalLayers : 0);
        w.WriteNumber("tvoc", 0);
        w.WriteFloat("zAxisCompensation", 0.0);
        w.WriteEndObject();
        w.WriteString("message", "Success");
    });

    /// <summary>Words from the official status list (§3.3): ready, printing, pause, completed, cancel.</summary>
    public static string Status(VirtualJobState state) => state switch
    {
        VirtualJobState.Printing => "printing",
        VirtualJobState.Paused => "pause",
        VirtualJobState.Completed => "completed",
        VirtualJobState.Cancelled => "cancel",
        _ => "ready",
    };
}
