using System.Text.RegularExpressions;

namespace PrinterTools.Host;

/// <summary>Removes terminal escape sequences so captured output is plain text.</summary>
public static partial class AnsiText
{
    // CSI sequences (colors, cursor) and OSC sequences (hyperlinks, titles): the formatter emits
    // table-header colors even when $PSStyle.OutputRendering is PlainText in a custom host.
    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")]
    private static partial Regex EscapePattern();

    public static string Strip(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Cheap check first: almost every line has no escape at all.
        return text.Contains('\x1b') ? EscapePattern().Replace(text, string.Empty) : text;
    }
}
