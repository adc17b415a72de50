using System;
using System.Collections.Generic;
using System.Linq;

namespace PrinterTools.Simulator.Storage;

/// <summary>
/// The files on one printer, thread-safe. <see cref="FlashForgePrinterOptions.StoredFiles"/> stays the list of
/// names (most recent first): the store follows a list a test sets, and writes the list back when a file is
/// stored. Lock order: this store, then the options.
/// </summary>
internal sealed class FileStore
{
    private readonly object _gate = new();
    private readonly FlashForgePrinterOptions _options;
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _seenList = Array.Empty<string>();
    private string[] _names = Array.Empty<string>();

    public FileStore(FlashForgePrinterOptions options)
    {
        _options = options;
        lock (_gate)
        {
            Sync();
        }
    }

    /// <summary>Names, most recent first.</summary>
    public IReadOnlyList<string> Names()
    {
        lock (_gate)
        {
            return Sync();
        }
    }

    /// <summary>The stored bytes (shared, never changed in place: callers must not write to them).</summary>
    public bool TryGet(string name, out byte[] content)
    {
        lock (_gate)
        {
            Sync();
            if (_files.TryGetValue(name, out byte[]? found))
            {
                content = found;
                return true;
            }
        }

        content = Array.Empty<byte>();
        return false;
    }

    /// <summary>Copies of every file, for tests.</summary>
    public IReadOnlyDictionary<string, byte[]> Copy()
    {
        lock (_gate)
        {
            Sync();
            return _files.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal);
        }
    }

    /// <summary>True when a file of <paramref name="size"/> bytes fits in the free space.</summary>
    public bool HasRoomFor(long size) => size <= _options.FreeSpaceBytes && size <= Array.MaxLength;

    /// <summary>
    /// Stores (or replaces) a file and puts its name first; false when it does not fit in the free space.
    /// The free space shrinks by the new size and grows by the size of a replaced file.
    /// </summary>
    public bool TryStore(string name, byte[] content)
    {
        lock (_gate)
        {
            bool stored = false;
            _options.Update(o =>
            {
                Sync();
                long old = _files.TryGetValue(name, out byte[]? previous) ? previous.Length : 0;
                if (content.Length > o.FreeSpaceBytes + old)
                {
                    return;
                }

                _files[name] = content;
                _names = _names.Where(n => n != name).Prepend(name).ToArray();
                o.FreeSpaceBytes -= content.Length - old;
                o.StoredFiles = _names;
                _seenList = o.StoredFiles;
                stored = true;
            });
            return stored;
        }
    }

    /// <summary>Brings the files in line with the options' list when a test set a new one (call under the lock).</summary>
    private string[] Sync()
    {
        IReadOnlyList<string> listed = _options.StoredFiles;
        if (ReferenceEquals(listed, _seenList))
        {
            return _names;
        }

        string[] names = listed.Where(FileNames.IsListable).Distinct(StringComparer.Ordinal).ToArray();
        foreach (string gone in _files.Keys.Except(names, StringComparer.Ordinal).ToArray())
        {
            _files.Remove(gone);
        }

        foreach (string name in names)
        {
            if (!_files.ContainsKey(name))
            {
                _files[name] = GeneratedFile.For(name);
            }
        }

        _seenList = listed;
        _names = names;
        return names;
    }
}
