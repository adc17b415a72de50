using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Vendors;

/// <summary>A heater Set-PrinterTemperature can set.</summary>
public enum PrinterHeater
{
    Nozzle,
    Bed,
    Chamber,
}

/// <summary>The targets asked of one printer, in whole °C; null leaves a heater as it is, 0 switches it off.</summary>
public sealed class PrinterTemperatureTargets
{
    public int? Nozzle { get; init; }
    public int? Bed { get; init; }
    public int? Chamber { get; init; }

    /// <summary>The heaters asked for, nozzle first.</summary>
    public IEnumerable<(PrinterHeater Heater, int Target)> Asked()
    {
        if (Nozzle is { } nozzle)
        {
            yield return (PrinterHeater.Nozzle, nozzle);
        }
        if (Bed is { } bed)
        {
            yield return (PrinterHeater.Bed, bed);
        }
        if (Chamber is { } chamber)
        {
            yield return (PrinterHeater.Chamber, chamber);
        }
    }
}

/// <summary>The highest target one heater takes, and where that number comes from (for the refusal's message).</summary>
public sealed record PrinterHeaterLimit(int Maximum, string Source);

/// <summary>
/// Sets a printer's heater targets the same way for every vendor: read, check every value against the printer's
/// limits before anything is sent, send once, then read the printer's own targets back until they show the values.
/// </summary>
public static class PrinterTemperatures
{
    // For a heater whose printer reports no limit and whose vendor notes give none. Chosen low on purpose: PLA,
    // PETG and ABS print below 260 °C on an all-metal hotend, beds rarely go past 100 °C, and a passively
    // heated chamber is not meant to be driven past 60 °C. A higher value has to come from the printer itself.
    public static readonly PrinterHeaterLimit ConservativeNozzle = new(260, "PrinterTools' conservative limit, as the printer reports none");
    public static readonly PrinterHeaterLimit ConservativeBed = new(100, "PrinterTools' conservative limit, as the printer reports none");
    public static readonly PrinterHeaterLimit ConservativeChamber = new(60, "PrinterTools' conservative limit, as the printer reports none");

    public static Task<PrinterStatus> SetAsync(PrinterConnection printer, PrinterTemperatureTargets targets, CancellationToken cancel)
    {
        var asked = targets.Asked().ToList();
        if (asked.Count == 0)
        {
            throw new ArgumentException("No heater target was given.", nameof(targets));
        }
        var what = "set " + string.Join(", ", asked.Select(a => $"the {Name(a.Heater)} to {a.Target} °C"));
        return Deadline.RunAsync(printer.Address, $"the command to {what}", printer.Timeout, cancel, async token =>
        {
            var before = await printer.ReadStatusAsync(token).ConfigureAwait(false);
            var limits = printer.HeaterLimits(before);
            foreach (var (heater, target) in asked)
            {
                Check(printer, before, limits, heater, target);
            }
            if (asked.All(a => Shows(before, a.Heater, a.Target)))
            {
                return before; // already so: nothing to send
            }
            await printer.SendTemperatureAsync(targets, token).ConfigureAwait(false);
            return await PrinterReadBack.UntilAsync(printer, status => asked.All(a => Shows(status, a.Heater, a.Target)), what,
                status => Shown(status ?? before, asked), token).ConfigureAwait(false);
        });
    }

    /// <summary>Refuses, before anything is sent, a heater the printer lacks or a value outside 0 to its limit.</summary>
    private static void Check(PrinterConnection printer, PrinterStatus status, IReadOnlyDictionary<PrinterHeater, PrinterHeaterLimit> limits,
        PrinterHeater heater, int target)
    {
        if (!limits.TryGetValue(heater, out var limit))
        {
            throw printer.Lacks($"{printer.DisplayNameWithModel(status)} has no {Name(heater)} heater PrinterTools can set; nothing was sent.");
        }
        if (target < 0 || target > limit.Maximum)
        {
            throw new PrinterException(PrinterErrorKind.TemperatureOutOfRange, printer.Address,
                $"{printer.DisplayNameWithModel(status)}: a {Name(heater)} target of {target} °C is outside 0 to {limit.Maximum} °C ({limit.Source}); nothing was sent.");
        }
    }

    /// <summary>The printer's own target, to the degree: a firmware may report 210.0 or 209.9 for 210.</summary>
    private static bool Shows(PrinterStatus status, PrinterHeater heater, int target) =>
        Target(status, heater) is { } shown && Math.Abs(shown - target) < 0.5;

    private static double? Target(PrinterStatus status, PrinterHeater heater) => heater switch
    {
        PrinterHeater.Nozzle => status.NozzleTargetTemperature,
        PrinterHeater.Bed => status.BedTargetTemperature,
        _ => status.ChamberTargetTemperature,
    };

    private static string Shown(PrinterStatus status, IEnumerable<(PrinterHeater Heater, int Target)> asked) =>
        string.Join(", ", asked.Select(a => $"a {Name(a.Heater)} target of {(Target(status, a.Heater) is { } t ? t.ToString("0.#", CultureInfo.InvariantCulture) + " °C" : "none")}"));

    public static string Name(PrinterHeater heater) => heater switch
    {
        PrinterHeater.Nozzle => "nozzle",
        PrinterHeater.Bed => "bed",
        _ => "chamber",
    };
}
