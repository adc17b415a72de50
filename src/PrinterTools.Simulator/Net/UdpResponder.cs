using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Net;

/// <summary>
/// A printer's discovery port on its own address: a datagram that is a question this printer answers gets one
/// reply, unicast to its source address and port after the printer's delay, from this address; anything else
/// gets nothing. Questions that reached the farm's segment address are answered the same way. Nothing is ever
/// broadcast or multicast, and only loopback sources are answered.
/// </summary>
internal abstract class UdpResponder : IAsyncDisposable
{
    private static readonly IPEndPoint AnySource = new(IPAddress.Any, 0);

    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task _loop = Task.CompletedTask;

    protected abstract int Port { get; }

    /// <summary>Questions are small: a longer datagram is truncated to this and so fails to parse.</summary>
    protected abstract int BufferBytes { get; }

    /// <summary>True where a desktop's own responder may hold the port too (mDNS on 5353).</summary>
    protected virtual bool SharesPort => false;

    protected abstract bool IsQuestion(ReadOnlySpan<byte> datagram);

    /// <summary>How long after the question the reply goes out; read for each one.</summary>
    protected abstract TimeSpan ReplyDelay { get; }

    /// <summary>The reply, built when it goes out; the vendor counts it there, so a test that has it sees it counted.</summary>
    protected abstract byte[] Reply();

    public void Start(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        if (SharesPort)
        {
            // avahi or systemd-resolved hold *:5353 with SO_REUSEADDR: without it too, binding our specific
            // address fails. Datagrams to this address still come here, the most specific binding.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }

        socket.Bind(new IPEndPoint(address, Port));
        _socket = socket;
        _loop = Task.Run(() => ServeAsync(socket, _stop.Token));
    }

    /// <summary>A question that reached the farm's segment address: answered from this printer's own socket.</summary>
    public void AnswerSegmentQuestion(IPEndPoint source, ReadOnlyMemory<byte> payload)
    {
        if (_socket is Socket socket)
        {
            Answer(socket, source, payload.Span, _stop.Token);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[BufferBytes];
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveFromResult question;
            try
            {
                question = await socket.ReceiveFromAsync(buffer, SocketFlags.None, AnySource, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a stale ICMP error from an earlier reply must not stop the responder
            }

            Answer(socket, (IPEndPoint)question.RemoteEndPoint, buffer.AsSpan(0, question.ReceivedBytes), ct);
        }
    }

    private void Answer(Socket socket, IPEndPoint source, ReadOnlySpan<byte> datagram, CancellationToken ct)
    {
        if (IPAddress.IsLoopback(source.Address) && IsQuestion(datagram))
        {
            _ = ReplyAsync(socket, source, ct);
        }
    }

    private async Task ReplyAsync(Socket socket, IPEndPoint source, CancellationToken ct)
    {
        try
        {
            await Delay.LatencyAsync(ReplyDelay, ct).ConfigureAwait(false);
            byte[] reply = Reply();
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
