using System;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Internal;

/// <summary>
/// Runs network work under a timeout and the caller's cancellation, and tells the two apart:
/// a timeout becomes a PrinterException (PrinterTimeout), a user's Ctrl+C stays an
/// OperationCanceledException so the pipeline stops.
/// </summary>
internal static class Deadline
{
    public static async Task<T> RunAsync<T>(
        string address, string what, TimeSpan timeout, CancellationToken cancel, Func<CancellationToken, Task<T>> work)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timer.CancelAfter(timeout);
        try
        {
            return await work(timer.Token).ConfigureAwait(false);
        }
        // A cancellation the user did not ask for is a timeout: this one, or an inner window's.
        catch (Exception e) when ((timer.IsCancellationRequested || e is OperationCanceledException) && !cancel.IsCancellationRequested && e is not PrinterException)
        {
            throw new PrinterException(PrinterErrorKind.Timeout, address,
                $"{address} did not answer {what} within {timeout.TotalSeconds:0.###} s.", e);
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancel);
        }
    }
}
