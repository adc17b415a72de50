using System;

namespace PrinterTools.Simulator.Tcp;

/// <summary>One request line, <c>~CMD args</c>, split into its code and its arguments (notes §2.1).</summary>
internal readonly record struct CommandLine(string Text, string Code, string Arguments)
{
    public static CommandLine Parse(string line)
    {
        string text = line.Trim().TrimStart('~').Trim();
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? new CommandLine(text, text, string.Empty)
            : new CommandLine(text, text[..space], text[(space + 1)..].Trim());
    }

    public bool Is(string code) => string.Equals(Code, code, StringComparison.OrdinalIgnoreCase);

    /// <summary>The number after a one-letter parameter such as <c>S</c> in <c>M104 S210</c>, if present.</summary>
    public double? Parameter(char letter)
    {
        foreach (string part in Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length > 1 && char.ToUpperInvariant(part[0]) == char.ToUpperInvariant(letter)
                && double.TryParse(part.AsSpan(1), System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out double value))
            {
                return value;
            }
        }

        return null;
    }
}
