using System;
using System.Collections.Generic;
using System.Linq;

namespace PrinterTools.Simulator.Storage;

/// <summary>
/// A printer's stored files, thread-safe, keyed by plain name, that follow a list of names in the printer's
/// options (most recent first): a test sets the list and the store generates content for new names and drops
/// the missing ones; an upload or a delete writes the list back. The Elegoo and Creality fakes keep their files
/// here. Lock order: this store, then the options.
/// </summary>
internal sealed class ListedFileStore
{
    private readonly object _gate = new();
    private readonly Func<IReadOnlyList<string>> _listed;
    private readonly Action<IReadOnlyList<string>> _publish;
    private readonly Func<DateTimeOffset> _now;
    private readonly Func<string, byte[]> _generate;
    private readonly Dictionary<string, LocalFile> _files = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _seenList = Array.Empty<string>();
    private string[] _names = Array.Empty<string>();

    /// <param name="listed">Reads the options' list of names.</param>
    /// <param name="publish">Writes the list back; must store the very instance it is given.</param>
    /// <param name="now">The printer's clock, for the time a file was stored.</param>
    /// <param name="generate">Content for a name that was listed without being uploaded.</param>
    public ListedFileStore(Func<IReadOnlyList<string>> listed, Action<IReadOnlyList<string>> publish,
        Func<DateTimeOffset> now, Func<string, byte[]> generate)
    {
        _listed = listed;
        _publish = publish;
        _now = now;
        _generate = generate;
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
            _files[name] = new LocalFile(content, _now());
            Publish(_names.Where(n => n != name).Prepend(name).ToArray());
        }
    }

    /// <summary>Removes the file; false when there was none.</summary>
    public bool Delete(string name)
    {
        lock (_gate)
        {
            Sync();
            if (!_files.Remove(name))
            {
                return false;
            }

            Publish(_names.Where(n => n != name).ToArray());
            return true;
        }
    }

    private void Publish(string[] names)
    {
        _names = names;
        _publish(names);
        _seenList = _listed();
    }

    /// <summary>Brings the files in line with the options' list when a test set a new one (call under the lock).</summary>
    private string[] Sync()
    {
        IReadOnlyList<string> listed = _listed();
        if (ReferenceEquals(listed, _seenList))
        {
            return _names;
        }

        string[] names = listed.Where(FileNames.IsListable).Distinct(StringComparer.Ordinal).ToArray();
        foreach (string gone in _files.Keys.Except(names, StringComparer.Ordinal).ToArray())
        {
            _files.Remove(gone);
        }

        DateTimeOffset now = _now();
        for (int i = 0; i < names.Length; i++)
        {
            if (!_files.ContainsKey(names[i]))
            {
                _files[names[i]] = new LocalFile(_generate(names[i]), now - TimeSpan.FromDays(i + 1));
            }
        }

        _seenList = listed;
        _names = names;
        return names;
    }
}
