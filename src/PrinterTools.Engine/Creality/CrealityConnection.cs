using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;
using PrinterTools.Vendors;
using static PrinterTools.Creality.CrealityValues;

namespace PrinterTools.Creality;

/// <summary>
/// One Creality printer (K1 series, K2 family, Ender-3 V3 family, Hi ...): status, G-code and
/// job starts over its WebSocket, uploads and pictures over HTTP on port 80. The WebSocket opens
/// with the first operation and is closed by <see cref="CloseAsync"/>; one the printer closed
/// (a K1 does right after a start) is opened again by the next operation.
/// </summary>
internal sealed class CrealityConnection : PrinterConnection
{
    private const long MaxPictureBytes = 16L * 1024 * 1024;
    private const long MaxVideoBytes = 512L * 1024 * 1024;
    /// <summary>mjpg-streamer of the K1 series (creality.md §8).</summary>
    private const int CameraPort = 8080;
    /// <summary>How long the filament-box data may take; without it the status goes out without it.</summary>
    private static readonly TimeSpan BoxesWait = TimeSpan.FromSeconds(2);

    private CrealityChannel? _channel;

    public CrealityConnection(PrinterTarget target, TimeSpan timeout) : base(target, PrinterVendor.Creality, timeout)
    {
    }

    public override Task<PrinterStatus> ReadStatusAsync(CancellationToken cancel, Action<PrinterStatus>? deliver = null) =>
        Deadline.RunAsync(Address, "a Creality status", Timeout, cancel, async token =>
        {
            var channel = await ChannelAsync(token).ConfigureAwait(false);
            if (Integer(channel.Snapshot(), "cfsConnect") == 1 && channel.Seen("boxsInfo") == 0)
            {
                await BoxesAsync(channel, token).ConfigureAwait(false);
            }
            var status = CrealityStatusMap.ToStatus(Address, channel.Snapshot(), Target.Known);
            deliver?.Invoke(status);
            return status;
        });

    /// <summary>The CFS data, asked once per socket (later changes come as boxState pushes); a printer that does not answer it in time is read without it.</summary>
    private static async Task BoxesAsync(CrealityChannel channel, CancellationToken token)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(token);
        window.CancelAfter(BoxesWait);
        try
        {
            await channel.GetAsync(CrealityRequests.Boxes(), new[] { "boxsInfo" }, window.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
        }
    }

