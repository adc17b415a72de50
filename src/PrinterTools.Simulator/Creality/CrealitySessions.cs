using System.Collections.Concurrent;
using System.Collections.Generic;

namespace PrinterTools.Simulator.Creality;

/// <summary>The printer's open WebSockets: every push goes to each, and their number is <c>connectionCount</c> (§2).</summary>
internal sealed class CrealitySessions
{
    private readonly ConcurrentDictionary<int, CrealitySession> _open = new();

    public int Count => _open.Count;

    public ICollection<CrealitySession> All => _open.Values;

    public void Add(CrealitySession session) => _open[session.Id] = session;

    public void Remove(CrealitySession session) => _open.TryRemove(session.Id, out _);
}
