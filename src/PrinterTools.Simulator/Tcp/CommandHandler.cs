using System;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Tcp;

/// <summary>Turns one request line into the reply text, changing the printer's state where the command does.</summary>
internal sealed class CommandHandler
{
    private readonly FlashForgePrinterOptions _options;
    private readonly ControlLock _control;
    private readonly PrinterCounters _counters;

    public CommandHandler(FlashForgePrinterOptions options, ControlLock control, PrinterCounters counters)
    {
        _options = options;
        _control = control;
        _counters = counters;
    }

    public string Handle(CommandLine command, object session)
    {
        string code = command.Code;
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
                ChangeJob(VirtualJobState.Paused, VirtualJobState.Printing);
                return ReplyFormats.Reply(code);
            case "M25":
                ChangeJob(VirtualJobState.Printing, VirtualJobState.Paused);
                return ReplyFormats.Reply(code);
            case "M26":
                _options.Update(o => o.State = VirtualJobState.Idle);
                return ReplyFormats.Reply(code);
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

    /// <summary>M23 selects and starts a print on A4/5M (§2.3).</summary>
    private string SelectFile(CommandLine command)
    {
        string path = command.Arguments;
        const string prefix = "0:/user/";
        string file = path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? path[prefix.Length..] : path;
        _options.Update(o =>
        {
            o.State = VirtualJobState.Printing;
            o.CurrentFile = file;
            o.ProgressPercent = 0;
            o.CurrentLayer = 0;
        });

        // The size is not known to the simulator; any plausible byte count keeps the format.
        return ReplyFormats.FileSelected(command.Code, file, 1_048_576);
    }

    private void ChangeJob(VirtualJobState from, VirtualJobState to) => _options.Update(o =>
    {
        if (o.State == from)
        {
            o.State = to;
        }
    });
}
