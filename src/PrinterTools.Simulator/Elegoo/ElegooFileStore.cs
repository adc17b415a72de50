using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The files on /local, thread-safe, keyed by plain name. <see cref="ElegooPrinterOptions.StoredFiles"/> stays the
/// list of names (most recent first): the store follows a list a test sets and writes the list back on every
/// change, as the FlashForge FileStore does. Lock order: this store, then the options.
/// </summary>
internal sealed class ElegooFileStore
{
    /// <summary>§6.1: files land in internal storage, which Cmd 128 and 258 call <c>/local</c>.</summary>
    public const string LocalPrefix = "/local/";

    private readonly object _gate = new();
    private readonly ElegooPrinterOptions _options;
    private readonly Dictionary<string, LocalFile> _files = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _seenList = Array.Empty<string>();
    private string[] _names = Array.Empty<string>();

    public ElegooFileStore(ElegooPrinterOptions options)
    {
        _options = options;
        lock (_gate)
        {
            Sync();
        }
    }

    /// <summary>Names, most recent first, with their content and when they were stored.</summary>
    public IReadOnlyList<(string Name, LocalFile File)> List()
    {
        lock (_gate)
        {
            return Sync().Select(n => (n, _files[n])).ToArray();
        }
    }

    public bool TryGet(string name, out LocalFile file)
    {
        lock (_gate)
        {
            Sync();
            return _files.TryGetValue(name, out file!);
        }
    }

    /// <summary>Copies of every file, for tests.</summary>
    public IReadOnlyDictionary<string, byte[]> Copy()
    {
        lock (_gate)
        {
            Sync();
            return _files.ToDictionary(f => f.Key, f => f.Value.Content.ToArray(), StringComparer.Ordinal);
        }
    }

    /// <summary>Stores (or replaces) a file and puts its name first.</summary>
    public void Store(string name, byte[] content)
    {
        lock (_gate)
        {
            Sync();
            _files[name] = new LocalFile(content, _options.Clock.GetUtcNow());
            Publish(_names.Where(n => n != name).Prepend(name).ToArray());
        }
    }

    /// <summary>Cmd 259: removes the file if present (the S4U answers Ack 0 either way, §4).</summary>
    public void Delete(string name)
    {
        lock (_gate)
        {
            Sync();
            if (_files.Remove(name))
            {
                Publish(_names.Where(n => n != name).ToArray());
            }
        }
    }

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

    private void Publish(string[] names)
    {
        _names = names;
        _options.StoredFiles = names;
        _seenList = _options.StoredFiles;
    }

    /// <summary>Brings the files in line with the options' list when a test set a new one (call under the lock).</summary>
    private string[] Sync()
    {
        IReadOnlyList<string> listed = _options.StoredFiles;
        if (ReferenceEquals(listed, _seenList))
        {
            return _names;
        }

        string[] names = listed.Where(FileNames.IsValid).Distinct(StringComparer.Ordinal).ToArray();
        foreach (string gone in _files.Keys.Except(names, StringComparer.Ordinal).ToArray())
        {
            _files.Remove(gone);
        }

        DateTimeOffset now = _options.Clock.GetUtcNow();
        for (int i = 0; i < names.Length; i++)
        {
            if (!_files.ContainsKey(names[i]))
            {
                _files[names[i]] = new LocalFile(Generate(names[i]), now - TimeSpan.FromDays(i + 1));
            }
        }

        _seenList = listed;
        _names = names;
        return names;
    }

    /// <summary>G-code text for .gcode; for resin formats a small stand-in with the same layer comment.</summary>
    private static byte[] Generate(string name) =>
        name.EndsWith(".gcode", StringComparison.OrdinalIgnoreCase)
            ? GeneratedFile.For(name)
            : Encoding.ASCII.GetBytes($"ELEGOO-SIM {name}\n;LAYER_COUNT:{GeneratedFile.DefaultLayers}\n" + new string('\0', 4096));
}
