using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// Reads one client text message: <c>ping</c> (no reply, §3.5), non-JSON (ignored), or a request in the §3.2
/// envelope, with or without Topic, any Id/TimeStamp/From. A request is logged, then a Cmd outside the family's
/// set or a payload of the wrong shape drops the socket (the CC crash, §3.7); otherwise it is answered.
/// </summary>
internal sealed class SdcpCommandHandler
{
    /// <summary>What NotJsonFrames answers with: text a JSON parser chokes on at the first byte.</summary>
    public const string NotJsonText = "<html><body>sdcp: internal error</body></html>";

    private readonly ElegooPrinterOptions _options;
    private readonly ElegooCounters _counters;
    private readonly SdcpCommandReplies _replies;
    private readonly StatusPusher _pusher;

    public SdcpCommandHandler(ElegooPrinterOptions options, ElegooCounters counters, SdcpCommandReplies replies, StatusPusher pusher)
    {
        _options = options;
        _counters = counters;
        _replies = replies;
        _pusher = pusher;
    }

    public async Task HandleAsync(SdcpSession session, string text, CancellationToken ct)
    {
        if (text.Trim() == "ping")
        {
            return; // measured on CC1 and S4U16K: no text reply (§3.5, §12)
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            if (!TryReadRequest(document.RootElement, out int cmd, out JsonElement data, out string requestId))
            {
                return;
            }

            // Read before the command is logged: a test that waits for the log and then clears
            // the fault must not have its request answered.
            ElegooFault fault = _options.Fault;
            _counters.CommandReceived(session.Id, cmd, data.ValueKind == JsonValueKind.Undefined ? "null" : data.GetRawText(), requestId);
            if (!SdcpCommands.IsKnown(_options.Family, cmd) || !SdcpCommands.PayloadFits(cmd, data))
            {
                _counters.Crashed();
                session.Drop();
                return;
            }

            if (fault == ElegooFault.NoAck)
            {
                return;
            }

            await Delay.LatencyAsync(_options.Latency, ct).ConfigureAwait(false);
            if (fault == ElegooFault.NotJsonFrames)
            {
                await session.SendAsync(NotJsonText, ct).ConfigureAwait(false);
                return;
            }

            JsonElement payload = data;
            if (fault == ElegooFault.DropAfterCommand && cmd is 129 or 130 or 131 or 259 or 403)
            {
                _ = _replies.Answer(cmd, payload, requestId); // carried out, never acknowledged
                session.Drop();
                await _pusher.PushIfChangedAsync().ConfigureAwait(false);
                return;
            }

            await _pusher.ExclusiveAsync(async () =>
            {
                foreach (string frame in _replies.Answer(cmd, payload, requestId))
                {
                    await session.SendAsync(frame, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }

        await _pusher.PushIfChangedAsync().ConfigureAwait(false); // a state change goes to every client
    }

    /// <summary>§3.2: <c>{"Data":{"Cmd":n,"Data":{…},"RequestID":"…"}}</c>; everything else in the envelope is ignored.</summary>
    private static bool TryReadRequest(JsonElement root, out int cmd, out JsonElement data, out string requestId)
    {
        cmd = 0;
        data = default;
        requestId = string.Empty;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Data", out JsonElement envelope)
            || envelope.ValueKind != JsonValueKind.Object || !envelope.TryGetProperty("Cmd", out JsonElement cmdElement)
            || cmdElement.ValueKind != JsonValueKind.Number || !cmdElement.TryGetInt32(out cmd))
        {
            return false;
        }

        if (envelope.TryGetProperty("Data", out JsonElement inner))
        {
            data = inner.Clone();
        }

        // §3.3: echoed verbatim; any format works. A number is echoed as its text.
        if (envelope.TryGetProperty("RequestID", out JsonElement id))
        {
            requestId = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
        }

        return true;
    }
}
