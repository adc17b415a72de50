using System;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Tcp;

/// <summary>One TCP 8899 connection: reads request lines, answers them one at a time, plays the faults.</summary>
internal sealed class CommandSession
{
    // A client that never sends a newline must not make us buffer without end.
    private const int MaxLineBytes = 1024 * 1024;

    // Oversized fault: enough to defeat any sane line limit, bounded so a test run cannot stream forever.
    private const long OversizedLimit = 16L * 1024 * 1024;

    private readonly Socket _socket;
    private readonly FlashForgePrinterOptions _options;
    private readonly CommandHandler _handler;
    private readonly ControlLock _control;
    private readonly PrinterCounters _counters;
    private bool _oversizedSent;

    public CommandSession(Socket socket, FlashForgePrinterOptions options, CommandHandler handler, ControlLock control, PrinterCounters counters)
    {
        _socket = socket;
        _options = options;
        _handler = handler;
        _control = control;
        _counters = counters;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await ReadLoopAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed, or the client went away.
        }
        finally
        {
            // The brief's rule: control is released when its connection closes, so a crashed client frees the printer.
            _control.Release(this);
            _socket.Dispose();
            _counters.ConnectionClosed();
        }
    }

    /// <summary>Closes the socket at once; the read loop then ends.</summary>
    public void Abort() => _socket.Dispose();

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[8192];
        var pending = new LineBuffer();
        while (true)
        {
            int read = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            pending.Append(buffer.AsSpan(0, read));
            // §2.1: "\r\n" and plain "\n" end a line; the blank line of Orca's "\r\n\n" is skipped.
            while (pending.TryTakeLine(out string? line))
            {
                CommandLine command = CommandLine.Parse(line);
                if (command.Text.Length == 0)
                {
                    continue;
                }

                _counters.CommandReceived(command.Text);
                if (!await AnswerAsync(command, ct).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (pending.Length > MaxLineBytes)
            {
                return;
            }
        }
    }

    /// <summary>Sends the reply (or the fault's stand-in); false closes the connection.</summary>
    private async Task<bool> AnswerAsync(CommandLine command, CancellationToken ct)
    {
        PrinterSnapshot printer = _options.Snapshot();
        if (printer.Fault == FlashForgeFault.Silent)
        {
            return true;
        }

        await Delay.LatencyAsync(printer.Latency, ct).ConfigureAwait(false);
        switch (printer.Fault)
        {
            case FlashForgeFault.Garbage:
                await SendAsync(GarbageBytes.Create(), ct).ConfigureAwait(false);
                return true;
            case FlashForgeFault.Oversized:
                if (!_oversizedSent)
                {
                    _oversizedSent = true;
                    await StreamEndlessLineAsync(ct).ConfigureAwait(false);
                }

                return true;
            case FlashForgeFault.Truncated:
                byte[] whole = Encoding.UTF8.GetBytes(_handler.Handle(command, this));
                await SendAsync(whole.AsMemory(0, Math.Max(1, whole.Length / 2)), ct).ConfigureAwait(false);
                // FIN after the half reply, so the client sees the data and then the end of the stream.
                _socket.Shutdown(SocketShutdown.Send);
                return false;
            default:
                // One write per reply: each reply arrived as one TCP segment in the Finder capture (§2.1).
                await SendAsync(Encoding.UTF8.GetBytes(_handler.Handle(command, this)), ct).ConfigureAwait(false);
                return true;
        }
    }

    private async Task StreamEndlessLineAsync(CancellationToken ct)
    {
        byte[] chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'X');
        for (long sent = 0; sent < OversizedLimit; sent += chunk.Length)
        {
            // Blocks while the client does not read; ends when it disconnects or the printer is disposed.
            await SendAsync(chunk, ct).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await _socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }
}
