using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// UDP 3000 on the printer's address (notes §2): the exact probe <c>M99999</c> (whitespace trimmed) gets the flat
/// V3 JSON, unicast to the probe's source after ~90 ms; anything else (M66666, JSON, FlashForge probes) is ignored.
/// </summary>
internal sealed class ElegooDiscoveryServer : IAsyncDisposable
{
    // §2: probes are 6 bytes; a small buffer keeps farms small, longer datagrams are truncated and so ignored.
    private const int ProbeBufferBytes = 512;

    private static readonly IPEndPoint AnySource = new(IPAddress.Any, 0);

    private readonly ElegooPrinterOptions _options;
    private readonly ElegooCounters _counters;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task _loop = Task.CompletedTask;

    public ElegooDiscoveryServer(ElegooPrinterOptions options, ElegooCounters counters)
    {
        _options = options;
        _counters = counters;
    }

    public void Start(IPAddress address)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, ElegooFamilyDefaults.DiscoveryPort));
        Socket socket = _socket;
        _loop = Task.Run(() => ServeAsync(socket, _stop.Token));
    }

    /// <summary>The exact probe, or not: §2 and §9.1 "reply to exact M99999 (trim whitespace)".</summary>
    public static bool IsProbe(ReadOnlySpan<byte> payload) =>
        Encoding.ASCII.GetString(payload).Trim() == ElegooFamilyDefaults.DiscoveryProbe;

    /// <summary>The flat V3 reply of s4u-v1.1.9-discovery-reply.json / cc-v1.1.46-discovery-reply.json.</summary>
    public static string Reply(ElegooSnapshot p) => SdcpJson.Build(w =>
    {
        w.WriteString("Id", p.Defaults.DiscoveryId);
        w.WriteStartObject("Data");
        w.WriteString("Name", p.Name);
        w.WriteString("MachineName", p.MachineName);
        w.WriteString("BrandName", "ELEGOO");
        w.WriteString("MainboardIP", p.Address.ToString());
        w.WriteString("MainboardID", p.MainboardId);
        w.WriteString("ProtocolVersion", "V3.0.0");
        w.WriteString("FirmwareVersion", p.Firmware);
        w.WriteEndObject();
    });

    /// <summary>A probe that reached the farm's segment address: answered from this printer's own socket.</summary>
    public void AnswerSegmentProbe(IPEndPoint source, ReadOnlyMemory<byte> payload)
    {
        if (_socket is Socket socket && IsProbe(payload.Span))
        {
            _ = AnswerAsync(socket, source, _stop.Token);
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
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a stale ICMP error from an earlier reply must not stop discovery
            }

            if (IsProbe(buffer.AsSpan(0, probe.ReceivedBytes)))
            {
                _ = AnswerAsync(socket, (IPEndPoint)probe.RemoteEndPoint, ct);
            }
        }
    }

    private async Task AnswerAsync(Socket socket, IPEndPoint source, CancellationToken ct)
    {
        try
        {
            ElegooSnapshot printer = _options.Snapshot();
            await Delay.LatencyAsync(_options.DiscoveryDelay + printer.Latency, ct).ConfigureAwait(false);
            byte[] reply = Encoding.UTF8.GetBytes(Reply(printer));
            // Counted as it goes out, so a test that has the reply sees it counted.
            _counters.DiscoveryReplySent();
            // §2: unicast to the sender's source address and port.
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
