using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The printer's <c>/usr/bin/mdns</c> (creality.md §1.2) on its own address, UDP 5353: a service-enumeration
/// query is answered unicast to the querier's address and port, from this address (§1.1: Creality Print takes
/// the printer's IP from the reply's source). Other datagrams get nothing. Nothing is ever multicast.
/// </summary>
internal sealed class CrealityMdnsResponder : IAsyncDisposable
{
    // Queries are a few dozen bytes; anything longer is truncated and so fails to parse.
    private const int QueryBufferBytes = 1500;

    private static readonly IPEndPoint AnySource = new(IPAddress.Any, 0);

    private readonly CrealityPrinterOptions _options;
    private readonly CrealityCounters _counters;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task _loop = Task.CompletedTask;

    public CrealityMdnsResponder(CrealityPrinterOptions options, CrealityCounters counters)
    {
        _options = options;
        _counters = counters;
    }

    public void Start(IPAddress address)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // A desktop's avahi or systemd-resolved holds *:5353 with SO_REUSEADDR: without it too, binding our
        // specific address fails. Datagrams to this address still come here, the most specific binding.
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(address, CrealityModelDefaults.MdnsPort));
        Socket socket = _socket;
        _loop = Task.Run(() => ServeAsync(socket, _stop.Token));
    }

    /// <summary>A query that reached the farm's segment address: answered from this printer's own socket.</summary>
    public void AnswerSegmentQuery(IPEndPoint source, ReadOnlyMemory<byte> payload)
    {
        if (_socket is Socket socket)
        {
            Answer(socket, source, payload.Span, _stop.Token);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[QueryBufferBytes];
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveFromResult query;
            try
            {
                query = await socket.ReceiveFromAsync(buffer, SocketFlags.None, AnySource, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a stale ICMP error from an earlier reply must not stop the responder
            }

            Answer(socket, (IPEndPoint)query.RemoteEndPoint, buffer.AsSpan(0, query.ReceivedBytes), ct);
        }
    }

    private void Answer(Socket socket, IPEndPoint source, ReadOnlySpan<byte> datagram, CancellationToken ct)
    {
        // Loopback only: a reply never leaves the machine (and a source is never multicast).
        if (!IPAddress.IsLoopback(source.Address) || DnsMessageBytes.TryParse(datagram) is not DnsMessage query || !ServiceEnumeration.IsQuery(query))
        {
            return;
        }

        _ = ReplyAsync(socket, source, ct);
    }

    private async Task ReplyAsync(Socket socket, IPEndPoint source, CancellationToken ct)
    {
        try
        {
            CrealitySnapshot printer = _options.Snapshot();
            await Delay.LatencyAsync(printer.Latency, ct).ConfigureAwait(false);
            byte[] reply = DnsMessageBytes.Encode(ServiceEnumeration.Reply(printer.SerialNumber));
            // Counted as it goes out, so a test that has the reply sees it counted.
            _counters.MdnsReplySent();
            await DatagramSend.SendAsync(token => socket.SendToAsync(reply, SocketFlags.None, source, token), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Disposed: nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket?.Dispose();
        await _loop.ConfigureAwait(false);
    }
}
