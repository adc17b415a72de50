using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.FlashForge;

/// <summary>Raw G-code over the console: one line in flight at a time, each answered "CMD x Received." ... "ok".</summary>
public static class FlashForgeGcode
{
    public static async Task<PrinterGcodeReply> SendAsync(FlashForgeControlSession session, string name, string command, TimeSpan timeout, CancellationToken cancel)
    {
        var lines = await session.Console.SendAsync(command, timeout, cancel).ConfigureAwait(false);
        return new PrinterGcodeReply
        {
            Name = name,
            Address = session.Address,
            Command = command,
            Response = string.Join("\n", lines),
            // The reply ended in "ok" (else it threw); the printer still says so when it refused.
            Succeeded = !lines.Any(l => l.StartsWith("Error", StringComparison.OrdinalIgnoreCase) || l.IndexOf("failed", StringComparison.OrdinalIgnoreCase) >= 0),
        };
    }
}
