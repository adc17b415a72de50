using System;
using System.IO;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// One SDCP WebSocket client: as every session, and dropped after <see cref="ElegooPrinterOptions.IdleClose"/>
/// without client traffic (§3.5, no close frame: the client sees 1006).
/// </summary>
internal sealed class SdcpSession : WebSocketSession
{
    private readonly ElegooPrinterOptions _options;

    public SdcpSession(int id, WebSocket socket, Socket tcp, ElegooPrinterOptions options, Action released)
        // A socket accepted under SilentSocket stays silent.
        : base(id, socket, tcp, silent: options.Fault == ElegooFault.SilentSocket, maxMessageBytes: 4 * 1024 * 1024, released)
    {
        _options = options;
    }

    /// <summary>
    /// Reads messages until the client closes or goes quiet; each text message goes to <paramref name="onText"/>
    /// in order. <paramref name="onIdle"/> runs just before a quiet socket is dropped, so it is counted before
    /// the client can see it go.
    /// </summary>
    public async Task ReceiveAsync(Func<SdcpSession, string, CancellationToken, Task> onText, Action onIdle, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            Task<(WebSocketMessageType Type, string? Text)> receive = ReadMessageAsync(buffer, ct);
            if (_options.IdleClose is TimeSpan limit && !await ArrivesWithinAsync(receive, limit, ct).ConfigureAwait(false))
            {
                // Counted before the drop: the client may look at the counter the moment it sees the socket go.
                onIdle();
                Drop();
                try
                {
                    await receive.ConfigureAwait(false); // the read ends with the socket
                }
                catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
                {
                }

                return;
            }

            (WebSocketMessageType Type, string? Text) message = await receive.ConfigureAwait(false);
            switch (message.Type)
            {
                case WebSocketMessageType.Close:
                    // The slot is free before the close is confirmed: a client that reconnects at once gets in (§3.6).
                    Release();
                    await CloseOutputAsync(ct).ConfigureAwait(false);
                    return;
                case WebSocketMessageType.Text when message.Text is not null:
                    await onText(this, message.Text, ct).ConfigureAwait(false);
                    break;
                default:
                    break; // binary frames mean nothing in SDCP
            }
        }
    }

    /// <summary>True when the message came before <paramref name="limit"/> passed: any client message restarts the count (§3.5).</summary>
    private static async Task<bool> ArrivesWithinAsync(Task receive, TimeSpan limit, CancellationToken ct)
    {
        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task timer = Task.Delay(limit, stopTimer.Token);
        Task first = await Task.WhenAny(receive, timer).ConfigureAwait(false);
        stopTimer.Cancel();
        return first == receive || ct.IsCancellationRequested;
    }
}
