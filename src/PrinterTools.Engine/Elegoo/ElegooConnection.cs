using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;
using PrinterTools.Vendors;

namespace PrinterTools.Elegoo;

/// <summary>
/// One SDCP V3 printer (Centauri Carbon, Saturn 4 Ultra, Mars 5 Ultra ...). Every operation
/// goes over the printer's one WebSocket (<see cref="SdcpChannels"/>), taken by the first and
/// given back by <see cref="CloseAsync"/>: a Carbon serves five clients and may not free a slot
/// left open.
/// </summary>
internal sealed class ElegooConnection : PrinterConnection
{
    private const long MaxThumbnailBytes = 16L * 1024 * 1024;
    private const long MaxVideoBytes = 512L * 1024 * 1024;
    private const long MaxStoredFileBytes = 1024L * 1024 * 1024;
    /// <summary>How many of the newest history entries a thumbnail or video is looked for in.</summary>
    private const int HistoryEntriesSearched = 20;
    /// <summary>The Carbon's MJPEG stream (notes §6.4).</summary>
    private const int CameraPort = 3031;

    private SdcpChannels.Lease? _lease;
    private SdcpFamily? _family;

    public ElegooConnection(PrinterTarget target, TimeSpan timeout)
        : base(target, PrinterVendor.Elegoo, timeout) => _family = SdcpFamilies.FromModel(target.Known?.Model);

    public override Task<PrinterStatus> ReadStatusAsync(CancellationToken cancel, Action<PrinterStatus>? deliver = null) =>
        Deadline.RunAsync(Address, "an SDCP status", Timeout, cancel, async token =>
        {
            var status = await ReadAsync(token).ConfigureAwait(false);
            deliver?.Invoke(status);
            return status;
        });

