using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Elegoo;

/// <summary>
/// One WebSocket per printer for the whole process: connections to the same address (an
/// address given twice, two cmdlets in one session) share it, and the last to finish closes
/// it. A Centauri Carbon answers a sixth client with HTTP 500 and may keep a stale slot until
/// it is restarted (notes §3.6), so a second socket to a printer is never worth opening.
/// Requests on a shared socket stay apart by their RequestID.
/// </summary>
internal static class SdcpChannels
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, Shared> Open = new(StringComparer.OrdinalIgnoreCase);

    internal sealed class Shared
    {
        public Shared(Task<SdcpChannel> opening) => Opening = opening;
        public Task<SdcpChannel> Opening { get; }
        public int Users;
    }

    /// <summary>The printer's channel, opened now or shared; dispose the lease to give it back.</summary>
    public static async Task<Lease> AcquireAsync(string address, string? mainboardId, TimeSpan timeout, CancellationToken cancel)
    {
        Shared shared;
        lock (Gate)
        {
            if (!Open.TryGetValue(address, out shared!) || shared.Opening.IsFaulted || shared.Opening.IsCanceled
                || shared.Opening.Status == TaskStatus.RanToCompletion && shared.Opening.Result.IsBroken)
            {
                // The open is bounded by -Timeout, not by one user's Ctrl+C: others may be waiting for it.
                shared = new Shared(OpenAsync(address, mainboardId, timeout));
                Open[address] = shared;
            }
            shared.Users++;
        }
        var lease = new Lease(address, shared);
        try
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancel.Register(() => cancelled.TrySetCanceled()))
            {
                await Task.WhenAny(shared.Opening, cancelled.Task).ConfigureAwait(false);
            }
            cancel.ThrowIfCancellationRequested();
            lease.Channel = await shared.Opening.ConfigureAwait(false);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<SdcpChannel> OpenAsync(string address, string? mainboardId, TimeSpan timeout)
    {
        using var window = new CancellationTokenSource(timeout);
        try
        {
            return await SdcpChannel.OpenAsync(address, mainboardId, timeout, window.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw new PrinterException(PrinterErrorKind.Timeout, address,
                $"{address} did not accept the SDCP WebSocket within {timeout.TotalSeconds:0.###} s.", e);
        }
    }

    /// <summary>One user's share of a printer's channel.</summary>
    internal sealed class Lease
    {
        private readonly string _address;
        private readonly Shared _shared;
        private int _released;

        internal Lease(string address, Shared shared)
        {
            _address = address;
            _shared = shared;
        }

        public SdcpChannel Channel { get; internal set; } = null!;

        /// <summary>The last user closes the socket, with its close handshake bounded to a second.</summary>
        public async Task DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }
            lock (Gate)
            {
                if (--_shared.Users > 0)
                {
                    return;
                }
                if (Open.TryGetValue(_address, out var current) && current == _shared)
                {
                    Open.Remove(_address);
                }
            }
            SdcpChannel channel;
            try
            {
                channel = await _shared.Opening.ConfigureAwait(false);
            }
            catch (Exception)
            {
                return; // it never opened: nothing to close
            }
            await channel.CloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }
}
