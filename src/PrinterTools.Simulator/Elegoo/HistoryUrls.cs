using System.Net;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// Where Cmd 321 points for a task's thumbnail and time-lapse (notes §6.2), and the routes that serve them:
/// CC <c>http://ip/board-resource/history_image/&lt;id&gt;.png</c> and <c>http://ip:80/board-resource/timelapse/&lt;id&gt;.mp4</c>
/// on the upload port; resin <c>http://ip:3030/media/mmcblk0p1/history_image/&lt;id&gt;.bmp</c>.
/// </summary>
internal static class HistoryUrls
{
    public const string CarbonImages = "/board-resource/history_image/";
    public const string CarbonTimeLapses = "/board-resource/timelapse/";
    public const string ResinImages = "/media/mmcblk0p1/history_image/";

    /// <summary>The captured form leaves out ":80"; another port (the 3030 fallback) must be written.</summary>
    public static string CarbonThumbnail(IPAddress address, int port, string taskId) =>
        $"http://{address}{(port == 80 ? string.Empty : $":{port}")}{CarbonImages}{taskId}.png";

    /// <summary>The time-lapse URL of the notes names its port, 80 included.</summary>
    public static string CarbonTimeLapse(IPAddress address, int port, string taskId) =>
        $"http://{address}:{port}{CarbonTimeLapses}{taskId}.mp4";

    public static string ResinThumbnail(IPAddress address, string taskId) =>
        $"http://{address}:{ElegooFamilyDefaults.WebSocketPort}{ResinImages}{taskId}.bmp";
}
