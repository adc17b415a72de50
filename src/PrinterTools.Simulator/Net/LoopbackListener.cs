using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Net;

/// <summary>
/// A TCP listener that serves each accepted socket on its own task and, when disposed, stops
/// accepting, closes every open socket and waits for their tasks: dispose is prompt and leaves
/// nothing running. The console and the camera both serve through it.
/// </summary>
internal sealed class LoopbackListener : IAsyncDisposable
{
    private readonly Func<Socket, CancellationToken, Task> _serve;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, Task> _clients = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    /// <param name="serve">Serves one socket; the listener closes it afterwards.</param>
    public LoopbackListener(Func<Socket, CancellationToken, Task> serve) => _serve = serve;

    public void Start(IPAddress address, int port)
    {
        _listener = new TcpListener(address, port);
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
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException || ct.IsCancellationRequested)
            {
                // Stopped: also when Stop() came between the loop's check and the accept, which
                // then fails on the listener's cleared socket (NullReferenceException, seen once).
                return;
            }

            Task run = RunAsync(socket, ct);
            _clients[socket] = run;
            if (run.IsCompleted)
            {
                // It ended before it was recorded: drop the entry its own removal could not find.
                _clients.TryRemove(socket, out _);
            }
        }
    }

    private async Task RunAsync(Socket socket, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await _serve(socket, ct).ConfigureAwait(false);
        }
        finally
        {
            socket.Dispose();
            _clients.TryRemove(socket, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener?.Stop();
        await _acceptLoop.ConfigureAwait(false);
        foreach (Socket client in _clients.Keys)
        {
            client.Dispose();
        }

        await Task.WhenAll(_clients.Values.ToArray()).ConfigureAwait(false);
    }
}
