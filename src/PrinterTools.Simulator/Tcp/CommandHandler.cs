using System;
using System.Globalization;
using System.Text;
using PrinterTools.Simulator.Jobs;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Tcp;

/// <summary>Turns one request line into the reply bytes, changing the printer's state where the command does.</summary>
internal sealed class CommandHandler
{
    private readonly FlashForgePrinterOptions _options;
    private readonly ControlLock _control;
    private readonly PrinterCounters _counters;
    private readonly FileStore _files;
    private readonly PrintJobs _jobs;

    public CommandHandler(FlashForgePrinterOptions options, ControlLock control, PrinterCounters counters, FileStore files, PrintJobs jobs)
    {
        _options = options;
        _control = control;
        _counters = counters;
        _files = files;
        _jobs = jobs;
    }

    public byte[] Handle(CommandLine command, CommandSession session)
    {
        string code = command.Code;
        switch (code.ToUpperInvariant())
        {
            case "M661":
                return BinaryReplies.FileList(code, _files.Names());
            case "M662":
                return Thumbnail(command);
            default:
                return Encoding.UTF8.GetBytes(HandleText(command, session));
        }
    }

    private string HandleText(CommandLine command, CommandSession session)
    {
        string code = command.Code;
        if (CommandKinds.ChangesState(code) && !_control.IsHeldBy(session))
        {
            // Counted on arrival (PrinterCounters.CommandReceived); the printer changes nothing.
            return command.Is("M28") ? RefuseUpload(code, session, ReplyFormats.NoControlMessage) : ReplyFormats.NoControl(code);
        }

        switch (code.ToUpperInvariant())
        {
            case "M601":
                // RefuseControl plays a printer still held by a session that was never released (§2.2).
                bool refuse = _options.Fault == FlashForgeFault.RefuseControl || !_control.TryAcquire(session);
                return refuse ? ReplyFormats.ControlFailed(code) : ReplyFormats.ControlSuccess(code);
            case "M602":
                _control.Release(session);
                _counters.ControlReleased();
                return ReplyFormats.ControlRelease(code);
            case "M115":
                return ReplyFormats.MachineInfo(code, _options.Snapshot());
            case "M119":
                return ReplyFormats.Status(code, _options.Snapshot());
            case "M27":
                return ReplyFormats.Progress(code, _options.Snapshot());
            case "M105":
                return ReplyFormats.Temperatures(code, _options.Snapshot());
            case "M114":
                return ReplyFormats.Position(code, _options.Snapshot());
            case "M650":
                return ReplyFormats.Calibration(code);
            case "M146":
                _options.LightOn = LightWanted(command, _options.LightOn);
                return ReplyFormats.Reply(code);
            case "M23":
                return SelectFile(command);
            case "M24":
                _jobs.Resume();
                return ReplyFormats.Reply(code);
            case "M25":
                _jobs.Pause();
                return ReplyFormats.Reply(code);
            case "M26":
                _jobs.Cancel();
                return ReplyFormats.Reply(code);
            case "M28":
                return BeginUpload(command, session);
            case "M29":
                return FinishUpload(command, session);
            case "M104":
                if (command.Parameter('S') is double nozzle)
                {
                    _options.NozzleTarget = nozzle;
                }

                return ReplyFormats.Reply(code);
            case "M140":
                if (command.Parameter('S') is double bed)
                {
                    _options.BedTarget = bed;
                }

                return ReplyFormats.Reply(code);
            case "M106":
                // S is 0-255 (full without it); the Adventurer 3 has no speed: any M106 is full on (§2.3).
                double pwm = _options.FanHasSpeed ? command.Parameter('S') ?? 255 : 255;
                _options.CoolingFan = (int)Math.Round(Math.Clamp(pwm, 0, 255) * 100 / 255, MidpointRounding.AwayFromZero);
                return ReplyFormats.Reply(code);
            case "M107":
                _options.CoolingFan = 0;
                return ReplyFormats.Reply(code);
            default:
                // §2.1: unknown commands are acknowledged with Received + ok.
                return ReplyFormats.Reply(code);
        }
    }

