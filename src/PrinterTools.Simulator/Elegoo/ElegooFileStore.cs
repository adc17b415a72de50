using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The files on /local, keyed by plain name, following <see cref="ElegooPrinterOptions.StoredFiles"/> (most recent
/// first) as the shared <see cref="ListedFileStore"/> does; this adds the /local paths and the accepted types.
/// </summary>
internal sealed class ElegooFileStore
{
    /// <summary>§6.1: files land in internal storage, which Cmd 128 and 258 call <c>/local</c>.</summary>
    public const string LocalPrefix = "/local/";

    private readonly ListedFileStore _store;

    public ElegooFileStore(ElegooPrinterOptions options) =>
        _store = new ListedFileStore(() => options.StoredFiles, names => options.StoredFiles = names, () => options.Clock.GetUtcNow(), Generate);

    /// <summary>Names, most recent first, with their content and when they were stored.</summary>
    public IReadOnlyList<(string Name, LocalFile File)> List() => _store.List();

    public bool TryGet(string name, out LocalFile file) => _store.TryGet(name, out file);

    /// <summary>Copies of every file, for tests.</summary>
    public IReadOnlyDictionary<string, byte[]> Copy() => _store.Copy();

    /// <summary>Stores (or replaces) a file and puts its name first.</summary>
    public void Store(string name, byte[] content) => _store.Store(name, content);

    /// <summary>Cmd 259: removes the file if present (the S4U answers Ack 0 either way, §4).</summary>
    public void Delete(string name) => _store.Delete(name);

    /// <summary>
    /// The plain name in a <c>/local/x</c> path, or a bare name when <paramref name="bareAllowed"/> (resin Cmd 128
    /// takes either, the CC wants the full path, §6.1). Null for other storages (<c>/usb</c>) or folders.
    /// </summary>
    public static string? LocalName(string? path, bool bareAllowed)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        string name = path.StartsWith(LocalPrefix, StringComparison.Ordinal) ? path[LocalPrefix.Length..]
            : bareAllowed && !path.StartsWith('/') ? path
            : string.Empty;
        return FileNames.IsValid(name) ? name : null;
    }

    /// <summary>§6.1: only types in SupportFileType are accepted (resin .ctb/.goo, CC .gcode), in any case.</summary>
    public static bool Supports(ElegooFamily family, string name) =>
        ElegooFamilyDefaults.For(family).SupportFileType.Any(type =>
            string.Equals(Path.GetExtension(name).TrimStart('.'), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>G-code text for .gcode; for resin formats a small stand-in with the same layer comment.</summary>
    private static byte[] Generate(string name) =>
        name.EndsWith(".gcode", StringComparison.OrdinalIgnoreCase)
            ? GeneratedFile.For(name)
            : Encoding.ASCII.GetBytes($"ELEGOO-SIM {name}\n;LAYER_COUNT:{GeneratedFile.DefaultLayers}\n" + new string('\0', 4096));
}
