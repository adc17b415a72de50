using System;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Vendors;

/// <summary>
/// Pauses, resumes or stops a printer's job the same way for every vendor: the state is read first (no job to act
/// on is PrinterNoJob, and nothing is sent), the vendor's one command goes out once, and the printer's own state is
/// read back (<see cref="PrinterReadBack"/>) until it shows the result.
/// </summary>
public static class PrinterJobControl
{
    public static async Task<PrinterStatus> RunAsync(PrinterConnection printer, PrinterJobAction action, CancellationToken cancel)
    {
        var what = $"{Verb(action)} its job";
        return await Deadline.RunAsync(printer.Address, $"the command to {what}", printer.Timeout, cancel, async token =>
        {
            var before = await printer.ReadStatusAsync(token).ConfigureAwait(false);
            if (!Applies(action, before.State))
            {
                throw new PrinterException(PrinterErrorKind.NoJob, printer.Address,
                    $"{printer.DisplayName} has no job to {Verb(action)}: it is {before.State}{(before.FileName is { } f && before.State != PrinterState.Idle ? $" ('{f}')" : "")}; nothing was sent.");
            }
            await printer.SendJobActionAsync(action, token).ConfigureAwait(false);
            return await PrinterReadBack.UntilAsync(printer, status => Reached(action, status.State), what, status => (status ?? before).State.ToString(), token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Whether the printer is in a state the action acts on.</summary>
    public static bool Applies(PrinterJobAction action, PrinterState state) => action switch
    {
        PrinterJobAction.Suspend => state is PrinterState.Printing,
        PrinterJobAction.Resume => state is PrinterState.Paused,
        _ => state is PrinterState.Printing or PrinterState.Pausing or PrinterState.Paused or PrinterState.Resuming,
    };

    /// <summary>The state that shows the action done; the passing states (Pausing, Resuming, Stopping) are waited through.</summary>
    public static bool Reached(PrinterJobAction action, PrinterState state) => action switch
    {
        PrinterJobAction.Suspend => state is PrinterState.Paused,
        PrinterJobAction.Resume => state is PrinterState.Printing,
        _ => state is PrinterState.Stopped or PrinterState.Idle,
    };

    private static string Verb(PrinterJobAction action) => action switch
    {
        PrinterJobAction.Suspend => "pause",
        PrinterJobAction.Resume => "resume",
        _ => "stop",
    };
}
