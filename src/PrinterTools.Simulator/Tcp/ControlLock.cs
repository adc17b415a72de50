using System.Threading;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Tcp;

/// <summary>Which connection holds control (M601 S1) right now; only one may at a time (notes §2.2).</summary>
internal sealed class ControlLock
{
    // Stands for a client the simulator does not serve (FlashPrint on another PC): it holds control with no
    // connection here, and is kept out of the control-session counters, which measure the client under test.
    private static readonly object AnotherClient = new();

    private readonly PrinterCounters _counters;
    private object? _owner;

    public ControlLock(PrinterCounters counters) => _counters = counters;

    public bool IsHeld => Volatile.Read(ref _owner) is not null;

    /// <summary>True when <paramref name="session"/> holds control afterwards (asking again while holding is fine).</summary>
    public bool TryAcquire(object session)
    {
        object? previous = Interlocked.CompareExchange(ref _owner, session, null);
        if (previous is null)
        {
            _counters.ControlTaken();
        }
        return previous is null || ReferenceEquals(previous, session);
    }

    /// <summary>True when the other client holds control afterwards; false when a connection here holds it.</summary>
    public bool HoldForAnotherClient()
    {
        object? previous = Interlocked.CompareExchange(ref _owner, AnotherClient, null);
        return previous is null || ReferenceEquals(previous, AnotherClient);
    }

    public void ReleaseForAnotherClient() => Interlocked.CompareExchange(ref _owner, null, AnotherClient);

    public bool IsHeldBy(object session) => ReferenceEquals(Volatile.Read(ref _owner), session);

    public void Release(object session)
    {
        if (ReferenceEquals(Interlocked.CompareExchange(ref _owner, null, session), session))
        {
            _counters.ControlGiven();
        }
    }
}