    /// <summary>
    /// <c>M146 r255 g255 b255 F0</c> turns the light on, <c>r0 g0 b0 F0</c> off (§2.3); the A3 form
    /// <c>M146 1</c>/<c>M146 0</c> is honoured too.
    /// </summary>
    private static bool LightWanted(CommandLine command, bool current)
    {
        double? r = command.Parameter('r'), g = command.Parameter('g'), b = command.Parameter('b');
        if (r is not null || g is not null || b is not null)
        {
            return (r ?? 0) > 0 || (g ?? 0) > 0 || (b ?? 0) > 0;
        }

        return int.TryParse(command.Arguments, out int flag) ? flag != 0 : current;
    }

    /// <summary>M23 selects and starts a print on A4/5M (§2.3): "File opened: &lt;name&gt; Size: &lt;n&gt;" + "File selected".</summary>
    private string SelectFile(CommandLine command)
    {
        string file = FileNames.FromPath(command.Arguments);
        return _jobs.TryStart(file, out long size)
            ? ReplyFormats.FileSelected(command.Code, file, size)
            : ReplyFormats.FileNotFound(command.Code);
    }

    /// <summary>M662 <c>/data/&lt;name&gt;</c> (or <c>0:/user/&lt;name&gt;</c>): the file's thumbnail after ok (§2.4).</summary>
    private byte[] Thumbnail(CommandLine command)
    {
        string file = FileNames.FromPath(command.Arguments);
        if (!_files.TryGet(file, out _))
        {
            return Encoding.UTF8.GetBytes(ReplyFormats.FileNotFound(command.Code));
        }

        byte[] png = Storage.Thumbnail.For(file);
        return _options.Fault == FlashForgeFault.BadThumbnailLength
            ? BinaryReplies.ImageWithBadLength(command.Code, png)
            : BinaryReplies.Image(command.Code, png);
    }

    /// <summary>
    /// <c>M28 &lt;size&gt; 0:/user/&lt;name&gt;</c> (§2.5): only the connection holding control gets here, as on
    /// the real printer; packets follow until M29. A new M28 drops an upload still open on the same connection.
    /// </summary>
    private string BeginUpload(CommandLine command, CommandSession session)
    {
        string code = command.Code;
        if (_options.Fault == FlashForgeFault.RefuseUpload)
        {
            return RefuseUpload(code, session, "cannot open file");
        }

        string[] parts = command.Arguments.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long size)
            || !FileNames.IsValid(FileNames.FromPath(parts[1])))
        {
            return RefuseUpload(code, session, "usage M28 <size> 0:/user/<name>");
        }

        if (!_files.HasRoomFor(size))
        {
            return RefuseUpload(code, session, "not enough free space");
        }

        string name = FileNames.FromPath(parts[1]);
        session.BeginUpload(new TcpUpload(name, size));
        return ReplyFormats.WritingFile(code, name);
    }

    /// <summary>A refused M28: any upload still open goes, and data the client sends anyway is counted, not stored.</summary>
    private string RefuseUpload(string code, CommandSession session, string reason)
    {
        session.RefuseUpload();
        _counters.UploadRejected();
        return ReplyFormats.Error(code, reason);
    }

    /// <summary>
    /// M29 keeps the file when the bytes received equal the M28 size, else deletes it (notes §2.5: "M29 deletes
    /// the file if size mismatches" [RE-DOC]); the mismatch words are ours.
    /// </summary>
    private string FinishUpload(CommandLine command, CommandSession session)
    {
        string code = command.Code;
        TcpUpload? upload = session.EndUpload();
        if (upload is null)
        {
            return ReplyFormats.Error(code, "no file is open for writing");
        }

        if (upload.Received != upload.Size)
        {
            _counters.UploadRejected();
            return ReplyFormats.Error(code, string.Create(CultureInfo.InvariantCulture,
                $"size mismatch, received {upload.Received} of {upload.Size} bytes, file deleted"));
        }

        if (!_files.TryStore(upload.Name, upload.Content()))
        {
            _counters.UploadRejected();
            return ReplyFormats.Error(code, "not enough free space, file deleted");
        }

        _counters.UploadCompleted();
        return ReplyFormats.DoneSaving(code);
    }
}