    /// <summary>Attributes once where the name, model or family are not known, then a fresh status (Cmd 0).</summary>
    private async Task<PrinterStatus> ReadAsync(CancellationToken token)
    {
        var channel = await ChannelAsync(token).ConfigureAwait(false);
        if (channel.AttributesPushes == 0 && (Target.Known?.Model is null || string.IsNullOrEmpty(Target.Known.Name) || _family is null))
        {
            await RefreshAsync(channel, SdcpCommands.Attributes(), () => channel.AttributesPushes, token).ConfigureAwait(false);
        }
        await RefreshAsync(channel, SdcpCommands.Status(), () => channel.StatusPushes, token).ConfigureAwait(false);
        var (status, attributes) = channel.State.Snapshot();
        _family ??= SdcpFamilies.FromStatus(status) ?? SdcpFamilies.FromAttributes(attributes) ?? SdcpFamilies.FromMainboardId(channel.MainboardId);
        if (_family is not { } family)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, Address,
                $"{Address} speaks SDCP but reports neither a nozzle nor a UV LED, nor a file type it prints: it is not a printer PrinterTools knows.");
        }
        var canvas = family == SdcpFamily.Fdm && SdcpStatusMap.Integer(status, "AmsConnectStatus") == 1
            ? await CanvasAsync(channel, family, token).ConfigureAwait(false)
            : null;
        return SdcpStatusMap.ToStatus(Address, family, status, attributes, Target.Known, canvas);
    }

    /// <summary>How long the CANVAS data may take after its Ack; without it the status goes out without trays.</summary>
    private static readonly TimeSpan CanvasWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Cmd 324, sent only when the status says a CANVAS is connected: its data comes in the Ack
    /// frame or in a second response (both are reported, notes §3.4).
    /// </summary>
    private async Task<JsonElement?> CanvasAsync(SdcpChannel channel, SdcpFamily family, CancellationToken token)
    {
        var request = SdcpCommands.Canvas(family);
        var later = channel.LaterResponse(request.Cmd).Count;
        var response = await channel.RequestAsync(request, token).ConfigureAwait(false);
        if (response.Ack is not 0)
        {
            return null;
        }
        if (response.Payload.TryGetProperty("canvas_list", out _))
        {
            return response.Payload;
        }
        using var window = CancellationTokenSource.CreateLinkedTokenSource(token);
        window.CancelAfter(CanvasWait);
        try
        {
            await channel.WaitAsync(() => channel.LaterResponse(request.Cmd).Count > later, window.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return null;
        }
        return channel.LaterResponse(request.Cmd).Frame!.Payload;
    }

    /// <summary>Cmd 0 or 1: an Ack, then a separate push (notes §3.4), which may also have come first.</summary>
    private async Task RefreshAsync(SdcpChannel channel, SdcpRequest request, Func<int> pushes, CancellationToken token)
    {
        var before = pushes();
        var ack = await channel.RequestAsync(request, token).ConfigureAwait(false);
        CheckAck(ack, request);
        await channel.WaitAsync(() => pushes() > before, token).ConfigureAwait(false);
    }

    private void CheckAck(SdcpFrame response, SdcpRequest request)
    {
        if (response.Ack is not { } ack)
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, Address, $"{Address} answered {request.Description} without an Ack.");
        }
        if (ack != 0)
        {
            throw new PrinterException(PrinterErrorKind.CommandRefused, Address, $"{Address} answered {request.Description}: {SdcpCodes.Ack(ack)}.");
        }
    }

    /// <summary>
    /// The printer's channel; one that broke (the printer closed it, or restarted) is given back
    /// and the next operation opens a new one: a -Wait outlives a dropped socket.
    /// </summary>
    private async Task<SdcpChannel> ChannelAsync(CancellationToken token)
    {
        if (_lease is { Channel.IsBroken: true } broken)
        {
            _lease = null;
            await broken.DisposeAsync().ConfigureAwait(false);
        }
        return (_lease ??= await SdcpChannels.AcquireAsync(Address, Target.Known?.SerialNumber, Timeout, token).ConfigureAwait(false)).Channel;
    }

    public override async Task<PrinterJob> StartJobAsync(PrinterJobRequest request, IProgress<long>? progress, CancellationToken cancel)
    {
        var name = request.TargetName;
        var status = await ReadStatusAsync(cancel).ConfigureAwait(false);
        var family = _family!.Value;
        if (CheckFileName(family, name, request.LocalPath is not null) is { } problem)
        {
            throw new PrinterException(PrinterErrorKind.NotSupported, Address, $"{DisplayName} ({status.Model ?? "SDCP"}): {problem}");
        }
        // An idle machine takes a job whatever its last one's end (stopped, completed, failed).
        if (status.Raw["MachineStatus"] is not 0L)
        {
            // Refused before any byte is sent: the printer would take the upload and then not start it.
            throw new PrinterException(PrinterErrorKind.Busy, Address,
                $"{DisplayName} is {status.State}{(status.FileName is { } f ? $" ('{f}')" : "")}; nothing was {(request.LocalPath is null ? "started" : "uploaded")}.");
        }
        if (family == SdcpFamily.Resin && (request.LevelBed || request.Timelapse))
        {
            request.Warn?.Invoke($"{DisplayName} is a resin printer: -LevelBed and -Timelapse apply to the Centauri Carbon only and were ignored.");
        }
        long uploaded = 0;
        if (request.LocalPath is { } path)
        {
            uploaded = await UploadAsync(family, path, name, progress, cancel).ConfigureAwait(false);
        }
        await request.BeforeStartAsync(cancel).ConfigureAwait(false);
        await Deadline.RunAsync(Address, $"the start of '{name}'", Timeout, cancel, token => StartAsync(family, request, name, uploaded > 0, token)).ConfigureAwait(false);
        return new PrinterJob
        {
            Name = DisplayName,
            Address = Address,
            FileName = name,
            State = PrinterState.Printing,
            StartedAt = DateTime.Now,
            BytesUploaded = uploaded,
        };
    }

    /// <summary>
    /// The chunked upload, then the printer's own check of the file: it is listed by Cmd 258 when
    /// its MD5 matched, or an sdcp/error says it did not (and the printer discarded it).
    /// </summary>
    private async Task<long> UploadAsync(SdcpFamily family, string path, string name, IProgress<long>? progress, CancellationToken cancel)
    {
        var channel = await ChannelAsync(cancel).ConfigureAwait(false);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var md5 = PrinterHttp.Md5Of(file);
        var errorsBefore = channel.ErrorFrames;
        // The Carbon's own clients upload on port 80; resin boards serve only 3030 (notes §1, §12).
        var port = family == SdcpFamily.Fdm ? SdcpHttp.CarbonHttpPort : SdcpWebSocket.Port;
        try
        {
            file.Position = 0;
            await SdcpUpload.SendAsync(PrinterHttp.Client, UploadUri(port), Address, name, file, md5, progress, Timeout, cancel).ConfigureAwait(false);
        }
        catch (PrinterException e) when (e.Kind == PrinterErrorKind.Unreachable && port != SdcpWebSocket.Port)
        {
            // Nothing was taken on port 80: the spec's port is the other one a Carbon may serve.
            file.Position = 0;
            await SdcpUpload.SendAsync(PrinterHttp.Client, UploadUri(SdcpWebSocket.Port), Address, name, file, md5, progress, Timeout, cancel).ConfigureAwait(false);
        }
        await Deadline.RunAsync(Address, $"its check of the uploaded '{name}'", Timeout, cancel, token =>
            UntilAsync(channel, async () =>
            {
                ThrowIfTransferFailed(channel, errorsBefore, name);
                return (await ListAsync(channel, token).ConfigureAwait(false)).Any(f => string.Equals(f.FileName, name, StringComparison.OrdinalIgnoreCase));
            }, () => channel.ErrorFrames > errorsBefore, token)).ConfigureAwait(false);
        ThrowIfTransferFailed(channel, errorsBefore, name);
        return file.Length;
    }

    /// <summary>
    /// Asks <paramref name="check"/> until it holds: again after the next push, or
    /// <paramref name="stop"/>, or a second, whichever comes first (pushes are not promised).
    /// </summary>
    private static async Task<bool> UntilAsync(SdcpChannel channel, Func<Task<bool>> check, Func<bool> stop, CancellationToken token)
    {
        while (true)
        {
            var seen = channel.StatusPushes;
            if (await check().ConfigureAwait(false))
            {
                return true;
            }
            using var pause = CancellationTokenSource.CreateLinkedTokenSource(token);
            pause.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await channel.WaitAsync(() => stop() || channel.StatusPushes > seen, pause.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
            }
        }
    }

    private Uri UploadUri(int port) => new($"http://{Address}:{port}/uploadFile/upload");

    private void ThrowIfTransferFailed(SdcpChannel channel, int errorsBefore, string name)
    {
        if (channel.ErrorFrames > errorsBefore)
        {
            throw new PrinterException(PrinterErrorKind.CommandRefused, Address,
                $"{DisplayName} did not keep the uploaded '{name}': {SdcpCodes.TransferError(channel.LastErrorCode ?? 0)}.");
        }
    }

    /// <summary>
    /// Cmd 128 with the family's payload. A resin board answers "busy" for about 15 s after it took
    /// an upload (notes §4): only then is the start asked again, once a second, within -Timeout.
    /// </summary>
    private async Task<bool> StartAsync(SdcpFamily family, PrinterJobRequest request, string name, bool justUploaded, CancellationToken token)
    {
        var channel = await ChannelAsync(token).ConfigureAwait(false);
        var (status, _) = channel.State.Snapshot();
        var platform = SdcpStatusMap.Integer(status, "PlatFormType") ?? 0;
        var start = SdcpCommands.Start(family, name, request.StartLayer, request.LevelBed && family == SdcpFamily.Fdm, request.Timelapse && family == SdcpFamily.Fdm, platform);
        while (true)
        {
            var ack = (await channel.RequestAsync(start, token).ConfigureAwait(false)).Ack;
            if (ack == 0)
            {
                // Read back, not trusted: the job counts as started once the machine reports it
                // (until then an idle printer still shows its last job's end, which -Wait would take for this one's).
                return await UntilAsync(channel, async () =>
                {
                    if (SdcpStatusMap.MachineStatus(channel.State.Snapshot().Status) == 1)
                    {
                        return true;
                    }
                    await RefreshAsync(channel, SdcpCommands.Status(), () => channel.StatusPushes, token).ConfigureAwait(false);
                    return false;
                }, () => false, token).ConfigureAwait(false);
            }
            if (ack == 1 && justUploaded && family == SdcpFamily.Resin)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                continue;
            }
            throw ack is null
                ? new PrinterException(PrinterErrorKind.ProtocolError, Address, $"{Address} answered {start.Description} without an Ack.")
                : new PrinterException(ack switch { 1 => PrinterErrorKind.Busy, 2 => PrinterErrorKind.FileNotFound, _ => PrinterErrorKind.CommandRefused }, Address,
                    $"{DisplayName} did not start '{name}': {SdcpCodes.StartAck(ack.Value)}.");
        }
    }

    /// <summary>Cmd 403 on the Centauri Carbon; resin printers have no light to switch.</summary>
    public override async Task SendLightAsync(bool on, CancellationToken cancel)
    {
        if (_family != SdcpFamily.Fdm)
        {
            throw NotSupported("switching the light", "only the Centauri Carbon has a light that SDCP switches");
        }
        await AcknowledgedAsync(SdcpCommands.Light(on), cancel).ConfigureAwait(false);
    }

    // The Centauri Carbon's ranges as elegoo-homeassistant clamps its Cmd 403 values (sdcp.md, Cmd 403 row);
    // its status reports no maximum. The notes give no box limit, so the chamber gets the conservative bound.
    private static readonly PrinterHeaterLimit CarbonNozzle = new(320, "the Centauri Carbon's range");
    private static readonly PrinterHeaterLimit CarbonBed = new(110, "the Centauri Carbon's range");

    /// <summary>The Carbon's nozzle, bed and box; resin printers have no heater SDCP sets.</summary>
    public override IReadOnlyDictionary<PrinterHeater, PrinterHeaterLimit> HeaterLimits(PrinterStatus status) =>
        _family == SdcpFamily.Fdm
            ? new Dictionary<PrinterHeater, PrinterHeaterLimit>
            {
                [PrinterHeater.Nozzle] = CarbonNozzle,
                [PrinterHeater.Bed] = CarbonBed,
                [PrinterHeater.Chamber] = PrinterTemperatures.ConservativeChamber,
            }
            : throw NotSupported("setting temperatures", "only the Centauri Carbon has heaters that SDCP sets; nothing was sent");

    /// <summary>Cmd 403 with the asked targets alone.</summary>
    public override Task SendTemperatureAsync(PrinterTemperatureTargets targets, CancellationToken cancel) =>
        AcknowledgedAsync(SdcpCommands.Temperatures(targets), cancel);

    /// <summary>The Carbon's three fans, read back from CurrentFanSpeed (in Raw as ModelFanSpeed and so on); resin printers have none.</summary>
    public override PrinterFanControl? Fan(PrinterStatus status, PrinterFan fan)
    {
        if (_family != SdcpFamily.Fdm)
        {
            throw NotSupported("fan control", "only the Centauri Carbon has fans that SDCP sets; nothing was sent");
        }
        var key = SdcpCommands.FanKey(fan) + "Speed";
        return new PrinterFanControl { ReadPercent = s => PrinterRawFields.Number(s, key) };
    }

    /// <summary>Cmd 403 with TargetFanSpeed of the one fan.</summary>
    public override Task SendFanAsync(PrinterFan fan, int percent, CancellationToken cancel) =>
        AcknowledgedAsync(SdcpCommands.FanSpeed(fan, percent), cancel);

    /// <summary>Cmd 129 / 131 / 130, once.</summary>
    public override Task SendJobActionAsync(PrinterJobAction action, CancellationToken cancel) =>
        AcknowledgedAsync(SdcpCommands.JobAction(action), cancel);

    /// <summary>One request whose Ack is all its answer; an Ack other than 0 is the printer's refusal, in its words.</summary>
    private Task AcknowledgedAsync(SdcpRequest request, CancellationToken cancel) =>
        Deadline.RunAsync(Address, request.Description, Timeout, cancel, async token =>
        {
            var channel = await ChannelAsync(token).ConfigureAwait(false);
            CheckAck(await channel.RequestAsync(request, token).ConfigureAwait(false), request);
            return true;
        });

    public override Task<IReadOnlyList<PrinterFile>> ListFilesAsync(CancellationToken cancel) =>
        Deadline.RunAsync(Address, "the file list (Cmd 258)", Timeout, cancel, async token =>
            (IReadOnlyList<PrinterFile>)await ListAsync(await ChannelAsync(token).ConfigureAwait(false), token).ConfigureAwait(false));

    /// <summary>Cmd 258: the list is in the Ack frame (resin) or in a second response frame (the Carbon, notes §3.4).</summary>
    private async Task<List<PrinterFile>> ListAsync(SdcpChannel channel, CancellationToken token)
    {
        var request = SdcpCommands.Files();
        var later = channel.LaterResponse(request.Cmd).Count;
        var response = await channel.RequestAsync(request, token).ConfigureAwait(false);
        CheckAck(response, request);
        var payload = response.Payload;
        if (!payload.TryGetProperty("FileList", out _))
        {
            await channel.WaitAsync(() => channel.LaterResponse(request.Cmd).Count > later, token).ConfigureAwait(false);
            payload = channel.LaterResponse(request.Cmd).Frame!.Payload;
        }
        return SdcpFileList.Parse(payload)
            ?? throw new PrinterException(PrinterErrorKind.ProtocolError, Address, $"{Address} answered {request.Description} without a FileList array.");
    }

    /// <summary>Cmd 259 with every path at once, Ack checked; the list read back tells whether they went (an S4U acks a missing path too).</summary>
    public override Task SendRemoveFilesAsync(IReadOnlyList<string> fileNames, CancellationToken cancel) =>
        AcknowledgedAsync(SdcpCommands.DeleteFiles(fileNames), cancel);

    public override PrinterException? FileRemovalUnsupported => null;

    public override Task<byte[]> ThumbnailAsync(string fileName, CancellationToken cancel) =>
        FromHistoryAsync(fileName, "Thumbnail", "thumbnail", MaxThumbnailBytes, cancel);

    public override Task<byte[]> TimelapseAsync(string fileName, CancellationToken cancel) =>
        FromHistoryAsync(fileName, "TimeLapseVideoUrl", "time-lapse video", MaxVideoBytes, cancel);

    /// <summary>
    /// SDCP names thumbnails and videos only in the print history (Cmd 320, 321; notes §6.2): the
    /// newest entry that printed the file gives the URL, which is fetched from the printer itself.
    /// </summary>
    private async Task<byte[]> FromHistoryAsync(string fileName, string urlField, string what, long maxBytes, CancellationToken cancel)
    {
        var url = await Deadline.RunAsync(Address, "its print history", Timeout, cancel, async token =>
        {
            var channel = await ChannelAsync(token).ConfigureAwait(false);
            var history = SdcpCommands.History();
            var tasks = await channel.RequestAsync(history, token).ConfigureAwait(false);
            CheckAck(tasks, history);
            var ids = tasks.Payload.TryGetProperty("HistoryData", out var data) && data.ValueKind == JsonValueKind.Array
                ? data.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).Take(HistoryEntriesSearched).ToList()
                : new List<string>();
            if (ids.Count == 0)
            {
                return null;
            }
            var detail = SdcpCommands.HistoryDetail(ids);
            var details = await channel.RequestAsync(detail, token).ConfigureAwait(false);
            CheckAck(details, detail);
            if (!details.Payload.TryGetProperty("HistoryDetailList", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            return entries.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object && SdcpFrame.Text(e, "TaskName") is { } task
                    && PrinterFileName.FromPrinterPath(task).Equals(fileName, StringComparison.OrdinalIgnoreCase)
                    && SdcpFrame.Text(e, urlField) is { Length: > 0 })
                .OrderByDescending(e => e.TryGetProperty("EndTime", out var end) && end.TryGetInt64(out var t) ? t : 0)
                .Select(e => SdcpFrame.Text(e, urlField))
                .FirstOrDefault();
        }).ConfigureAwait(false);
        if (url is null)
        {
            throw new PrinterException(PrinterErrorKind.FileNotFound, Address, $"{DisplayName}'s print history has no {what} of '{fileName}'.");
        }
        var onPrinter = SdcpHttp.OnPrinter(Address, url)
            ?? throw new PrinterException(PrinterErrorKind.ProtocolError, Address,
                $"{DisplayName} names its {what} of '{fileName}' at '{PrinterText.Clean(url)}', which is not on one of its HTTP ports ({SdcpHttp.CarbonHttpPort}, {SdcpWebSocket.Port}).");
        return await PrinterHttp.GetAsync(Address, onPrinter, $"the {what} of '{fileName}'", maxBytes, Timeout, cancel).ConfigureAwait(false);
    }

    public override async Task<byte[]> SnapshotAsync(CancellationToken cancel)
    {
        if (await FamilyAsync(cancel).ConfigureAwait(false) == SdcpFamily.Resin)
        {
            throw NotSupported("camera snapshots", "resin printers stream their camera over RTSP only");
        }
        return await MjpegCamera.SnapshotAsync(Address, CameraPort, "/video", Timeout, cancel).ConfigureAwait(false);
    }

    public override async Task<byte[]> DownloadFileAsync(string fileName, CancellationToken cancel)
    {
        if (await FamilyAsync(cancel).ConfigureAwait(false) == SdcpFamily.Resin)
        {
            throw NotSupported("download of stored files", "resin printers offer no download route; use -Thumbnail for a file's preview image");
        }
        var uri = new Uri($"http://{Address}:{SdcpHttp.CarbonHttpPort}/downloadFile{SdcpCommands.LocalFolder}/{Uri.EscapeDataString(fileName)}");
        return await PrinterHttp.GetAsync(Address, uri, $"the stored file '{fileName}'", MaxStoredFileBytes, Timeout, cancel).ConfigureAwait(false);
    }

    /// <summary>The family from what is known, else from one status read.</summary>
    private async Task<SdcpFamily> FamilyAsync(CancellationToken cancel)
    {
        if (_family is null)
        {
            await ReadStatusAsync(cancel).ConfigureAwait(false);
        }
        return _family!.Value;
    }

    /// <summary>The shared rules, then the family's file types.</summary>
    internal static string? CheckFileName(SdcpFamily family, string name, bool forUpload) =>
        PrinterFileName.CheckPlain(name, forUpload) ?? PrinterFileName.CheckExtension(name, SdcpFamilies.Extensions(family));

    public override async Task CloseAsync()
    {
        var lease = Interlocked.Exchange(ref _lease, null);
        if (lease is not null)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
