using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Vendors;

/// <summary>A fan by what it cools, in words no vendor owns.</summary>
public enum PrinterFan
{
    /// <summary>The part-cooling fan at the nozzle.</summary>
    Model,
    /// <summary>The side fan that blows across the bed.</summary>
    Auxiliary,
    /// <summary>The case, box or chamber fan.</summary>
    Chamber,
}

/// <summary>How one printer drives one of its fans, and where its status shows the fan's speed.</summary>
public sealed class PrinterFanControl
{
    /// <summary>The fan is only on or off: a speed is rounded, <see cref="PrinterFans.OnFromPercent"/> and over is on.</summary>
    public bool OnOffOnly { get; init; }

    /// <summary>The speed in percent that a status shows, or null when the printer reports no fan state on this path.</summary>
    public Func<PrinterStatus, double?>? ReadPercent { get; init; }

    /// <summary>How far the reading may be from the speed sent: a fan driven in 255 steps reports a rounded percent.</summary>
    public double Tolerance { get; init; } = 1;
}

/// <summary>
/// Sets one fan the same way for every vendor: read, refuse a fan the printer lacks before anything is sent, send
/// once, then read the printer's own fan speed back where it reports one.
/// </summary>
public static class PrinterFans
{
    /// <summary>Where an on/off fan counts as on.</summary>
    public const int OnFromPercent = 50;

    /// <param name="verbose">Told what the user should know but is no failure: rounding to on/off, no read-back.</param>
    public static Task<PrinterStatus> SetAsync(PrinterConnection printer, PrinterFan fan, int percent, Action<string>? verbose, CancellationToken cancel)
    {
        if (percent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A fan speed is 0 to 100 percent.");
        }
        var name = Name(fan);
        return Deadline.RunAsync(printer.Address, $"the command to set its {name} fan to {percent} %", printer.Timeout, cancel, async token =>
        {
            var before = await printer.ReadStatusAsync(token).ConfigureAwait(false);
            var control = printer.Fan(before, fan)
                ?? throw printer.Lacks($"{printer.DisplayNameWithModel(before)} has no {name} fan PrinterTools can set; nothing was sent.");
            var speed = percent;
            if (control.OnOffOnly)
            {
                speed = percent >= OnFromPercent ? 100 : 0;
                verbose?.Invoke($"{printer.DisplayName}: its {name} fan only switches on or off, so {percent} % is sent as {(speed == 100 ? "on" : "off")} ({OnFromPercent} % and over is on).");
            }
            var what = $"set its {name} fan to {speed} %";
            bool Shows(PrinterStatus status) => control.ReadPercent?.Invoke(status) is { } shown && Math.Abs(shown - speed) <= control.Tolerance;
            if (control.ReadPercent is not null && Shows(before))
            {
                return before; // already so: nothing to send
            }
            await printer.SendFanAsync(fan, speed, token).ConfigureAwait(false);
            if (control.ReadPercent is not { } read)
            {
                verbose?.Invoke($"{printer.DisplayName} reports no fan state over this connection: the {name} fan was sent {speed} % but could not be read back.");
                return await printer.ReadStatusAsync(token).ConfigureAwait(false);
            }
            return await PrinterReadBack.UntilAsync(printer, Shows, what,
                status => read(status ?? before) is { } shown ? $"its {name} fan at {shown.ToString("0.#", CultureInfo.InvariantCulture)} %" : $"no {name} fan speed", token).ConfigureAwait(false);
        });
    }

    public static string Name(PrinterFan fan) => fan switch
    {
        PrinterFan.Model => "model (part-cooling)",
        PrinterFan.Auxiliary => "auxiliary (side)",
        _ => "chamber",
    };

    /// <summary>A percent on the 0 to 255 scale of M106 S, rounded to the nearest step.</summary>
    public static int ToPwm(int percent) => (int)Math.Round(Clamp(percent) * 255 / 100.0, MidpointRounding.AwayFromZero);

    /// <summary>The percent kept within 0 to 100: each vendor's command builder sends no other value, whoever calls it.</summary>
    public static int Clamp(int percent) => Math.Max(0, Math.Min(100, percent));
}
