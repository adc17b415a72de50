using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Net;

/// <summary>
/// A TCP port that drops connection attempts without a word, like a firewalled one: it listens but never accepts,
/// and its accept queue is kept full, so the kernel drops every further SYN and a client's connect hangs until it
/// gives up (no RST, which would be a quick "connection refused"). Linux: with a backlog of 0 the queue holds one
/// connection (it is full when it holds more than the backlog), so one filler connection of our own fills it.
/// </summary>
internal sealed class SilentPort : IDisposable
{
    // Loopback completes a handshake at once; this only keeps a kernel that drops the filler too from hanging start.
    private static readonly TimeSpan FillTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly Socket _filler;

    private SilentPort(Socket listener, Socket filler)
    {
        _listener = listener;
        _filler = filler;
    }

    public static async Task<SilentPort> OpenAsync(IPAddress address, int port, CancellationToken ct)
    {
        Loopback.Require(address);
        var endpoint = new IPEndPoint(address, port);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(0);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(FillTimeout);
            await filler.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
            return new SilentPort(listener, filler);
        }
        catch
        {
            filler.Dispose();
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Closes the filler and the listener: the port is free, and a hanging connect is then refused.</summary>
    public void Dispose()
    {
        _filler.Dispose();
        _listener.Dispose();
    }
}
