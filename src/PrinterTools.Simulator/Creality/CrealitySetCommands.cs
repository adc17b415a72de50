using System;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The <c>set</c> keys (creality.md §6). None is answered: the effect shows in later pushes. A start or a
/// command that cannot apply (busy printer, missing file, nothing to stop) changes nothing; it stays in the log.
/// </summary>
internal sealed partial class CrealitySetCommands
{
    private const string PrintPrefix = "printprt:";
    private const string DeletePrefix = "deleteprt:";

    private readonly CrealityPrinterOptions _options;
    private readonly CrealityFileStore _files;
    private readonly CrealityCounters _counters;

    public CrealitySetCommands(CrealityPrinterOptions options, CrealityFileStore files, CrealityCounters counters)
    {
        _options = options;
        _files = files;
        _counters = counters;
    }

    /// <summary>Applies one key of the params; true when it started a job (the K1C then drops the socket, §2).</summary>
    public bool Apply(string key, JsonElement value, JsonElement parameters)
    {
        switch (key)
        {
            case "opGcodeFile" when value.ValueKind == JsonValueKind.String:
                return FileCommand(value.GetString()!, parameters);
            case "stop" or "pause" or "nozzleTempControl" or "bedTempControl" or "boxTempControl" or "fan" or "fanCase" or "fanAuxiliary"
                when _options.Fault == CrealityFault.IgnoreChangeCommands:
                break; // the fault: taken (no set is ever answered) and nothing happens
            case "stop" when Int(value) == 1:
                _options.Stop();
                break;
            case "pause" when Int(value) is 0 or 1:
                // CP6 and the printer's web UI: 1 pauses, 0 resumes (Erinell's table has it inverted).
                _ = Int(value) == 1 ? _options.Pause() : _options.Resume();
                break;
            case "lightSw" when Int(value) is 0 or 1:
                _options.LightOn = Int(value) == 1;
                break;
            case "nozzleTempControl" when Int(value) is int nozzle:
                _options.NozzleTarget = nozzle;
                break;
            case "bedTempControl" when value.ValueKind == JsonValueKind.Object && value.TryGetProperty("val", out JsonElement bed) && Int(bed) is int bedTarget:
                _options.BedTarget = bedTarget;
                break;
            case "boxTempControl" when Int(value) is int box:
                _options.ChamberTarget = box;
                break;
            case "fan" when Int(value) is 0 or 1:
                _options.ModelFan = Int(value) == 1 ? 255 : 0;
                break;
            case "fanCase" when Int(value) is 0 or 1:
                _options.CaseFan = Int(value) == 1 ? 255 : 0;
                break;
            case "fanAuxiliary" when Int(value) is 0 or 1:
                _options.AuxiliaryFan = Int(value) == 1 ? 255 : 0;
                break;
            case "gcodeCmd" when value.ValueKind == JsonValueKind.String:
                Gcode(value.GetString()!);
                break;
        }

        return false;
    }

    /// <summary><c>printprt:&lt;path&gt;</c> starts a stored file of the model's folder; <c>deleteprt:&lt;path&gt;</c> removes one.</summary>
    private bool FileCommand(string command, JsonElement parameters)
    {
        if (command.StartsWith(DeletePrefix, StringComparison.Ordinal))
        {
            if (_options.Fault != CrealityFault.IgnoreDeletes && _files.NameOf(command[DeletePrefix.Length..]) is string gone)
            {
                _files.Delete(gone);
            }

            return false;
        }

        if (!command.StartsWith(PrintPrefix, StringComparison.Ordinal)
            || _files.NameOf(command[PrintPrefix.Length..]) is not string name
            || !_files.TryGet(name, out LocalFile file))
        {
            return false;
        }

        // §6: "enableSelfTest":1 in the same params asks for the self-test of state 9.
        bool selfTest = parameters.TryGetProperty("enableSelfTest", out JsonElement test) && Int(test) == 1;
        if (!_options.TryStartJob(name, GeneratedFile.LayersOf(file.Content), selfTest))
        {
            return false;
        }

        _counters.JobStarted(command);
        return true;
    }

    /// <summary>
    /// Logged in order; M104/M140 S set the nozzle and bed targets, M106 P&lt;n&gt; S&lt;0-255&gt; and M107 P&lt;n&gt; the
    /// fans (§6: P0 part, P1 case, P2 side), as the firmware's Klipper would. IgnoreChangeCommands drops the changes.
    /// </summary>
    private void Gcode(string gcode)
    {
        _counters.GcodeCommand(gcode);
        if (_options.Fault == CrealityFault.IgnoreChangeCommands)
        {
            return;
        }

        if (FanCommand().Match(gcode) is { Success: true } fan)
        {
            int index = fan.Groups[2].Success ? int.Parse(fan.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            int speed = fan.Groups[1].Value == "107" ? 0 : fan.Groups[3].Success ? int.Parse(fan.Groups[3].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 255;
            Action<int>? set = index switch { 0 => v => _options.ModelFan = v, 1 => v => _options.CaseFan = v, 2 => v => _options.AuxiliaryFan = v, _ => null };
            set?.Invoke(speed);
            return;
        }

        Match match = TargetCommand().Match(gcode);
        if (match.Success && int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int target))
        {
            if (match.Groups[1].Value == "104")
            {
                _options.NozzleTarget = target;
            }
            else
            {
                _options.BedTarget = target;
            }
        }
    }

    // json-c type checks (§2): ints are ints; a string or a float is not taken.
    private static int? Int(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : null;

    [GeneratedRegex(@"^\s*M(104|140)\b.*?\bS(\d{1,3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex TargetCommand();

    [GeneratedRegex(@"^\s*M(106|107)\b(?:.*?\bP(\d))?(?:.*?\bS(\d{1,3})\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex FanCommand();
}
