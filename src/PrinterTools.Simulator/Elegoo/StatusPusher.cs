using System;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// Change-driven status pushes to every connected client (notes §3.7: "when they change"; nothing periodic, an
/// idle printer pushes nothing unasked). A short real-time tick brings the job up to date from its clock and
/// pushes when the codes, layer, whole percent, file or task changed; commands and uploads push at once.
/// </summary>
internal sealed class StatusPusher : IAsyncDisposable
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly ElegooPrinterOptions _options;
    private readonly SdcpPushFrames _frames;
    private readonly SdcpSessions _sessions;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private string? _lastKey;
    private Task _loop = Task.CompletedTask;

    public StatusPusher(ElegooPrinterOptions options, SdcpPushFrames frames, SdcpSessions sessions)
    {
        _options = options;
        _frames = frames;
        _sessions = sessions;
    }

    public void Start()
    {
        _lastKey = _frames.Codes(_options.Snapshot()).ChangeKey;
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>
    /// Runs a command's answer with pushes held off, so a state change the command makes is pushed only after its
    /// Ack (§3.4: Ack first, then the push), never in between by the tick.
    /// </summary>
    public async Task ExclusiveAsync(Func<Task> answer)
    {
        await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            await answer().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Pushes the status to every client when it changed since the last push; one push at a time, in order.</summary>
    public async Task PushIfChangedAsync()
    {
        try
        {
            await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            ElegooSnapshot printer = _options.Snapshot();
            string key = _frames.Codes(printer).ChangeKey;
            if (key == _lastKey)
            {
                return;
            }

            _lastKey = key;
            if (_sessions.Any)
            {
                await _sessions.BroadcastAsync(_frames.Status(printer), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed mid-push.
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await PushIfChangedAsync().ConfigureAwait(false);
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
