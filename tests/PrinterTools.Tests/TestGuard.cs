using System;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Tests;

/// <summary>
/// Keeps a test that would hang from stalling the run. The limit is generous on purpose and is no
/// assertion about speed: it only turns "never" into a failure with a message.
/// </summary>
public static class TestGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task AgainstHangAsync(Task task, string whatHung)
    {
        try
        {
            await task.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Hung: {whatHung}");
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, for state that has no event to wait on.</summary>
    public static async Task UntilAsync(Func<bool> condition, string whatHung)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (!condition())
        {
            if (limit.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Never happened: {whatHung}");
            }

            await Task.Delay(10);
        }
    }

    public static async Task<T> AgainstHangAsync<T>(Task<T> task, string whatHung)
    {
        await AgainstHangAsync((Task)task, whatHung);
        return await task;
    }
}
