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
    private FlashForgeConnectionOptions _options;
    private FlashForgeControlSession? _session;
    private bool _faulted;
    private string? _model;

    public FlashForgeConnection(PrinterTarget target, FlashForgeConnectionOptions options)
        : base(target, PrinterVendor.FlashForge, options.Timeout) => _options = options;

    public override async Task<PrinterStatus> ReadStatusAsync(CancellationToken cancel, Action<PrinterStatus>? deliver = null)
    {
        if (_options.Credential is not null)
        {
            await SerialNumberAsync(cancel).ConfigureAwait(false); // kept in the options the read uses
        }
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
    /// FlashForge printers report no limits, and the notes give none: the conservative bounds. A chamber heater only
    /// over HTTP on the Creator 5 family, whose /detail reports a chamber (one without sends -108, notes §3.3); the
    /// 5M family reports chamberTemp 0 but has no heater (its /product says chamberTempCtrlState 0).
    /// </summary>
    public override IReadOnlyDictionary<PrinterHeater, PrinterHeaterLimit> HeaterLimits(PrinterStatus status)
    {
        var limits = new Dictionary<PrinterHeater, PrinterHeaterLimit>
        {
            [PrinterHeater.Nozzle] = PrinterTemperatures.ConservativeNozzle,
            [PrinterHeater.Bed] = PrinterTemperatures.ConservativeBed,
        };
        if (UsesHttp && FlashForgeModels.HasChamberHeater(status.Model) && status.ChamberTemperature is not null)
        {
            limits[PrinterHeater.Chamber] = PrinterTemperatures.ConservativeChamber;
        }
        return limits;
    }

    /// <summary>HTTP temperatureCtl_cmd with the check code (notes §3.4), else M104 / M140 in one control session (§2.3).</summary>
    public override Task SendTemperatureAsync(PrinterTemperatureTargets targets, CancellationToken cancel) =>
        ChangeAsync("temperatureCtl_cmd", TemperatureArgs(targets), TemperatureLines(targets), cancel);

    /// <summary>-200 leaves a heater unchanged, -100 switches it off (notes §3.4); the left nozzle is never touched.</summary>
    internal static Dictionary<string, object> TemperatureArgs(PrinterTemperatureTargets targets)
    {
        static int Value(int? target) => target switch { null => Unchanged, 0 => HeaterOff, { } t => t };
        return new Dictionary<string, object>
        {
            ["rightNozzle"] = Value(targets.Nozzle),
            ["leftNozzle"] = Unchanged,
            ["platform"] = Value(targets.Bed),
            ["chamber"] = Value(targets.Chamber),
        };
    }

    /// <summary>
    /// M104 S&lt;t&gt; and M140 S&lt;t&gt; as whole numbers: Cura's decimals (S210.0) break some firmware (notes §2.3). The
    /// console has no chamber command; <see cref="HeaterLimits"/> offers a chamber only over HTTP.
    /// </summary>
    internal static IReadOnlyList<string> TemperatureLines(PrinterTemperatureTargets targets)
    {
        var lines = new List<string>();
        if (targets.Nozzle is { } nozzle)
        {
            lines.Add(FormattableString.Invariant($"M104 S{nozzle}"));
        }
        if (targets.Bed is { } bed)
        {
            lines.Add(FormattableString.Invariant($"M140 S{bed}"));
        }
        return lines;
    }

    private const int Unchanged = -200;
    private const int HeaterOff = -100;

    /// <summary>
    /// Over HTTP the cooling (model) fan and the chamber fan where /detail reports one, read back from coolingFanSpeed
    /// and chamberFanSpeed (notes §3.3). Over the console only the model fan, whose state no reply reports; the
    /// Adventurer 3 family switches it only on or off (§2.3).
    /// </summary>
    public override PrinterFanControl? Fan(PrinterStatus status, PrinterFan fan)
    {
        if (UsesHttp)
        {
            var key = fan switch { PrinterFan.Model => "coolingFanSpeed", PrinterFan.Chamber => "chamberFanSpeed", _ => null };
            return key is not null && status.Raw.Contains(key) ? new PrinterFanControl { ReadPercent = s => PrinterRawFields.Number(s, key) } : null;
        }
        return fan == PrinterFan.Model ? new PrinterFanControl { OnOffOnly = !FlashForgeModels.HasFanSpeed(status.Model ?? Target.Known?.Model) } : null;
    }

    /// <summary>HTTP printerCtl_cmd with the one fan and every other field unchanged (notes §3.4), else M106 S / M107.</summary>
    public override Task SendFanAsync(PrinterFan fan, int percent, CancellationToken cancel) =>
        ChangeAsync("printerCtl_cmd", FanArgs(fan, percent), new[] { FanLine(percent) }, cancel);

    internal static Dictionary<string, object> FanArgs(PrinterFan fan, int percent) => new()
    {
        ["zAxisCompensation"] = Unchanged,
        ["speed"] = Unchanged,
        ["chamberFan"] = fan == PrinterFan.Chamber ? percent : Unchanged,
        ["coolingFan"] = fan == PrinterFan.Model ? percent : Unchanged,
        ["coolingLeftFan"] = Unchanged,
    };

    /// <summary>M107 for off, else M106 S on the 0 to 255 scale.</summary>
    internal static string FanLine(int percent) => percent <= 0 ? "M107" : FormattableString.Invariant($"M106 S{PrinterFans.ToPwm(percent)}");

    /// <summary>Whether changes go over /control: the check code was given and the model has the HTTP API.</summary>
    private bool UsesHttp => _options.Credential is not null && FlashForgeModels.HasHttpApi(_model ?? Target.Known?.Model);

    /// <summary>
    /// One change: /control <paramref name="control"/> when the check code was given and the model (from the last
    /// status read, or the piped printer) has the HTTP API, else <paramref name="consoleLine"/> in a control session
    /// of its own. Returns the serial number used over HTTP; null over the console.
    /// </summary>
    private Task<string?> ChangeAsync(string control, Dictionary<string, object> args, string consoleLine, CancellationToken cancel) =>
        ChangeAsync(control, args, new[] { consoleLine }, cancel);

    /// <summary>The same with console lines sent in turn in the one control session.</summary>
    private async Task<string?> ChangeAsync(string control, Dictionary<string, object> args, IReadOnlyList<string> consoleLines, CancellationToken cancel)
    {
        if (UsesHttp)
        {
            var serial = await SerialNumberAsync(cancel).ConfigureAwait(false);
            await ControlAsync(serial, control, args, cancel).ConfigureAwait(false);
            return serial;
        }
        await FlashForgeControlSession.RunAsync(_options.WithoutCredential(), cancel, async session =>
        {
            foreach (var line in consoleLines)
            {
                await session.SendAsync(line, cancel).ConfigureAwait(false);
            }
            return true;
        }).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The serial number for HTTP, kept in the options once read: given the check code alone (-AccessCode), the first
    /// call reads it with M115 and every later one, each read of a -Wait poll included, reuses it.
    /// </summary>
    private async Task<string> SerialNumberAsync(CancellationToken cancel)
    {
        var serial = await FlashForgeJobs.SerialNumberAsync(_options, cancel).ConfigureAwait(false);
        if (serial.Length > 0 && _options.Credential is { UserName: null or "" })
        {
            _options = _options.WithSerialNumber(serial);
        }
        return serial;
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
