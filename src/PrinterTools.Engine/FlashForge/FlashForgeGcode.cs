using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.FlashForge;

/// <summary>Raw G-code over the console: one line in flight at a time, each answered "CMD x Received." ... "ok".</summary>
public static class FlashForgeGcode
{
    /// <summary>
    /// The command part of a G-code line: comments (after ';') and white space removed, "~"
    /// optional. Null for a line with nothing to send. A control character would let one line
    /// smuggle in a second command, so it is refused.
    /// </summary>
    public static string? Normalize(string line)
    {
        var semicolon = line.IndexOf(';');
        var command = (semicolon >= 0 ? line.Substring(0, semicolon) : line).Trim().TrimStart('~').Trim();
        foreach (var c in command)
        {
            if (char.IsControl(c))
            {
                throw new FormatException($"The G-code line '{FlashForgeTextParser.Printable(line)}' contains a control character.");
            }
        }
        return command.Length == 0 ? null : command;
    }

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
