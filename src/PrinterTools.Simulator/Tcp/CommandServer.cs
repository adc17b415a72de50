using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Tcp;

/// <summary>The G/M-code console on TCP 8899 (notes §2).</summary>
internal sealed class CommandServer : IAsyncDisposable
{
    public const int Port = 8899;

    private readonly FlashForgePrinterOptions _options;
    private readonly PrinterCounters _counters;
    private readonly CommandHandler _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<CommandSession, Task> _sessions = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public CommandServer(FlashForgePrinterOptions options, PrinterCounters counters, FileStore files, PrintJobs jobs)
    {
        _options = options;
        _counters = counters;
        Control = new ControlLock(counters);
        _handler = new CommandHandler(options, Control, counters, files, jobs);
    }

    public ControlLock Control { get; }

    public void Start(IPAddress address)
    {
        _listener = new TcpListener(address, Port);
        _listener.Start();
        _acceptLoop = Task.Run(() => AcceptLoopAsync(_listener, _stop.Token));
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _counters.ConnectionOpened();
            if (_options.Fault == FlashForgeFault.ResetOnConnect)
            {
                // Linger 0 makes close() send RST instead of FIN: the "connection reset by peer" users report (§2.2).
                socket.LingerState = new LingerOption(true, 0);
                socket.Dispose();
                _counters.ConnectionClosed();
                continue;
            }

            var session = new CommandSession(socket, _options, _handler, Control, _counters);
            Task run = RunSessionAsync(session, ct);
            _sessions[session] = run;
            if (run.IsCompleted)
            {
                // It ended before it was recorded: drop the entry its own removal could not find.
                _sessions.TryRemove(session, out _);
            }
        }
    }

    private async Task RunSessionAsync(CommandSession session, CancellationToken ct)
    {
        await Task.Yield();
        await session.RunAsync(ct).ConfigureAwait(false);
        _sessions.TryRemove(session, out _);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener?.Stop();
        await _acceptLoop.ConfigureAwait(false);
        foreach (CommandSession session in _sessions.Keys)
        {
            session.Abort();
        }

        await Task.WhenAll(_sessions.Values.ToArray()).ConfigureAwait(false);
    }
}
