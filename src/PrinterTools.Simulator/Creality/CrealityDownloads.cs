using System;
using System.Linq;
using PrinterTools.Simulator.Http;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The GET routes of port 80 (creality.md §7): the current job's preview, the file list's thumbnails (firmware
/// typo <c>humbnail</c>) and the time-lapses of <c>reqElapseVideoList</c>. Stand-in images are the simulator's
/// one-colour PNGs; a video is an MP4 header without frames. Null: not a download route.
/// </summary>
internal sealed class CrealityDownloads
{
    public const string CurrentPreview = "/downloads/original/current_print_image.png";
    public const string Thumbnails = "/downloads/humbnail/";
    public const string Videos = "/downloads/video/";

    private readonly CrealityPrinterOptions _options;
    private readonly CrealityFileStore _files;

    public CrealityDownloads(CrealityPrinterOptions options, CrealityFileStore files)
    {
        _options = options;
        _files = files;
    }

    public HttpReply? Get(string path)
    {
        if (path == CurrentPreview)
        {
            // A symlink to the job's preview on the printer: there is none without a job.
            CrealitySnapshot p = _options.Snapshot();
            return p.State != CrealityJobState.Idle && p.FileName is string job ? Png(job) : CrealityHttpReplies.NotFound();
        }

        if (Leaf(path, Thumbnails, ".png") is string baseName)
        {
            string? file = _files.List().Select(f => f.Name).FirstOrDefault(n => CrealityFileStore.BaseName(n) == baseName);
            return file is null ? CrealityHttpReplies.NotFound() : Png(file);
        }

        if (Leaf(path, Videos, ".mp4") is string id)
        {
            bool listed = _options.History().Any(h => h.VideoName == id + ".mp4");
            return listed ? new HttpReply(200, "video/mp4", HistoryMedia.Mp4()) : CrealityHttpReplies.NotFound();
        }

        return null;
    }

    private static HttpReply Png(string fileName) => new(200, "image/png", Thumbnail.For(fileName));

    /// <summary>The name in <paramref name="folder"/> without its extension; null for another folder or a deeper path.</summary>
    private static string? Leaf(string path, string folder, string extension)
    {
        if (!path.StartsWith(folder, StringComparison.Ordinal) || !path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string name = path[folder.Length..^extension.Length];
        return name.Length > 0 && FileNames.IsValid(name + extension) ? name : null;
    }
}
