using System;
using System.Collections.Generic;
using System.IO;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The G-code files in the model's folder (creality.md §7), keyed by plain name and following
/// <see cref="CrealityPrinterOptions.StoredFiles"/> through the shared <see cref="ListedFileStore"/>; this adds the
/// full paths that <c>printprt:</c>, <c>deleteprt:</c> and <c>printFileName</c> use.
/// </summary>
internal sealed class CrealityFileStore
{
    private readonly CrealityPrinterOptions _options;
    private readonly ListedFileStore _store;

    public CrealityFileStore(CrealityPrinterOptions options)
    {
        _options = options;
        _store = new ListedFileStore(() => options.StoredFiles, names => options.StoredFiles = names, () => options.Clock.GetUtcNow(), GeneratedFile.For);
    }

    public IReadOnlyList<(string Name, LocalFile File)> List() => _store.List();

    public bool TryGet(string name, out LocalFile file) => _store.TryGet(name, out file);

    public IReadOnlyDictionary<string, byte[]> Copy() => _store.Copy();

    public void Store(string name, byte[] content) => _store.Store(name, content);

    public bool Delete(string name) => _store.Delete(name);

    /// <summary>
    /// The plain name of a full path in the model's folder (<c>/usr/data/printer_data/gcodes/x.gcode</c>); null for
    /// another folder, a sub-folder or a bare name (§6: the path must start with the storage root).
    /// </summary>
    public string? NameOf(string? path)
    {
        string folder = _options.Defaults.GcodeFolder;
        if (path is null || !path.StartsWith(folder, StringComparison.Ordinal))
        {
            return null;
        }

        string name = path[folder.Length..];
        return FileNames.IsValid(name) ? name : null;
    }

    /// <summary>A stored file by plain name or full path, for tests.</summary>
    public bool TryFind(string nameOrPath, out LocalFile file) =>
        _store.TryGet(NameOf(nameOrPath) ?? nameOrPath, out file);

    /// <summary>§7: the upload handler's <c>.gcode</c> check.</summary>
    public static bool IsGcode(string name) => string.Equals(Path.GetExtension(name), ".gcode", StringComparison.OrdinalIgnoreCase);

    /// <summary>The thumbnail's base name: the file name without <c>.gcode</c> (k2plus ... retGcodeFileInfo2: filename.png).</summary>
    public static string BaseName(string name) => Path.GetFileNameWithoutExtension(name);
}
