using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.FlashForge;

/// <summary>
/// One FlashForge printer. Reads open a console connection each and close it; G-code takes the
/// control session once and keeps it until <see cref="CloseAsync"/> (M602), so a pipeline of
/// lines is one session; jobs take it for their own exchange.
/// </summary>
internal sealed class FlashForgeConnection : PrinterConnection
{
    private readonly FlashForgeConnectionOptions _options;
    private FlashForgeControlSession? _session;
    private bool _faulted;

    public FlashForgeConnection(PrinterTarget target, FlashForgeConnectionOptions options)
        : base(target, PrinterVendor.FlashForge, options.Timeout) => _options = options;

    public override Task<PrinterStatus> ReadStatusAsync(CancellationToken cancel, Action<PrinterStatus>? deliver = null) =>
        FlashForgeStatusReader.ReadAsync(_options, cancel, deliver);

    public override async Task<PrinterGcodeReply> SendGcodeAsync(string command, CancellationToken cancel)
    {
        _session ??= await FlashForgeControlSession.OpenAsync(_options.WithoutCredential(), cancel).ConfigureAwait(false);
        try
        {
            return await FlashForgeGcode.SendAsync(_session, DisplayName, command, Timeout, cancel).ConfigureAwait(false);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    public override Task<PrinterJob> StartJobAsync(PrinterJobRequest request, IProgress<long>? progress, CancellationToken cancel) =>
        FlashForgeJobs.StartAsync(_options, request, progress, cancel);

    public override Task<IReadOnlyList<string>> ListFilesAsync(CancellationToken cancel) => FlashForgeJobs.ListAsync(_options, cancel);

    public override Task<byte[]> ThumbnailAsync(string fileName, CancellationToken cancel) => FlashForgeJobs.ThumbnailAsync(_options, fileName, cancel);

    public override Task<byte[]> SnapshotAsync(CancellationToken cancel) => MjpegCamera.SnapshotAsync(Address, CameraPort, "/?action=stream", Timeout, cancel);

    /// <summary>mjpg-streamer's port (notes §3.2); /?action=snapshot is not used: it timed out on a real Adventurer 3.</summary>
    private const int CameraPort = 8080;

    public override Task<byte[]> DownloadFileAsync(string fileName, CancellationToken cancel) =>
        throw NotSupported("download of stored files", "use -Thumbnail for the file's preview image");

    /// <summary>M602 for a session taken (awaited briefly after a fault), and the probe's connection if unused.</summary>
    public override async Task CloseAsync()
    {
        var session = Interlocked.Exchange(ref _session, null);
        if (session is not null)
        {
            await session.ReleaseAsync(afterFault: _faulted).ConfigureAwait(false);
        }
        _options.Probed?.Dispose();
    }

}
