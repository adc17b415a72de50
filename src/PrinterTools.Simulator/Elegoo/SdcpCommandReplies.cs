using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The answer frames of each known Cmd (notes §4, Ack codes §5), in the order they go out: Cmd 0/1 an Ack then a
/// status/attributes push (§3.4), CC Cmd 258 and 324 an Ack then a second frame with the FileList or the CANVAS data,
/// everything else one frame.
/// </summary>
internal sealed class SdcpCommandReplies
{
    private readonly ElegooPrinterOptions _options;
    private readonly ElegooFileStore _files;
    private readonly ElegooCounters _counters;
    private readonly SdcpUploads _uploads;
    private readonly SdcpPushFrames _frames;
    private readonly Func<int> _uploadPort;

    public SdcpCommandReplies(ElegooPrinterOptions options, ElegooFileStore files, ElegooCounters counters, SdcpUploads uploads,
        SdcpPushFrames frames, Func<int> uploadPort)
    {
        _options = options;
        _files = files;
        _counters = counters;
        _uploads = uploads;
        _frames = frames;
        _uploadPort = uploadPort;
    }

    public IReadOnlyList<string> Answer(int cmd, JsonElement data, string requestId)
    {
        ElegooSnapshot p = _options.Snapshot();
        string Ack(int ack, Action<Utf8JsonWriter>? payload = null) => SdcpFrames.Response(p, cmd, requestId, ack, payload);
        if (p.Fault == ElegooFault.IgnoreChangeCommands && cmd is 129 or 130 or 131 or 403)
        {
            return new[] { Ack(0) };
        }

        return cmd switch
        {
            0 => new[] { Ack(0), _frames.Status(p, huge: p.Fault == ElegooFault.HugeFrame) },
            1 => new[] { Ack(0), _frames.Attributes(p) },
            128 => new[] { Ack(Start(data, p)) },
            129 => new[] { Ack(_options.Pause() ? 0 : 1) },
            130 => new[] { Ack(_options.Stop() ? 0 : 1) },
            131 => new[] { Ack(_options.Resume() ? 0 : 1) },
            192 => new[] { Ack(Rename(data)) },
            255 => new[] { Ack(_uploads.Terminate(Text(data, "Uuid"))) },
            258 => FileList(data, p, Ack),
            259 => new[] { Ack(p.Fault == ElegooFault.IgnoreDeletes ? 0 : Delete(data)) },
            320 => new[] { Ack(0, w => SdcpHistoryJson.WriteIds(w, _options.History())) },
            321 => new[] { Ack(0, w => SdcpHistoryJson.WriteDetails(w, p, _uploadPort(), _options.History(), Strings(data, "Id"))) },
            324 => new[] { Ack(0), Ack(0, w => SdcpCanvasJson.Write(w, p)) }, // §3.4: acks first, then the material data
            386 => new[] { Video(data, p, Ack) },
            387 => new[] { Ack(TimeLapse(data)) },
            402 => new[] { Ack(p.State is ElegooJobState.Printing or ElegooJobState.Paused ? 1 : 0) },
            403 => new[] { Ack(Settings(data)) },
            _ => new[] { Ack(0) }, // 64 disconnect, 132/133 feeding/preheat, 134 blackout status, 512 push period
        };
    }

    /// <summary>
    /// Cmd 128 (§4, §5): 1 busy (a job running or paused, a file being checked, or the resin's window after an
    /// upload), 2 not found. The CC takes <c>/local/x.gcode</c> only; resin a bare name or the /local path.
    /// </summary>
    private int Start(JsonElement data, ElegooSnapshot p)
    {
        string? name = ElegooFileStore.LocalName(Text(data, "Filename"), bareAllowed: !p.IsCarbon);
        if (p.State is ElegooJobState.Printing or ElegooJobState.Paused || _uploads.Checking
            || (!p.IsCarbon && _options.BusyAfterUploadNow()))
        {
            return 1;
        }

        if (name is null || !_files.TryGet(name, out LocalFile file))
        {
            return 2;
        }

        if (!_options.TryStartJob(name, GeneratedFile.LayersOf(file.Content)))
        {
            return 1;
        }

        _counters.JobStarted(data.GetRawText());
        return 0;
    }

    private int Rename(JsonElement data)
    {
        _options.Name = Text(data, "Name")!;
        return 0;
    }

