using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>The printer's open WebSockets, for pushes that go to every connected client (§3.7, §6.1 sdcp/error).</summary>
internal sealed class SdcpSessions
{
    private readonly ConcurrentDictionary<int, SdcpSession> _open = new();

    public bool Any => !_open.IsEmpty;

    public void Add(SdcpSession session) => _open[session.Id] = session;

    public void Remove(SdcpSession session) => _open.TryRemove(session.Id, out _);

    /// <summary>Sends the frame to every open WebSocket at once; a client that cannot take it is dropped by its session.</summary>
    public Task BroadcastAsync(string frame, CancellationToken ct) =>
        Task.WhenAll(_open.Values.Select(s => s.SendAsync(frame, ct)));
}
