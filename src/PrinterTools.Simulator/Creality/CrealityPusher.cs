using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The firmware's 1 s timer (creality.md §2): every <see cref="CrealityPrinterOptions.PushInterval"/> each client
/// gets the attributes that changed since its last frame, and nothing when none did. A client's first push,
/// sent as it connects, is the full dump.
/// </summary>
internal sealed class CrealityPusher : IAsyncDisposable
{
    private readonly CrealityPrinterOptions _options;
    private readonly CrealitySessions _sessions;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public CrealityPusher(CrealityPrinterOptions options, CrealitySessions sessions)
    {
        _options = options;
        _sessions = sessions;
    }

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    /// <summary>The full dump to a client that just connected (its first push has every key).</summary>
    public Task DumpAsync(CrealitySession session, CancellationToken ct) => PushAsync(new[] { session }, ct);

    private Task PushAsync(IReadOnlyCollection<CrealitySession> sessions, CancellationToken ct)
    {
        CrealitySnapshot printer = _options.Snapshot();
        IReadOnlyList<KeyValuePair<string, string>> attributes = CrealityAttributes.Of(printer, _sessions.Count);
        return Task.WhenAll(sessions.Select(s => s.PushAsync(attributes, (changed, first) => CrealityFrames.Push(changed, first, printer.Fault), ct)));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(_options.PushInterval, ct).ConfigureAwait(false);
                if (_sessions.Count > 0)
                {
                    await PushAsync(_sessions.All.ToArray(), ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
    }
}
