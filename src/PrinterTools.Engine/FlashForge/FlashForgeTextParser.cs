using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PrinterTools.FlashForge;

/// <summary>
/// Parses the text replies of the TCP 8899 console. Real replies vary by firmware (CRLF or LF,
/// blank lines, extra spaces, missing lines), so every field is matched by its prefix and a
/// missing field is null.
/// </summary>
public static class FlashForgeTextParser
{
    private static readonly Regex EchoLine = new(@"^CMD\s+(?<cmd>\S+)\s+Received\.?$", RegexOptions.CultureInvariant);
    private static readonly Regex TemperaturePair = new(@"(?<name>T0|T1|B):\s*(?<cur>-?[0-9.]+)\s*/\s*(?<target>-?[0-9.]+)", RegexOptions.CultureInvariant);
    private static readonly Regex ProgressLine = new(@"byte\s+(?<done>\d+)\s*/\s*(?<total>\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex LayerLine = new(@"^Layer:\s*(?<layer>\d+)\s*/\s*(?<total>\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex AxisValue = new(@"(?<axis>X|Y|Z|A):\s*(?<value>-?[0-9.]+)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Checks that a complete reply answers <paramref name="command"/> and returns its data lines
    /// (between "CMD x Received." and "ok"), trimmed, cleaned of control characters, without blank lines.
    /// </summary>
    public static IReadOnlyList<string> GetDataLines(string reply, string command)
    {
        var lines = reply.Replace("\r", "").Split('\n');
        var data = new List<string>();
        var sawEcho = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (!sawEcho)
            {
                var echo = EchoLine.Match(line);
                // The echo names the command; a different one means the stream is out of step.
                if (!echo.Success || !string.Equals(echo.Groups["cmd"].Value, CommandCode(command), StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException($"Expected 'CMD {CommandCode(command)} Received.' but the printer sent '{Printable(line)}'.");
                }
                sawEcho = true;
                continue;
            }
            if (string.Equals(line, "ok", StringComparison.OrdinalIgnoreCase))
            {
                return data;
            }
            // Cleaned here, once: every field, G-code reply and error text is built from these lines.
            var clean = PrinterText.Clean(line).Trim();
            if (clean.Length > 0)
            {
                data.Add(clean);
            }
        }
        throw new FormatException($"The reply to {CommandCode(command)} ended without 'ok'.");
    }

    /// <summary>"~M601 S1" -> "M601".</summary>
    public static string CommandCode(string command)
    {
        var text = command.Trim().TrimStart('~');
        var space = text.IndexOf(' ');
        return (space < 0 ? text : text.Substring(0, space)).ToUpperInvariant();
    }

    public static FlashForgeMachineInfo ParseMachineInfo(IReadOnlyList<string> lines)
    {
        int? tools = int.TryParse(Field(lines, "Tool Count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : null;
        string? volume = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("X:", StringComparison.Ordinal))
            {
                volume = Regex.Replace(line, @"\s+", " ");
            }
        }
        return new FlashForgeMachineInfo(
            MachineType: Field(lines, "Machine Type"),
            Name: Field(lines, "Machine Name"),
            Firmware: Field(lines, "Firmware")?.TrimStart('v', 'V'),
            SerialNumber: Field(lines, "SN") ?? Field(lines, "Serial Number"),
            MacAddress: Field(lines, "Mac Address"),
            BuildVolume: volume,
            ToolCount: tools);
    }

    public static FlashForgeMachineState ParseMachineState(IReadOnlyList<string> lines)
    {
        var led = Field(lines, "LED");
        return new FlashForgeMachineState(
            MachineStatus: Field(lines, "MachineStatus"),
            MoveMode: Field(lines, "MoveMode"),
            Endstop: Field(lines, "Endstop"),
            StatusFlags: Field(lines, "Status"),
            LedOn: led is null ? null : led != "0",
            CurrentFile: NullIfEmpty(Field(lines, "CurrentFile")));
    }

    public static FlashForgeTemperatures ParseTemperatures(IReadOnlyList<string> lines)
    {
        double? nozzle = null, nozzleTarget = null, second = null, secondTarget = null, bed = null, bedTarget = null;
        foreach (var line in lines)
        {
            foreach (Match m in TemperaturePair.Matches(line))
            {
                var current = Number(m.Groups["cur"].Value);
                var target = Number(m.Groups["target"].Value);
                switch (m.Groups["name"].Value)
                {
                    case "T0": nozzle = current; nozzleTarget = target; break;
                    case "T1": second = current; secondTarget = target; break;
                    case "B": bed = current; bedTarget = target; break;
                }
            }
        }
        if (nozzle is null && bed is null)
        {
            throw new FormatException("The M105 reply holds no temperature.");
        }
        return new FlashForgeTemperatures(nozzle, nozzleTarget, second, secondTarget, bed, bedTarget);
    }

    public static FlashForgeProgress ParseProgress(IReadOnlyList<string> lines)
    {
        long? done = null, total = null;
        int? layer = null, layers = null;
        foreach (var line in lines)
        {
            var p = ProgressLine.Match(line);
            if (p.Success)
            {
                done = Integer(p.Groups["done"].Value);
                total = Integer(p.Groups["total"].Value);
            }
            var l = LayerLine.Match(line);
            if (l.Success)
            {
                layer = (int)Math.Min(int.MaxValue, Integer(l.Groups["layer"].Value));
                layers = (int)Math.Min(int.MaxValue, Integer(l.Groups["total"].Value));
            }
        }
        if (done is null || total is null)
        {
            throw new FormatException("The M27 reply holds no 'SD printing byte' line.");
        }
        // "Layer: 0/0" is what an idle 5M sends: there is no layer to report.
        if (layers == 0)
        {
            layer = layers = null;
        }
        return new FlashForgeProgress(done.Value, total.Value, layer, layers);
    }

    public static FlashForgePosition ParsePosition(IReadOnlyList<string> lines)
    {
        double? x = null, y = null, z = null, a = null;
        foreach (var line in lines)
        {
            foreach (Match m in AxisValue.Matches(line))
            {
                var value = Number(m.Groups["value"].Value);
                switch (m.Groups["axis"].Value)
                {
                    case "X": x = value; break;
                    case "Y": y = value; break;
                    case "Z": z = value; break;
                    case "A": a = value; break;
                }
            }
        }
        return new FlashForgePosition(x, y, z, a);
    }

    /// <summary>M601: true when control was granted, false when another client holds it.</summary>
    public static bool ParseControlGranted(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            if (line.StartsWith("Control Success", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The value after "Name:" on the first line that starts with it, trimmed.</summary>
    private static string? Field(IReadOnlyList<string> lines, string name)
    {
        foreach (var line in lines)
        {
            if (line.Length > name.Length && line.StartsWith(name, StringComparison.OrdinalIgnoreCase) && line[name.Length] == ':')
            {
                return line.Substring(name.Length + 1).Trim();
            }
        }
        return null;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    // Printers send what they send: a malformed number is a FormatException, which callers report
    // as a protocol error, never an overflow or a crash.
    private static double Number(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"'{Printable(s)}' is not a number.");

    private static long Integer(string s) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"'{Printable(s)}' is not a whole number the printer could mean.");

    /// <summary>Printer text in an error message: short, no control characters.</summary>
    internal static string Printable(string text)
    {
        var shortened = text.Length > 60 ? text.Substring(0, 60) + "..." : text;
        return Regex.Replace(shortened, @"[^\x20-\x7E]", "?");
    }
}
