using System;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Vendors;

/// <summary>
/// After a command, the printer's own state is read until it shows the result: an acknowledgement proves
/// nothing. A printer that takes the command and then does nothing ends in PrinterTimeout when the caller's
/// deadline passes; the command is never sent again.
/// </summary>
internal static class PrinterReadBack
{
    /// <summary>Between reads of the state that follows the command.</summary>
    internal static TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(0.25);

    /// <param name="what">"pause its job", for the message.</param>
    /// <param name="shown">What the last status showed instead, for the message.</param>
    public static Task<PrinterStatus> UntilAsync(PrinterConnection printer, Func<PrinterStatus, bool> reached, string what,
        Func<PrinterStatus?, string> shown, CancellationToken token) =>
        UntilAsync(printer, cancel => printer.ReadStatusAsync(cancel), reached, what, shown, token);

    /// <summary>The same for any reading of the printer's state (its file list, say).</summary>
    public static async Task<T> UntilAsync<T>(PrinterConnection printer, Func<CancellationToken, Task<T>> read, Func<T, bool> reached, string what,
        Func<T?, string> shown, CancellationToken token) where T : class
    {
        T? reading = null;
        try
        {
            while (true)
            {
                reading = await read(token).ConfigureAwait(false);
                if (reached(reading))
                {
                    return reading;
                }
                await Task.Delay(PollInterval, token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or PrinterException { Kind: PrinterErrorKind.Timeout })
        {
            throw new PrinterException(PrinterErrorKind.Timeout, printer.Address,
                $"{printer.DisplayName} took the command to {what} but still showed {shown(reading)} after {printer.Timeout.TotalSeconds:0.###} s; it was not sent again.", e);
        }
    }
}
