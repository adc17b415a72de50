using System;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.FlashForge;

/// <summary>
/// Reads over the TCP 8899 console without taking control: connect, ask, close. Status, identity
/// and stored files need no M601 (ffpp, behind Home Assistant's FlashForge integration, reads
/// M115/M119/M27/M105/M661 without it: "you will only be able to watch printer status when you
/// don't have the control"), so monitoring coexists with a slicer or the vendor's app that holds
/// the control session, and there is nothing to release afterwards.
/// </summary>
public static class FlashForgeConsole
{
    /// <summary>
    /// Runs <paramref name="work"/> on a fresh connection (or the one the vendor probe opened);
    /// -Timeout bounds the whole of it, connect included. <paramref name="deliver"/> is told the
    /// result before the connection is closed: a result never waits for a release.
    /// </summary>
    public static Task<T> ReadAsync<T>(FlashForgeConnectionOptions options, string what, CancellationToken cancel,
        Func<FlashForgeTcpClient, CancellationToken, Task<T>> work, Action<T>? deliver = null) =>
        Deadline.RunAsync(options.Address, what, options.Timeout, cancel, async token =>
        {
            using var tcp = await FlashForgeTcpClient.OpenAsync(options, token).ConfigureAwait(false);
            try
            {
                var result = await work(tcp, token).ConfigureAwait(false);
                deliver?.Invoke(result);
                return result;
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                // A reply that arrived whole but says something the parsers cannot read.
                throw new PrinterException(PrinterErrorKind.ProtocolError, options.Address, $"{options.Address}: {e.Message}", e);
            }
        });

    /// <summary>M115: who the printer is.</summary>
    public static async Task<FlashForgeMachineInfo> MachineInfoAsync(FlashForgeTcpClient tcp, TimeSpan timeout, CancellationToken token) =>
        FlashForgeTextParser.ParseMachineInfo(await tcp.SendAsync("M115", timeout, token).ConfigureAwait(false));
}
