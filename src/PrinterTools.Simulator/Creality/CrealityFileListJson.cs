using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The reply to <c>reqGcodeFile</c> (creality.md §5): <c>retGcodeFileInfo2</c>, an array with the keys of
/// k2plus_ws_reply_reqGcodeFile_retGcodeFileInfo2, or the older <c>retGcodeFileInfo</c>
/// <c>{"totalNum":N,"fileInfo":"dir:name:size:floorHeight/100:create_time:consumables:thumbnailpath;..."}</c>.
/// </summary>
internal static class CrealityFileListJson
{
    /// <summary>LargeFileList: this many entries, named long enough that the frame passes 1 MiB (§2: &gt;1 MiB seen).</summary>
    public const int LargeListCount = 1500;

    // No slicer metadata is in the generated files: a first-layer height of 0.20 mm (floorHeight in 1/100 mm, read
    // from the legacy form's "floorHeight/100") and 36 s and 50 mm of filament per layer.
    private const int FloorHeight = 20;

    /// <summary>One stored file as the list shows it.</summary>
    public sealed record Entry(string Name, long Size, DateTimeOffset Created, int Layers);

    public static string Reply(CrealitySnapshot p, IReadOnlyList<Entry> files)
    {
        if (p.Fault == CrealityFault.LargeFileList)
        {
            // The big lists of §2 were retGcodeFileInfo2 replies: this fault sends that form whatever LegacyFileList says.
            return Info2(p, files.Concat(Filler(p, LargeListCount - files.Count)).ToArray());
        }

        if (p.Fault == CrealityFault.BrokenLegacyList)
        {
            return Legacy(files.Count, BrokenEntries(p, files));
        }

        return p.LegacyFileList ? Legacy(files.Count, files.Select(f => LegacyEntry(p, f))) : Info2(p, files);
    }

    public static IEnumerable<Entry> Entries(IReadOnlyList<(string Name, LocalFile File)> files) =>
        files.Select(f => new Entry(f.Name, f.File.Content.Length, f.File.Created, GeneratedFile.LayersOf(f.File.Content)));

    private static string Info2(CrealitySnapshot p, IReadOnlyList<Entry> files) => CrealityJson.Build(w =>
    {
        w.WriteStartArray("retGcodeFileInfo2");
        foreach (Entry f in files)
        {
            string baseName = CrealityFileStore.BaseName(f.Name);
            w.WriteStartObject();
            w.WriteNumber("custom_types", 1);
            w.WriteNumber("type", 8);
            w.WriteString("name", f.Name);
            w.WriteString("path", p.Defaults.GcodeFolder + f.Name);
            w.WriteNumber("file_size", f.Size);
            w.WriteNumber("create_time", f.Created.ToUnixTimeSeconds());
            w.WriteNumber("timeCost", f.Layers * 36);
            w.WriteNumber("consumables", f.Layers * 50);
            w.WriteNumber("floorHeight", FloorHeight);
            w.WriteNumber("modelX", 0);
            w.WriteNumber("modelY", 0);
            w.WriteNumber("modelZ", 0);
            w.WriteString("material", "PLA");
            w.WriteNumber("nozzleTemp", 22000); // °C × 100 (§5)
            w.WriteNumber("bedTemp", 5000);
            w.WriteString("software", "Creality");
            w.WriteString("thumbnail", p.Defaults.ThumbnailFolder + baseName + ".png"); // the firmware's "humbnail"
            w.WriteNumber("startPixel", 0);
            w.WriteNumber("endPixel", 0);
            w.WriteNumber("modelHeight", 0);
            w.WriteNumber("layerHeight", FloorHeight);
            w.WriteString("preview", p.Defaults.PreviewFolder + baseName + ".png");
            w.WriteString("materialColors", "#ffffff");
            w.WriteString("materialIds", "01001");
            w.WriteString("filamentWeight", "18.90");
            w.WriteString("match", string.Empty);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static string Legacy(int total, IEnumerable<string> entries) => CrealityJson.Build(w =>
    {
        w.WriteStartObject("retGcodeFileInfo");
        w.WriteNumber("totalNum", total);
        w.WriteString("fileInfo", string.Concat(entries.Select(e => e + ";")));
        w.WriteEndObject();
    });

    /// <summary><c>dir:name:size:floorHeight/100:create_time:consumables:thumbnailpath</c>; dir is the folder without its last slash (INFERRED).</summary>
    private static string LegacyEntry(CrealitySnapshot p, Entry f) => string.Join(':',
        Folder(p), f.Name, f.Size.ToString(CultureInfo.InvariantCulture), (FloorHeight / 100.0).ToString("0.00", CultureInfo.InvariantCulture),
        f.Created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), (f.Layers * 50).ToString(CultureInfo.InvariantCulture),
        p.Defaults.ThumbnailFolder + CrealityFileStore.BaseName(f.Name) + ".png");

    /// <summary>BrokenLegacyList: the first file whole, then entries cut after the size, after the name, an empty one, a non-number size.</summary>
    private static IEnumerable<string> BrokenEntries(CrealitySnapshot p, IReadOnlyList<Entry> files)
    {
        string name = files.Count > 0 ? files[0].Name : "missing.gcode";
        if (files.Count > 0)
        {
            yield return LegacyEntry(p, files[0]);
        }

        yield return $"{Folder(p)}:{name}:1234";
        yield return $"{Folder(p)}:{name}";
        yield return string.Empty;
        yield return $"{Folder(p)}:{name}:size:0.20";
    }

    private static string Folder(CrealitySnapshot p) => p.Defaults.GcodeFolder.TrimEnd('/');

    /// <summary>Listed only, never stored: 80-character names put each entry near 800 bytes.</summary>
    private static IEnumerable<Entry> Filler(CrealitySnapshot p, int count)
    {
        DateTimeOffset created = p.Now - TimeSpan.FromDays(30);
        for (int i = 1; i <= count; i++)
        {
            string name = $"bulk-{i.ToString("D4", CultureInfo.InvariantCulture)}-".PadRight(74, 'x') + ".gcode";
            yield return new Entry(name, 100_000 + i, created, GeneratedFile.DefaultLayers);
        }
    }
}
