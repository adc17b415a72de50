using System;
using System.IO;
using System.Linq;
using PrinterTools.Simulator.Http;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The GET routes besides the WebSocket (notes §6.2): CC <c>/downloadFile/local/&lt;name&gt;</c> (HEAD too), history
/// thumbnails (CC PNG, resin BMP) and the CC's time-lapse stand-in. Null: not a route of this port.
/// </summary>
internal sealed class ElegooResources
{
    private readonly ElegooPrinterOptions _options;
    private readonly ElegooFileStore _files;

    public ElegooResources(ElegooPrinterOptions options, ElegooFileStore files)
    {
        _options = options;
        _files = files;
    }

    public HttpReply? Carbon(string path)
    {
        const string download = "/downloadFile" + ElegooFileStore.LocalPrefix;
        if (path.StartsWith(download, StringComparison.Ordinal))
        {
            return _files.TryGet(path[download.Length..], out LocalFile file)
                ? new HttpReply(200, "application/octet-stream", file.Content)
                : NotFound();
        }

        if (TaskOf(path, HistoryUrls.CarbonImages, ".png") is string image)
        {
            return Known(image) ? new HttpReply(200, "image/png", Thumbnail.For(image)) : NotFound();
        }

        if (TaskOf(path, HistoryUrls.CarbonTimeLapses, ".mp4") is string video)
        {
            return Known(video) ? new HttpReply(200, "video/mp4", HistoryMedia.Mp4()) : NotFound();
        }

        return null;
    }

    public HttpReply? Resin(string path) =>
        TaskOf(path, HistoryUrls.ResinImages, ".bmp") is string image
            ? Known(image) ? new HttpReply(200, "image/bmp", HistoryMedia.Bmp(image)) : NotFound()
            : null;

    public static HttpReply NotFound() => HttpReplyBytes.Text(404, "Not Found");

    private bool Known(string taskId) => _options.History().Any(t => t.TaskId == taskId);

    private static string? TaskOf(string path, string folder, string extension) =>
        path.StartsWith(folder, StringComparison.Ordinal) && path.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
            ? Path.GetFileNameWithoutExtension(path[folder.Length..])
            : null;
}
