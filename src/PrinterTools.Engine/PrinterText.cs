using System;
using System.Text;
using System.Text.RegularExpressions;

namespace PrinterTools;

/// <summary>
/// The one place where text a printer sent is made safe to show: every vendor's parser calls it
/// on every string it takes from the wire, so no output property, error message or completion
/// text can carry a terminal escape sequence, a control character or a bidi override.
/// </summary>
public static class PrinterText
{
    // Whole ANSI sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL or ST", two-byte "ESC x"),
    // so that "ESC ]0;title BEL" leaves nothing behind rather than "]0;title".
    private static readonly Regex EscapeSequence = new(
        @"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x1B[@-Z\\-_]|\x9B[0-?]*[ -/]*[@-~]|\x9D[^\x07\x1B\x9C]*(?:\x07|\x9C)?",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// The text without escape sequences, C0/C1 controls and bidi formatting characters; a tab
    /// becomes a space. Multi-line replies are cleaned line by line, so their breaks survive.
    /// </summary>
    public static string Clean(string text)
    {
        if (!NeedsCleaning(text))
        {
            return text;
        }
        var stripped = EscapeSequence.Replace(text, "");
        var clean = new StringBuilder(stripped.Length);
        foreach (var c in stripped)
        {
            if (c == '\t')
            {
                clean.Append(' ');
            }
            else if (!IsUnsafe(c))
            {
                clean.Append(c);
            }
        }
        return clean.ToString();
    }

    /// <summary>The same for a value that may be missing.</summary>
    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    /// <summary>
    /// Replaces every occurrence of a secret the client holds (a check code) with "***": a printer
    /// that repeats it in a reply must not get it into an error message or an output object.
    /// </summary>
    public static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) || text.IndexOf(secret, StringComparison.Ordinal) < 0 ? text : text.Replace(secret, "***");

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c) || c == '\t')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>C0, DEL and C1 controls, and the characters that reorder text on screen.</summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || c == '\u061C' || c == '\u200E' || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
}