    /// <summary>The printer's socket, opened (and its full dump read) now if there is none or it broke.</summary>
    private async Task<CrealityChannel> ChannelAsync(CancellationToken token)
    {
        if (_channel is { IsBroken: true } broken)
        {
            _channel = null;
            await broken.CloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        return _channel ??= await CrealityChannel.OpenAsync(Address, Timeout, token).ConfigureAwait(false);
    }

    /// <summary>gcodeCmd gets no reply (creality.md §6): a line counts as sent once the socket took it; Response stays empty.</summary>
    public override async Task<PrinterGcodeReply> SendGcodeAsync(string command, CancellationToken cancel)
    {
        await SetAsync(CrealityRequests.Gcode(command), $"'{command}'", cancel).ConfigureAwait(false);
        return new PrinterGcodeReply { Name = DisplayName, Address = Address, Command = command, Response = "", Succeeded = true };
    }

    public override async Task<PrinterJob> StartJobAsync(PrinterJobRequest request, IProgress<long>? progress, CancellationToken cancel)
    {
        var name = request.TargetName;
        if (PrinterVendors.Find(Vendor)!.CheckFileName(name, request.LocalPath is not null) is { } problem)
        {
            throw new PrinterException(PrinterErrorKind.NotSupported, Address, $"{DisplayName}: {problem}");
        }
        var status = await ReadStatusAsync(cancel).ConfigureAwait(false);
        var state = _channel!.Snapshot();
        if (CrealityStatusMap.IsBusy(Integer(state, "state"), Integer(state, "deviceState")))
        {
            // Refused before any byte is sent: the printer would take the upload and then not start it.
            throw new PrinterException(PrinterErrorKind.Busy, Address,
                $"{DisplayName} is {status.State}{(status.FileName is { } f ? $" ('{f}')" : "")}; nothing was {(request.LocalPath is null ? "started" : "uploaded")}.");
        }
        if (request.Timelapse)
        {
            request.Warn?.Invoke($"{DisplayName} is a Creality printer: time-lapse is a setting on the printer, not of a job; -Timelapse was ignored.");
        }
        if (request.StartLayer > 0)
        {
            request.Warn?.Invoke($"{DisplayName} is a Creality printer, which offers no start layer; -StartLayer was ignored.");
        }
        long uploaded = 0;
        if (request.LocalPath is { } path)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            var md5 = PrinterHttp.Md5Of(file);
            file.Position = 0;
            await CrealityUpload.SendAsync(PrinterHttp.Client, Address, name, file, md5, progress, Timeout, cancel).ConfigureAwait(false);
            uploaded = file.Length;
        }
        await request.BeforeStartAsync(cancel).ConfigureAwait(false);
        await Deadline.RunAsync(Address, $"the start of '{name}'", Timeout, cancel, token => StartAsync(name, request.LevelBed, token)).ConfigureAwait(false);
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
    /// opGcodeFile printprt: with the file's full path. The printer sends no reply: the start is
    /// read back from the state that follows. A K1 closes the socket right after it accepts a
    /// start (OrcaSlicer #14330): a new socket's full dump then tells.
    /// </summary>
    private async Task<bool> StartAsync(string name, bool levelBed, CancellationToken token)
    {
        var channel = await ChannelAsync(token).ConfigureAwait(false);
        var printerPath = await PrinterPathAsync(channel, name, token).ConfigureAwait(false);
        await channel.SendAsync(CrealityRequests.Start(printerPath, levelBed)).ConfigureAwait(false);
        while (true)
        {
            try
            {
                await channel.WaitAsync(() => Started(channel.Snapshot(), name), token).ConfigureAwait(false);
                return true;
            }
            catch (PrinterException e) when (e.Kind == PrinterErrorKind.Unreachable && !token.IsCancellationRequested)
            {
                channel = await ChannelAsync(token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A job runs or is being set up (self-test, heating), and it is this file's.</summary>
    private static bool Started(IReadOnlyDictionary<string, JsonElement> state, string name) =>
        Integer(state, "state") is 1 or 5 or 6 or 8 or 9
        && (Text(state, "printFileName") is not { Length: > 0 } path || PrinterFileName.FromPrinterPath(path).Equals(name, StringComparison.Ordinal));

    /// <summary>
    /// Where the printer keeps <paramref name="name"/>: the path its file list gives, else the
    /// model's G-code folder (creality.md §7). A file the list does not have is not started.
    /// </summary>
    private async Task<string> PrinterPathAsync(CrealityChannel channel, string name, CancellationToken token) =>
        PrinterPath(channel, await ListAsync(channel, token).ConfigureAwait(false), name);

    private string PrinterPath(CrealityChannel channel, IReadOnlyList<CrealityStoredFile> files, string name)
    {
        var file = files.FirstOrDefault(f => f.Name.Equals(name, StringComparison.Ordinal))
            ?? throw new PrinterException(PrinterErrorKind.FileNotFound, Address, $"{DisplayName} has no file '{name}' (its file list has {files.Count}).");
        var folder = CrealityModel.FromCode(Text(channel.Snapshot(), "model"))?.GcodeFolder;
        return file.PrinterPath ?? (folder is null
            ? throw new PrinterException(PrinterErrorKind.NotSupported, Address,
                $"{DisplayName} lists '{name}' without its path, and PrinterTools does not know where a {Text(channel.Snapshot(), "model") ?? "printer of unknown model"} keeps G-code.")
            : folder + name);
    }

    /// <summary>pause 1 / 0 and stop 1 get no reply (creality.md §6): sent once, the state that follows tells.</summary>
    public override Task SendJobActionAsync(PrinterJobAction action, CancellationToken cancel) =>
        SetAsync(action switch
        {
            PrinterJobAction.Suspend => CrealityRequests.Pause(true),
            PrinterJobAction.Resume => CrealityRequests.Pause(false),
            _ => CrealityRequests.Stop(),
        }, "a job command", cancel);

    public override Task SendLightAsync(bool on, CancellationToken cancel) => SetAsync(CrealityRequests.Light(on), "the light command", cancel);

    /// <summary>One set, which the printer never answers: done once the socket took it.</summary>
    /// <summary>
    /// The limits the printer reports (maxNozzleTemp, maxBedTemp, maxBoxTemp; creality.md §3), else the conservative
    /// bounds; a chamber only where maxBoxTemp is reported (the K2 family), as boxTempControl is a K2 command (§6).
    /// </summary>
    public override IReadOnlyDictionary<PrinterHeater, PrinterHeaterLimit> HeaterLimits(PrinterStatus status)
    {
        var limits = new Dictionary<PrinterHeater, PrinterHeaterLimit>
        {
            [PrinterHeater.Nozzle] = Reported(status, "maxNozzleTemp") ?? PrinterTemperatures.ConservativeNozzle,
            [PrinterHeater.Bed] = Reported(status, "maxBedTemp") ?? PrinterTemperatures.ConservativeBed,
        };
        if (Reported(status, "maxBoxTemp") is { } box)
        {
            limits[PrinterHeater.Chamber] = box;
        }
        return limits;
    }

    private static PrinterHeaterLimit? Reported(PrinterStatus status, string key) =>
        PrinterRawFields.Number(status, key) is { } max && max > 0 && max < 1000 ? new PrinterHeaterLimit((int)max, $"the printer's own {key}") : null;

    /// <summary>One set per heater asked, each once (§6); no reply, the pushed targets show the result.</summary>
    public override async Task SendTemperatureAsync(PrinterTemperatureTargets targets, CancellationToken cancel)
    {
        foreach (var (heater, target) in targets.Asked())
        {
            await SetAsync(CrealityRequests.Temperature(heater, target), $"the {PrinterTemperatures.Name(heater)} temperature command", cancel).ConfigureAwait(false);
        }
    }

    public override PrinterFanControl? Fan(PrinterStatus status, PrinterFan fan) => FanControl(status, fan);

    /// <summary>
    /// A fan is there when the printer reports its speed or its on/off flag (§3). Its speed is read back from the
    /// percent; a printer that reports only the flag shows no speed to wait for, so the speed is not read back.
    /// </summary>
    internal static PrinterFanControl? FanControl(PrinterStatus status, PrinterFan fan)
    {
        var (percentKey, switchKey) = CrealityRequests.FanKeys(fan);
        if (status.Raw.Contains(percentKey))
        {
            return new PrinterFanControl { ReadPercent = s => PrinterRawFields.Number(s, percentKey) };
        }
        return status.Raw.Contains(switchKey) ? new PrinterFanControl() : null;
    }

    /// <summary>M106 P&lt;fan&gt; S&lt;0-255&gt; as gcodeCmd (§6); no reply.</summary>
    public override Task SendFanAsync(PrinterFan fan, int percent, CancellationToken cancel) =>
        SetAsync(CrealityRequests.FanSpeed(fan, percent), "the fan command", cancel);

    private Task SetAsync(string frame, string what, CancellationToken cancel) =>
        Deadline.RunAsync(Address, what, Timeout, cancel, async token =>
        {
            await (await ChannelAsync(token).ConfigureAwait(false)).SendAsync(frame).ConfigureAwait(false);
            return true;
        });

    public override Task<IReadOnlyList<PrinterFile>> ListFilesAsync(CancellationToken cancel) =>
        Deadline.RunAsync(Address, "the file list (reqGcodeFile)", Timeout, cancel, async token =>
            (IReadOnlyList<PrinterFile>)(await ListAsync(await ChannelAsync(token).ConfigureAwait(false), token).ConfigureAwait(false))
                .Select(f => new PrinterFile { FileName = f.Name, Size = f.Size, Modified = f.Created, EstimatedTime = f.EstimatedTime, Material = f.Material, NameAltered = f.NameAltered })
                .ToList());

    /// <summary>
    /// One <c>opGcodeFile deleteprt:&lt;path&gt;</c> per file (creality.md §6), the path from the printer's own list;
    /// every path is found before the first is sent. The printer does not answer: the list read back tells.
    /// </summary>
    public override Task SendRemoveFilesAsync(IReadOnlyList<string> fileNames, CancellationToken cancel) =>
        Deadline.RunAsync(Address, "the removal of stored files (deleteprt)", Timeout, cancel, async token =>
        {
            var channel = await ChannelAsync(token).ConfigureAwait(false);
            var files = await ListAsync(channel, token).ConfigureAwait(false);
            foreach (var path in fileNames.Select(name => PrinterPath(channel, files, name)).ToList())
            {
                await channel.SendAsync(CrealityRequests.Delete(path)).ConfigureAwait(false);
            }
            return true;
        });

    public override PrinterException? FileRemovalUnsupported => null;

    private async Task<List<CrealityStoredFile>> ListAsync(CrealityChannel channel, CancellationToken token)
    {
        var (key, value) = await channel.GetAsync(CrealityRequests.FileList(), CrealityFileList.ReplyKeys, token).ConfigureAwait(false);
        return CrealityFileList.Parse(key, value)
            ?? throw new PrinterException(PrinterErrorKind.ProtocolError, Address, $"{Address} answered reqGcodeFile with a {key} that is not a file list.");
    }

    /// <summary>
    /// A stored file's thumbnail, from the path its list entry names (in the firmware's
    /// "humbnail" folder, served under /downloads/humbnail/); the job in progress's preview is
    /// /downloads/original/current_print_image.png (creality.md §7).
    /// </summary>
    public override async Task<byte[]> ThumbnailAsync(string fileName, CancellationToken cancel)
    {
        var (picture, current) = await Deadline.RunAsync(Address, "its file list", Timeout, cancel, async token =>
        {
            var channel = await ChannelAsync(token).ConfigureAwait(false);
            var file = (await ListAsync(channel, token).ConfigureAwait(false)).FirstOrDefault(f => f.Name.Equals(fileName, StringComparison.Ordinal));
            var status = CrealityStatusMap.ToStatus(Address, channel.Snapshot(), Target.Known);
            return (file?.ThumbnailPath, status.FileName == fileName && status.State is not (PrinterState.Idle or PrinterState.Unknown));
        }).ConfigureAwait(false);
        if (picture is { Length: > 0 } && PrinterFileName.FromPrinterPath(picture) is { Length: > 0 } thumbnail)
        {
            return await DownloadAsync("/downloads/humbnail/" + Uri.EscapeDataString(thumbnail), $"the thumbnail of '{fileName}'", MaxPictureBytes, cancel).ConfigureAwait(false);
        }
        if (current)
        {
            return await DownloadAsync("/downloads/original/current_print_image.png", $"the preview of '{fileName}'", MaxPictureBytes, cancel).ConfigureAwait(false);
        }
        throw new PrinterException(PrinterErrorKind.FileNotFound, Address, $"{DisplayName} names no thumbnail of '{fileName}'.");
    }

    /// <summary>The newest time-lapse video of <paramref name="fileName"/> in reqElapseVideoList, from /downloads/video/.</summary>
    public override async Task<byte[]> TimelapseAsync(string fileName, CancellationToken cancel)
    {
        var video = await Deadline.RunAsync(Address, "its time-lapse list (reqElapseVideoList)", Timeout, cancel, async token =>
        {
            var channel = await ChannelAsync(token).ConfigureAwait(false);
            var (_, list) = await channel.GetAsync(CrealityRequests.Timelapses(), new[] { CrealityVideoList.ReplyKey }, token).ConfigureAwait(false);
            return CrealityVideoList.NewestVideoOf(list, fileName);
        }).ConfigureAwait(false);
        if (video is null)
        {
            throw new PrinterException(PrinterErrorKind.FileNotFound, Address, $"{DisplayName} lists no time-lapse video of '{fileName}'.");
        }
        return await DownloadAsync("/downloads/video/" + Uri.EscapeDataString(video), $"the time-lapse video of '{fileName}'", MaxVideoBytes, cancel).ConfigureAwait(false);
    }

    /// <summary>The K1 series' mjpg-streamer; the K2 family and newer models stream over WebRTC only.</summary>
    public override async Task<byte[]> SnapshotAsync(CancellationToken cancel)
    {
        var code = Target.Known?.Model ?? await Deadline.RunAsync(Address, "a Creality status", Timeout, cancel, async token =>
            Text((await ChannelAsync(token).ConfigureAwait(false)).Snapshot(), "model")).ConfigureAwait(false);
        var model = CrealityModel.FromCode(code) ?? CrealityModel.FromName(code);
        if (model is { HasMjpegCamera: false })
        {
            throw new PrinterException(PrinterErrorKind.NotSupported, Address,
                $"{DisplayName} is a {model.Name}, which streams its camera over WebRTC only; PrinterTools takes snapshots from the K1 series' MJPEG camera.");
        }
        return await MjpegCamera.SnapshotAsync(Address, CameraPort, "/?action=stream", Timeout, cancel).ConfigureAwait(false);
    }

    /// <summary>A path on the printer's own web server: names from the printer are escaped, never followed elsewhere.</summary>
    private Task<byte[]> DownloadAsync(string path, string what, long maxBytes, CancellationToken cancel) =>
        PrinterHttp.GetAsync(Address, new Uri($"http://{Address}:{CrealityInfo.HttpPort}{path}"), what, maxBytes, Timeout, cancel);

    public override async Task CloseAsync()
    {
        var channel = Interlocked.Exchange(ref _channel, null);
        if (channel is not null)
        {
            await channel.CloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }
}
