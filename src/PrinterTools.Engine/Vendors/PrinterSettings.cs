using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Vendors;

/// <summary>Changes a printer's light the same way for every vendor: read, send once when it differs, read back.</summary>
public static class PrinterSettings
{
    public static Task<PrinterStatus> SetLightAsync(PrinterConnection printer, bool on, CancellationToken cancel)
    {
        var what = on ? "switch its light on" : "switch its light off";
        return Deadline.RunAsync(printer.Address, $"the command to {what}", printer.Timeout, cancel, async token =>
        {
            var before = await printer.ReadStatusAsync(token).ConfigureAwait(false);
            if (before.LightOn == on)
            {
                return before; // already so: nothing to send
            }
            await printer.SendLightAsync(on, token).ConfigureAwait(false);
            return await PrinterReadBack.UntilAsync(printer, status => status.LightOn == on, what,
                status => (status ?? before).LightOn switch { true => "the light on", false => "the light off", null => "no light state" }, token).ConfigureAwait(false);
        });
    }
}
