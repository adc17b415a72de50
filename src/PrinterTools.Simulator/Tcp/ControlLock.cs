using System.Threading;

namespace PrinterTools.Simulator.Tcp;

/// <summary>Which connection holds control (M601 S1) right now; only one may at a time (notes §2.2).</summary>
internal sealed class ControlLock
{
    private object? _owner;

    public bool IsHeld => Volatile.Read(ref _owner) is not null;

    /// <summary>True when <paramref name="session"/> holds control afterwards (asking again while holding is fine).</summary>
    public bool TryAcquire(object session)
    {
        object? previous = Interlocked.CompareExchange(ref _owner, session, null);
        return previous is null || ReferenceEquals(previous, session);
    }

    public void Release(object session) => Interlocked.CompareExchange(ref _owner, null, session);
}
