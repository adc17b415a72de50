using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// Reads one client text message (creality.md §2): any JSON with <c>ModeCode</c> is a heartbeat answered
/// <c>ok</c>; <c>{"method":"get"|"set","params":{…}}</c> is logged key by key, then <c>get</c> keys are answered
/// one frame each and <c>set</c> keys applied in order with <c>opGcodeFile</c> last (FW-src CommondProc).
/// Anything else is ignored.
/// </summary>
internal sealed class CrealityRequestHandler
{
    private readonly CrealityPrinterOptions _options;
    private readonly CrealityCounters _counters;
    private readonly CrealityReplies _replies;
    private readonly CrealitySetCommands _commands;

    public CrealityRequestHandler(CrealityPrinterOptions options, CrealityCounters counters, CrealityReplies replies, CrealitySetCommands commands)
    {
        _options = options;
        _counters = counters;
        _replies = replies;
        _commands = commands;
    }

    public async Task HandleAsync(CrealitySession session, string text, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return; // not JSON: the firmware's parser drops it
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (text.Contains("\"ModeCode\"", System.StringComparison.Ordinal))
            {
                await HeartbeatAsync(session, text, ct).ConfigureAwait(false);
                return;
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("method", out JsonElement methodElement) || methodElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("params", out JsonElement parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            string method = methodElement.GetString()!;
            JsonProperty[] keys = parameters.EnumerateObject().ToArray();
            foreach (JsonProperty key in keys)
            {
                _counters.RequestReceived(session.Id, method, key.Name, text);
            }

            if (method == "get")
            {
                await AnswerAsync(session, keys, ct).ConfigureAwait(false);
            }
            else if (method == "set")
            {
                Apply(session, keys, parameters);
            }
        }
    }

    /// <summary>§2: the literal text frame <c>ok</c>, counted as it goes out (never on a silent socket).</summary>
    private async Task HeartbeatAsync(CrealitySession session, string text, CancellationToken ct)
    {
        _counters.RequestReceived(session.Id, string.Empty, "ModeCode", text);
        await Delay.LatencyAsync(_options.Latency, ct).ConfigureAwait(false);
        if (!session.Silent)
        {
            _counters.HeartbeatAnswered();
        }

        await session.SendAsync(CrealityFrames.Ok, ct).ConfigureAwait(false);
    }

    private async Task AnswerAsync(CrealitySession session, IReadOnlyList<JsonProperty> keys, CancellationToken ct)
    {
        foreach (JsonProperty key in keys)
        {
            if (_replies.Answer(key.Name, key.Value) is string reply)
            {
                await Delay.LatencyAsync(_options.Latency, ct).ConfigureAwait(false);
                await session.SendAsync(CrealityFrames.Reply(reply, _options.Fault), ct).ConfigureAwait(false);
            }
        }
    }

    private void Apply(CrealitySession session, IReadOnlyList<JsonProperty> keys, JsonElement parameters)
    {
        bool started = false;
        foreach (JsonProperty key in keys.OrderBy(k => k.Name == "opGcodeFile")) // stable: the others keep their order
        {
            started |= _commands.Apply(key.Name, key.Value, parameters);
        }

        if (started && _options.CloseAfterStart)
        {
            // §2 (OrcaSlicer #14330): the K1 drops the socket right after it accepts a start.
            _counters.SocketClosedAfterStart();
            session.Drop();
        }
    }
}
