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
    private string? _model;

    public FlashForgeConnection(PrinterTarget target, FlashForgeConnectionOptions options)
        : base(target, PrinterVendor.FlashForge, options.Timeout) => _options = options;

    public override async Task<PrinterStatus> ReadStatusAsync(CancellationToken cancel, Action<PrinterStatus>? deliver = null)
    {
        var status = await FlashForgeStatusReader.ReadAsync(_options, cancel, deliver).ConfigureAwait(false);
        _model = status.Model;
        return status;
    }

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

    public override Task<IReadOnlyList<PrinterFile>> ListFilesAsync(CancellationToken cancel) => FlashForgeJobs.ListAsync(_options, cancel);

    /// <summary>Neither the console (notes §2.3) nor the HTTP API (§3.4) has a documented command that deletes a stored file.</summary>
    public override PrinterException? FileRemovalUnsupported =>
        NotSupported("removing stored files", "neither its console nor its HTTP API has a documented delete command (files are deleted on the printer's screen)");

    public override Task<byte[]> ThumbnailAsync(string fileName, CancellationToken cancel) => FlashForgeJobs.ThumbnailAsync(_options, fileName, cancel);

    public override Task<byte[]> SnapshotAsync(CancellationToken cancel) => MjpegCamera.SnapshotAsync(Address, CameraPort, "/?action=stream", Timeout, cancel);

    /// <summary>mjpg-streamer's port (notes §3.2); /?action=snapshot is not used: it timed out on a real Adventurer 3.</summary>
    private const int CameraPort = 8080;

    public override Task<byte[]> DownloadFileAsync(string fileName, CancellationToken cancel) =>
        throw NotSupported("download of stored files", "use -Thumbnail for the file's preview image");

    /// <summary>
    /// With the check code, on a model with the HTTP API, /control jobCtl_cmd (notes §3.4); a stop is followed by
    /// stateCtrl_cmd setClearPlatform once the printer reports the cancel, which clears the cancelled-job dialog a 5M
    /// otherwise keeps until someone clears it at its screen (§2), so the printer is ready for the next job. Without
    /// it, M25 / M24 / M26 in a control session of their own; a 5M stopped with M26 keeps that dialog.
    /// </summary>
    public override async Task SendJobActionAsync(PrinterJobAction action, CancellationToken cancel)
    {
        var serial = await ChangeAsync("jobCtl_cmd", new Dictionary<string, object>
        {
            ["jobID"] = "",
            ["action"] = action switch { PrinterJobAction.Suspend => "pause", PrinterJobAction.Resume => "continue", _ => "cancel" },
        }, action switch { PrinterJobAction.Suspend => "M25", PrinterJobAction.Resume => "M24", _ => "M26" }, cancel).ConfigureAwait(false);
        if (serial is not null && action == PrinterJobAction.Stop)
        {
            await PrinterReadBack.UntilAsync(this, status => status.State is PrinterState.Stopped or PrinterState.Idle, "stop its job",
                status => status?.State.ToString() ?? "no state", cancel).ConfigureAwait(false);
            await ControlAsync(serial, "stateCtrl_cmd", new Dictionary<string, object> { ["action"] = "setClearPlatform" }, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>HTTP lightControl_cmd with the check code (notes §3.4), else M146 r/g/b F0 over the console (§2).</summary>
    public override Task SendLightAsync(bool on, CancellationToken cancel) =>
        ChangeAsync("lightControl_cmd", new Dictionary<string, object> { ["status"] = on ? "open" : "close" },
            on ? "M146 r255 g255 b255 F0" : "M146 r0 g0 b0 F0", cancel);

    /// <summary>
    /// One change: /control <paramref name="control"/> when the check code was given and the model (from the last
    /// status read, or the piped printer) has the HTTP API, else <paramref name="consoleLine"/> in a control session
    /// of its own. Returns the serial number used over HTTP; null over the console.
    /// </summary>
    private async Task<string?> ChangeAsync(string control, Dictionary<string, object> args, string consoleLine, CancellationToken cancel)
    {
        if (_options.Credential is not null && FlashForgeModels.HasHttpApi(_model ?? Target.Known?.Model))
        {
            var serial = await FlashForgeJobs.SerialNumberAsync(_options, cancel).ConfigureAwait(false);
            await ControlAsync(serial, control, args, cancel).ConfigureAwait(false);
            return serial;
        }
        await FlashForgeControlSession.RunAsync(_options.WithoutCredential(), cancel, session => session.SendAsync(consoleLine, cancel)).ConfigureAwait(false);
        return null;
    }

    private async Task ControlAsync(string serial, string command, Dictionary<string, object> args, CancellationToken cancel)
    {
        var payload = new Dictionary<string, object> { ["cmd"] = command, ["args"] = args };
        using var reply = await FlashForgeHttpClient.PostAsync(_options, "control", serial, cancel, new Dictionary<string, object> { ["payload"] = payload }).ConfigureAwait(false);
    }

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
