using System;
using System.Globalization;
using System.Text;

namespace PrinterTools.Simulator.Tcp;

/// <summary>
/// The reply text of each command, per model. Adventurer 4 formats follow the adventurer4-* captures (ffpp),
/// Adventurer 5M Pro formats the adventurer5mpro-* captures; those lost their CRs in markdown, so CRLF is
/// restored as notes §2.1 says real replies use.
/// </summary>
internal static class ReplyFormats
{
    private const string CrLf = "\r\n";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary><c>CMD X Received.</c>, the data lines, then <c>ok</c>, each ending CRLF (§2.1).</summary>
    public static string Reply(string code, params string[] dataLines)
    {
        var text = new StringBuilder("CMD ").Append(code).Append(" Received.").Append(CrLf);
        foreach (string line in dataLines)
        {
            text.Append(line).Append(CrLf);
        }

        return text.Append("ok").Append(CrLf).ToString();
    }

    // Both A4 and 5M Pro captures say "Control Success V2.1." (adventurer4-M601-success, 5M Pro fw3.1.3 M601).
    public static string ControlSuccess(string code) => Reply(code, "Control Success V2.1.");

    public static string ControlFailed(string code) => Reply(code, "Control failed.");

    public static string ControlRelease(string code) => Reply(code, "Control Release.");

    public static string MachineInfo(string code, PrinterSnapshot p)
    {
        bool modern = p.IsModern;
        // A4 quirk kept on purpose (adventurer4-fw2.0.9-M115): the MAC line ends "\n \r\n".
        // The 5M Pro fw3.1.3 capture has a trailing space after the MAC instead (§2.1).
        string mac = modern ? $"Mac Address:{p.MacAddress} " : $"Mac Address:{p.MacAddress}\n ";
        return Reply(code,
            "Machine Type: " + (p.MachineType ?? (modern ? "Flashforge Adventurer 5M Pro" : "Flashforge Adventurer 4")),
            $"Machine Name: {p.Name}",
            $"Firmware: v{p.Firmware}",
            $"SN: {p.SerialNumber}",
            modern ? "X: 220 Y: 220 Z: 220" : "X: 220 Y: 200 Z: 250",
            "Tool Count: 1",
            mac);
    }

    public static string Status(string code, PrinterSnapshot p)
    {
        (string machine, string move) = p.State switch
        {
            VirtualJobState.Printing => ("BUILDING_FROM_SD", "MOVING"),
            VirtualJobState.Paused => ("PAUSED", "PAUSED"),
            // §2.3: "After a finished print: BUILDING_COMPLETED + MoveMode: PAUSED".
            VirtualJobState.Completed => ("BUILDING_COMPLETED", "PAUSED"),
            // After a cancel the notes show no M119: READY/READY and no CurrentFile are our assumption.
            VirtualJobState.Cancelled => ("READY", "READY"),
            _ => ("READY", "READY"),
        };

        return Reply(code,
            // 5M: "X-max: 110 Y-max: 110 Z-min: 0"; A4: no spaces and Z-max (§2.3, both captures).
            p.IsModern ? "Endstop: X-max: 110 Y-max: 110 Z-min: 0" : "Endstop: X-max:0 Y-max:0 Z-max:0",
            $"MachineStatus: {machine}",
            $"MoveMode: {move}",
            "Status: S:1 L:0 J:0 F:0",
            $"LED: {(p.LightOn ? 1 : 0)}",
            // Idle: "CurrentFile: " with the space and nothing after it, as captured.
            $"CurrentFile: {p.JobFile}");
    }

    public static string Progress(string code, PrinterSnapshot p)
    {
        string bytes = $"SD printing byte {(p.HasJob ? p.ProgressPercent : 0)}/100";
        string layer = p.HasJob ? $"Layer: {p.CurrentLayer}/{p.TotalLayers}" : "Layer: 0/0";
        // The 5M always sends a Layer line (idle "Layer: 0/0"); the idle A4 capture has none, printing has one.
        return p.IsModern || p.HasJob ? Reply(code, bytes, layer) : Reply(code, bytes);
    }

    public static string Temperatures(string code, PrinterSnapshot p)
    {
        if (p.IsModern)
        {
            // New format (5M Pro fw3.1.3 capture): one decimal, T1 present and zero on a one-nozzle printer.
            return Reply(code, string.Create(Invariant,
                $"T0:{p.NozzleTemperature:0.0}/{p.NozzleTarget:0.0} T1:0.0/0.0 B:{p.BedTemperature:0.0}/{p.BedTarget:0.0}"));
        }

        // Old format of the A4 capture: whole degrees, no space before the slash ("T0:22/0 B:14/0").
        return Reply(code, string.Create(Invariant,
            $"T0:{Whole(p.NozzleTemperature)}/{Whole(p.NozzleTarget)} B:{Whole(p.BedTemperature)}/{Whole(p.BedTarget)}"));
    }

    // Positions copied from each model's M114 capture; the simulator does not move.
    public static string Position(string code, PrinterSnapshot p) => Reply(code,
        p.IsModern ? "X:110.050 Y:110.050 Z:200.000 A:0.000 B:0" : "X:19.3861 Y:54.3 Z:194.44 A:0 B:0");

    // No A4 or 5M capture of M650; the A3 fw1.1.7 reply is the closest real one (§2.3).
    public static string Calibration(string code) => Reply(code, "X: 1.0 Y: 0.5");

    // adventurer4-M23-select-and-start: the file name without the "0:/user/" prefix, then "File selected".
    public static string FileSelected(string code, string file, long size) =>
        Reply(code, $"File opened: {file} Size: {size.ToString(Invariant)}", "File selected");

    // The upload replies of notes §2.5 (A3 fw1.1.7 captures: adventurer3-fw1.1.7-M28-and-data-acks, -M29).
    public static string WritingFile(string code, string name) => Reply(code, $"Writing to file: {Storage.FileNames.UserPrefix}{name}");

    public static string DoneSaving(string code) => Reply(code, "Done saving file.");

    /// <summary>One line per 4112-byte packet: <c>N0000 ok.</c>, <c>N0001 ok.</c> … (index at least 4 digits).</summary>
    public static string PacketAck(int index) => $"N{index.ToString("D4", Invariant)} ok.{CrLf}";

    // No capture shows how a printer words a refused upload, a bad packet or a missing file. We answer with an
    // "Error: …" line, the style of the RE doc's "Error: File not exists" / "Error: have been connected"
    // (notes §2.2, §2.4), and still end command replies with "ok" so a client reading to "ok" does not hang.
    public static string Error(string code, string message) => Reply(code, "Error: " + message);

    // A state-changing command from a connection without control. No capture shows the real refusal (ffpp only
    // says status is all you get without control, §2.2): the words are ours, in the console's reply format.
    public const string NoControlMessage = "control not acquired, send M601 first";

    public static string NoControl(string code) => Error(code, NoControlMessage);

    /// <summary>Our (invented) answer to a bad packet; the upload is aborted and the connection closed after it.</summary>
    public static string PacketError(int index, string reason) =>
        $"N{index.ToString("D4", Invariant)} error: {reason}, upload aborted.{CrLf}";

    /// <summary>The RE doc's text for a missing file (notes §2.4, [RE-DOC]); used for M23 and M662.</summary>
    public static string FileNotFound(string code) => Reply(code, "Error: File not exists");

    private static long Whole(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
