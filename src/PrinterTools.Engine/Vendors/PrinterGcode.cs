using System;

namespace PrinterTools.Vendors;

/// <summary>G-code lines as the user gives them, checked before any printer is asked.</summary>
public static class PrinterGcode
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
                throw new FormatException($"The G-code line '{PrinterText.Clean(line)}' contains a control character.");
            }
        }
        return command.Length == 0 ? null : command;
    }

}
