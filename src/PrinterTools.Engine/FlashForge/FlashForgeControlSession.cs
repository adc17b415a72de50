using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.FlashForge;

/// <summary>
/// A TCP connection holding the printer's control session (M601 S1), for what changes the
/// printer's state; reading status needs none (<see cref="FlashForgeConsole"/>). Releasing
/// always sends M602, even after a timeout or a Ctrl+C, because a session left held locks every
/// other client (FlashPrint, the slicer) out until the printer drops it.
/// </summary>
public sealed class FlashForgeControlSession : IDisposable
{
    /// <summary>
    /// How long the M602 answer is awaited after a fault or a Ctrl+C: a printer that just failed
    /// to answer will hardly answer now, and -Timeout + 1 s is the promise for every fault. The
    /// M602 line itself is always written; the printer reads it even if we stop listening.
    /// </summary>
    public static readonly TimeSpan ReleaseAfterFault = TimeSpan.FromSeconds(0.5);

    private readonly FlashForgeTcpClient _tcp;
    private readonly TimeSpan _timeout;
    private bool _held;

    private FlashForgeControlSession(FlashForgeTcpClient tcp, TimeSpan timeout)
    {
        _tcp = tcp;
        _timeout = timeout;
    }

    public string Address => _tcp.Address;

    /// <summary>The console connection, for exchanges beyond one command (uploads, binary replies).</summary>
    public FlashForgeTcpClient Console => _tcp;

    public static async Task<FlashForgeControlSession> OpenAsync(FlashForgeConnectionOptions options, CancellationToken cancel)
    {
        var tcp = await FlashForgeTcpClient.OpenAsync(options, cancel).ConfigureAwait(false);
        var session = new FlashForgeControlSession(tcp, options.Timeout);
        try
        {
            // Marked held before asking: if the answer is lost, M602 is still sent on dispose.
            session._held = true;
            var reply = await tcp.SendAsync("M601 S1", options.Timeout, cancel).ConfigureAwait(false);
            if (!FlashForgeTextParser.ParseControlGranted(reply))
            {
                session._held = false;
                throw new PrinterException(PrinterErrorKind.Busy, options.Address,
                    $"{options.Address} refused control (\"{string.Join(" ", reply)}\"): another program holds its control session.");
            }
            return session;
        }
        catch
        {
            await session.ReleaseAsync(afterFault: true).ConfigureAwait(false);
            throw;
        }
    }

    public Task<IReadOnlyList<string>> SendAsync(string command, CancellationToken cancel) =>
        _tcp.SendAsync(command, _timeout, cancel);

    /// <summary>Bounds each wait of this session.</summary>
    public TimeSpan Timeout => _timeout;

    /// <summary>
    /// Opens a session, runs <paramref name="work"/> and always releases it, without blocking a
    /// thread: with many printers served at once, blocked threads would starve the pool.
    /// </summary>
    public static async Task<T> RunAsync<T>(FlashForgeConnectionOptions options, CancellationToken cancel, Func<FlashForgeControlSession, Task<T>> work)
    {
        var session = await OpenAsync(options, cancel).ConfigureAwait(false);
        var faulted = true;
        try
        {
            var result = await work(session).ConfigureAwait(false);
            faulted = false;
            return result;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // A reply that arrived whole but says something the parsers cannot read.
            throw new PrinterException(PrinterErrorKind.ProtocolError, options.Address, $"{options.Address}: {e.Message}", e);
        }
        finally
        {
            await session.ReleaseAsync(faulted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends M602 (if control is held) and closes the connection. The answer is awaited for
    /// -Timeout after a healthy exchange, for <see cref="ReleaseAfterFault"/> after a fault.
    /// </summary>
    public async Task ReleaseAsync(bool afterFault)
    {
        if (_held)
        {
            _held = false;
            var wait = afterFault && ReleaseAfterFault < _timeout ? ReleaseAfterFault : _timeout;
            try
            {
                // Runs after timeouts and Ctrl+C too; the console skips a late reply to what was abandoned.
                await _tcp.SendAsync("M602", wait, CancellationToken.None).ConfigureAwait(false);
            }
            catch (PrinterException)
            {
                // The connection is gone or dead; closing it below ends the session on the printer.
            }
        }
        _tcp.Dispose();
    }

    /// <summary>The same on the pipeline thread, where blocking is fine; disposing is the fault path.</summary>
    public void Dispose() => ReleaseAsync(afterFault: true).GetAwaiter().GetResult();
}
