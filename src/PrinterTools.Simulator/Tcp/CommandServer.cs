using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Jobs;
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
    private readonly LoopbackListener _listener;

    public CommandServer(FlashForgePrinterOptions options, PrinterCounters counters, FileStore files, PrintJobs jobs)
    {
        _options = options;
        _counters = counters;
        Control = new ControlLock(counters);
        _handler = new CommandHandler(options, Control, counters, files, jobs);
        _listener = new LoopbackListener(ServeAsync);
    }

    public ControlLock Control { get; }

    public void Start(IPAddress address) => _listener.Start(address, Port);

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        // Taken as the connection is accepted, before it is counted: a test that waits for the count may then change it.
        TimeSpan handshake = _options.Latency;
        _counters.ConnectionOpened();
        if (_options.Fault == FlashForgeFault.ResetOnConnect)
        {
            // Linger 0 makes close() send RST instead of FIN: the "connection reset by peer" users report (§2.2).
            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
            _counters.ConnectionClosed();
            return;
        }

        await new CommandSession(socket, _options, _handler, Control, _counters).RunAsync(handshake, ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
