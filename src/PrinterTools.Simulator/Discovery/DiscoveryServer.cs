using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Discovery;

/// <summary>Answers UDP discovery probes on the printer's own address, one socket per port.</summary>
internal sealed class DiscoveryServer : IAsyncDisposable
{
    // §1.2: modern printers listen on 19000 and 48899. Legacy ones answered 19000 in real captures, a Guider 3
    // (140-byte reply) answered 48899 too, and the RE doc adds 8899: the legacy fake binds all three.
    public static readonly int[] ModernPorts = { 19000, 48899 };
    public static readonly int[] LegacyPorts = { 19000, 48899, 8899 };

    // §1.1: real probes are 0 to 20 bytes and their payload is ignored. A small buffer, not UdpClient's 64 KiB per
    // socket, keeps a farm of thousands of printers (three sockets each) small; Linux truncates a longer probe.
    private const int ProbeBufferBytes = 512;

    private static readonly IPEndPoint AnySource = new(IPAddress.Any, 0);

    private readonly FlashForgePrinterOptions _options;
    private readonly PrinterCounters _counters;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, Socket> _sockets = new();
    private readonly List<Task> _loops = new();

    public DiscoveryServer(FlashForgePrinterOptions options, PrinterCounters counters)
    {
        _options = options;
        _counters = counters;
    }

    public void Start(IPAddress address, FlashForgeModel model)
    {
        int[] ports = model == FlashForgeModel.Adventurer4 ? LegacyPorts : ModernPorts;
        foreach (int port in ports)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _sockets.Add(port, socket); // before binding, so a port that is taken still gets its socket disposed
            socket.Bind(new IPEndPoint(address, port));
            _loops.Add(Task.Run(() => ServeAsync(socket, _stop.Token)));
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[ProbeBufferBytes];
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveFromResult probe;
            try
            {
                probe = await socket.ReceiveFromAsync(buffer, SocketFlags.None, AnySource, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A stale ICMP error from an earlier reply must not stop the printer from answering.
                continue;
            }

            // The payload is ignored on purpose: real printers answer any probe (§1.1, Slugger2k/ffpp).
            _ = AnswerAsync(socket, (IPEndPoint)probe.RemoteEndPoint, ct);
        }
    }

    /// <summary>
    /// A probe that reached the farm's segment address on <paramref name="port"/>: answered from this printer's own
    /// socket on that port, as a printer on a LAN answers a broadcast. Printers not listening on the port stay quiet.
    /// </summary>
    public void AnswerSegmentProbe(int port, IPEndPoint source)
    {
        if (_sockets.TryGetValue(port, out Socket? socket))
        {
            _ = AnswerAsync(socket, source, _stop.Token);
        }
    }

    private async Task AnswerAsync(Socket socket, IPEndPoint source, CancellationToken ct)
    {
        try
        {
            PrinterSnapshot printer = _options.Snapshot();
            if (!printer.AnswerDiscovery)
            {
                return;
            }

            await Delay.LatencyAsync(printer.Latency, ct).ConfigureAwait(false);
            byte[] reply = DiscoveryReply.Build(printer);
            if (printer.Fault == FlashForgeFault.WrongDiscoverySize)
            {
                reply = reply.Take(DiscoveryReply.WrongLength).ToArray();
            }

            // §1.1: the reply goes to the datagram's source ip:port, never to what the payload claims.
            if (await DatagramSend.SendAsync(token => socket.SendToAsync(reply, SocketFlags.None, source, token), ct).ConfigureAwait(false))
            {
                _counters.DiscoveryReplySent();
            }
            else
            {
                _counters.DiscoveryReplyFailed();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Disposed: nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (Socket socket in _sockets.Values)
        {
            socket.Dispose();
        }

        // The token source is left undisposed: late answers may still hold its token, and it owns no timer.
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }
}
