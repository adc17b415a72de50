using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Net;

/// <summary>
/// Sends one datagram, retrying while the kernel has no buffer for it (ENOBUFS, EAGAIN): when a thousand printers
/// answer one segment probe at once, a reply must wait for room, not vanish.
/// </summary>
internal static class DatagramSend
{
    public const int MaxAttempts = 10;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// True once sent; false after another socket error, or when the buffer stayed full for every attempt
    /// (about a third of a second). Cancellation and a disposed socket throw as usual.
    /// </summary>
    public static async Task<bool> SendAsync(Func<CancellationToken, ValueTask<int>> send, CancellationToken ct)
    {
        TimeSpan pause = FirstPause;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await send(ct).ConfigureAwait(false);
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.NoBufferSpaceAvailable or SocketError.WouldBlock)
            {
                if (attempt == MaxAttempts)
                {
                    return false;
                }
            }
            catch (SocketException)
            {
                return false;
            }

            await Task.Delay(pause, ct).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }
}
