using System;

namespace PrinterTools.Simulator.Creality;

/// <summary>What each model reports and how it behaves when the options leave it unset (creality.md §1.2, §3, §7, §8, §10).</summary>
internal sealed record CrealityModelDefaults(
    string ModelCode,
    string HostnamePrefix,
    string GcodeFolder,
    string DataRoot,
    string MacAddress,
    string Firmware,
    string DwinHardware,
    int MaxNozzleTemp,
    int MaxBedTemp,
    int AccelerationLimits,
    bool HasChamberAndCfs,
    bool HasMjpegCamera,
    bool LegacyFileList,
    bool CloseAfterStart)
{
    /// <summary>§2: the WebSocket, and plain HTTP <c>/ping</c>.</summary>
    public const int WebSocketPort = 9999;

    /// <summary>§7: uploads, downloads and <c>/info</c>.</summary>
    public const int HttpPort = 80;

    /// <summary>§1: the mDNS responder's port.</summary>
    public const int MdnsPort = 5353;

    // §10 model "K1C"; §7 /usr/data; §8 mjpg-streamer on 8080; §5 1.3.3.x lists files in the colon form; §2 the K1
    // firmware closes the socket after a start (OrcaSlicer #14330). Hostname K1C-xxxx (§1.2). Firmware and DWIN
    // hardware from k1c-fw1.3.3.5_diag_telemetry-head; 300/100 maxima as the brief asks (the K1 row of §3).
    // DataRoot (thumbnails, history, time-lapses under /usr/data/creality) is INFERRED from the K2's /mnt/UDISK/creality.
    private static readonly CrealityModelDefaults K1C = new(
        "K1C", "K1C", "/usr/data/printer_data/gcodes/", "/usr/data/creality/", "aabbcc0000c1", "1.3.3.5", "CR4CU220812S11",
        300, 100, 20000, HasChamberAndCfs: false, HasMjpegCamera: true, LegacyFileList: true, CloseAfterStart: true);

    // §10 "F008"; §7 /mnt/UDISK; the K2 Plus initial frame (k2plus-fw1.1.3.13_ws_initial-full-frame.json) for the
    // firmware, DWIN hardware, maxima (350/120) and limits; webrtcSupport 1, so no MJPEG (§8); retGcodeFileInfo2 (§5).
    private static readonly CrealityModelDefaults K2Plus = new(
        "F008", "K2Plus", "/mnt/UDISK/printer_data/gcodes/", "/mnt/UDISK/creality/", "aabbcc0000f8", "1.1.3.13", "CR0CN240110C10",
        350, 120, 30000, HasChamberAndCfs: true, HasMjpegCamera: false, LegacyFileList: false, CloseAfterStart: false);

    public static CrealityModelDefaults For(CrealityModel model) => model == CrealityModel.K2Plus ? K2Plus : K1C;

    /// <summary>§1.2: <c>&lt;model&gt;-&lt;last 4 hex of the MAC&gt;</c>, e.g. K1C-0401.</summary>
    public string Hostname(string mac) => $"{HostnamePrefix}-{(mac.Length >= 4 ? mac[^4..] : mac).ToUpperInvariant()}";

    /// <summary>No SN format is in the notes: the model and the MAC, upper case (INFERRED, only unique per printer).</summary>
    public string SerialNumber(string mac) => $"{HostnamePrefix.ToUpperInvariant()}{mac.ToUpperInvariant()}";

    /// <summary>Thumbnails of the file list (§5, firmware typo <c>humbnail</c>).</summary>
    public string ThumbnailFolder => DataRoot + "local_gcode/humbnail/";

    public string PreviewFolder => DataRoot + "local_gcode/original/";

    public string HistoryThumbnailFolder => DataRoot + "userdata/history/humbnail/";

    public string VideoFolder => DataRoot + "userdata/delay_image/video/";

    public string VideoCoverFolder => DataRoot + "userdata/delay_image/cover/";
}
