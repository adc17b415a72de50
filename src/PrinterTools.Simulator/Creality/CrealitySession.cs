using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// One WebSocket client of :9999 (creality.md §2): frames go out one at a time (pushes, replies and <c>ok</c> from
/// different threads), and the session remembers what it last sent of each attribute, so its first push is the
/// full dump and every later one only the keys that changed since.
/// </summary>
internal sealed class CrealitySession : WebSocketSession
{
    private readonly Dictionary<string, string> _sent = new(StringComparer.Ordinal);
    private readonly Func<bool> _goneSilent;

    /// <param name="silent">The SilentSocket fault: nothing is ever sent on this socket.</param>
    /// <param name="goneSilent">The GoesSilent fault: while it holds, nothing is sent on this open socket either.</param>
    public CrealitySession(int id, WebSocket socket, Socket tcp, bool silent, Func<bool> goneSilent, Action released)
        : base(id, socket, tcp, silent, maxMessageBytes: 1024 * 1024, released) =>
        _goneSilent = goneSilent;

    public override bool Silent => base.Silent || _goneSilent();

    /// <summary>
    /// Sends the attributes that differ from what this client last got (all of them the first time), rendered by
    /// <paramref name="render"/> (told whether it is the first frame); nothing when none changed.
    /// </summary>
    public Task PushAsync(IReadOnlyList<KeyValuePair<string, string>> attributes,
        Func<IReadOnlyList<KeyValuePair<string, string>>, bool, string> render, CancellationToken ct) =>
        SendUnderGateAsync(() =>
        {
            bool first = _sent.Count == 0;
            var changed = attributes.Where(a => !_sent.TryGetValue(a.Key, out string? was) || was != a.Value).ToArray();
            if (changed.Length == 0)
            {
                return null;
            }

            foreach ((string key, string value) in changed)
            {
                _sent[key] = value;
            }

            return render(changed, first);
        }, ct);

    /// <summary>Reads text messages until the client closes; each goes to <paramref name="onText"/> in order.</summary>
    public async Task ReceiveAsync(Func<CrealitySession, string, CancellationToken, Task> onText, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (!Closed)
        {
            (WebSocketMessageType type, string? text) = await ReadMessageAsync(buffer, ct).ConfigureAwait(false);
            if (type == WebSocketMessageType.Close)
            {
                Release();
                await CloseOutputAsync(ct).ConfigureAwait(false);
                return;
            }

            if (text is not null)
            {
                await onText(this, text, ct).ConfigureAwait(false);
            }
        }
    }
}
