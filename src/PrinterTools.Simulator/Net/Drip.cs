using System;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Net;

/// <summary>The SlowDrip fault: a reply one byte at a time, a bounded gap before each, so it is slow but never stalls.</summary>
internal static class Drip
{
    public static async Task SendAsync(ReadOnlyMemory<byte> bytes, TimeSpan gap, Func<ReadOnlyMemory<byte>, CancellationToken, Task> sendOne, CancellationToken ct)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            await Task.Delay(gap, ct).ConfigureAwait(false);
            await sendOne(bytes.Slice(i, 1), ct).ConfigureAwait(false);
        }
    }
}