    /// <summary>Cmd 258: /local lists the stored files; other storages (/usb, /udisk) are empty here.</summary>
    private string[] FileList(JsonElement data, ElegooSnapshot p, Func<int, Action<Utf8JsonWriter>?, string> ack)
    {
        string url = Text(data, "Url") ?? "/local";
        IReadOnlyList<(string, LocalFile)> files = url.Trim('/') == "local" ? _files.List() : Array.Empty<(string, LocalFile)>();
        // §3.4: the CC acks first and sends the list in a second frame; the S4U puts both in one.
        return p.IsCarbon
            ? new[] { ack(0, null), ack(0, w => SdcpFileListJson.Write(w, carbon: true, files)) }
            : new[] { ack(0, w => SdcpFileListJson.Write(w, carbon: false, files)) };
    }

    /// <summary>Cmd 259: Ack 0 even for paths that are not there (§4, S4U); folders are not modelled.</summary>
    private int Delete(JsonElement data)
    {
        foreach (string path in Strings(data, "FileList"))
        {
            if (ElegooFileStore.LocalName(path, bareAllowed: true) is string name)
            {
                _files.Delete(name);
            }
        }

        return 0;
    }

    /// <summary>Cmd 386 (§4): the CC's MJPEG URL without a scheme, Ack 1 past MaximumVideoStreamAllowed; resin: Ack 2, no camera.</summary>
    private string Video(JsonElement data, ElegooSnapshot p, Func<int, Action<Utf8JsonWriter>?, string> ack)
    {
        if (!p.IsCarbon)
        {
            return ack(2, w => w.WriteString("VideoUrl", string.Empty));
        }

        if (!Flag(data, "Enable"))
        {
            return ack(0, w => w.WriteString("VideoUrl", string.Empty));
        }

        return _counters.OpenCameraConnections >= p.Defaults.MaxVideoStreams
            ? ack(1, w => w.WriteString("VideoUrl", string.Empty))
            : ack(0, w => w.WriteString("VideoUrl", $"{p.Address}:{ElegooFamilyDefaults.CameraPort}/video"));
    }

    private int TimeLapse(JsonElement data)
    {
        _options.TimeLapse = Flag(data, "Enable");
        return 0;
    }

    /// <summary>Cmd 403 (§4, CC): dispatched by its keys; Ack 1 when it names none the printer knows.</summary>
    private int Settings(JsonElement data)
    {
        bool known = false;
        void Number(string key, Action<double> apply)
        {
            if (data.TryGetProperty(key, out JsonElement value))
            {
                apply(value.GetDouble());
                known = true;
            }
        }

        Number("TempTargetNozzle", v => _options.NozzleTarget = Math.Clamp(v, 0, 320));
        Number("TempTargetHotbed", v => _options.BedTarget = Math.Clamp(v, 0, 110));
        Number("TempTargetBox", v => _options.ChamberTarget = v);
        Number("PrintSpeedPct", v => _options.PrintSpeedPercent = (int)Math.Clamp(v, 0, 160));
        if (data.TryGetProperty("LightStatus", out JsonElement light))
        {
            if (light.TryGetProperty("SecondLight", out _))
            {
                _options.LightOn = Flag(light, "SecondLight"); // true/false from the web UI, 0/1 elsewhere
            }

            known = true;
        }

        if (data.TryGetProperty("TargetFanSpeed", out JsonElement fans) && fans.ValueKind == JsonValueKind.Object)
        {
            // Each fan named is set, 0 to 100 %; the others keep their speed (§4, Cmd 403 row).
            void Fan(string key, Action<int> apply)
            {
                if (fans.TryGetProperty(key, out JsonElement speed) && speed.ValueKind == JsonValueKind.Number)
                {
                    apply((int)Math.Clamp(speed.GetDouble(), 0, 100));
                }
            }

            Fan("ModelFan", v => _options.ModelFan = v);
            Fan("AuxiliaryFan", v => _options.AuxiliaryFan = v);
            Fan("BoxFan", v => _options.BoxFan = v);
            known = true;
        }
        return known ? 0 : 1;
    }

    private static string? Text(JsonElement data, string key) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static IEnumerable<string> Strings(JsonElement data, string key) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : Array.Empty<string>();

    private static bool Flag(JsonElement data, string key) =>
        data.TryGetProperty(key, out JsonElement value)
        && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.Number && value.GetDouble() != 0));
}
