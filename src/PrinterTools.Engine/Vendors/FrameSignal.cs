using System;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Vendors;

/// <summary>
/// "A frame came in" for a printer's WebSocket channel (Elegoo SDCP, Creality): waiters check
/// their condition under the channel's gate after every frame, and end as soon as the channel
/// is broken. Every member is called under that gate.
/// </summary>
internal sealed class FrameSignal
{
    private TaskCompletionSource<bool> _changed = New();

    /// <summary>Wakes every waiter (under the gate).</summary>
    public void Signal()
    {
        var changed = _changed;
        _changed = New();
        changed.TrySetResult(true);
    }

    /// <summary>Waits until <paramref name="done"/> holds, checking it under <paramref name="gate"/> after every signal; a broken channel throws its failure.</summary>
    public async Task WaitAsync(object gate, Func<bool> done, Func<Exception?> broken, CancellationToken cancel)
    {
        while (true)
        {
            Task changed;
            lock (gate)
            {
                if (done())
                {
                    return;
                }
                if (broken() is { } failure)
                {
                    throw failure;
                }
                changed = _changed.Task;
            }
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancel.Register(() => cancelled.TrySetCanceled()))
            {
                await (await Task.WhenAny(changed, cancelled.Task).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
    }

    private static TaskCompletionSource<bool> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
