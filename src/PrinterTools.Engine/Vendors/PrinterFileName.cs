using System;
using System.Linq;

namespace PrinterTools.Vendors;

/// <summary>
/// The file-name rules every vendor shares, checked before anything is sent: a plain name (no
/// folder, no control character, no white space at its ends). Each vendor adds its own
/// extensions and lengths.
/// </summary>
public static class PrinterFileName
{
    /// <summary>
    /// Null when the name is plain, else the reason it is not. An upload's name must be ASCII: a
    /// multipart header cannot carry other characters as printers expect them, and the slicers'
    /// own uploads keep to [A-Za-z0-9._-] for the same reason.
    /// </summary>
    public static string? CheckPlain(string name, bool forUpload)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The file name is empty.";
        }
        if (name.Trim() != name)
        {
            return $"The file name '{PrinterText.Clean(name)}' starts or ends with white space.";
        }
        // Control characters first: the messages below echo the name, which must not carry them to the terminal.
        if (name.Any(char.IsControl))
        {
            return "The file name contains a control character.";
        }
        foreach (var c in name)
        {
            if (c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                return $"The file name '{PrinterText.Clean(name)}' contains '{c}': give a plain name, without a folder.";
            }
        }
        if (forUpload && name.Any(c => c > '~'))
        {
            return $"The file name '{PrinterText.Clean(name)}' has characters outside ASCII; printers are sent ASCII names only.";
        }
        if (name is "." or "..")
        {
            return $"'{PrinterText.Clean(name)}' is not a file name.";
        }
        return null;
    }

    /// <summary>Null when the name ends in one of <paramref name="extensions"/>, else why not.</summary>
    public static string? CheckExtension(string name, string[] extensions) =>
        Array.FindIndex(extensions, e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) >= 0
            ? null
            : $"The file name '{name}' must end in {string.Join(", ", extensions)}.";

    /// <summary>The name from a listing path such as "/data/x.gx", "0:/user/x.gx" or "/local/x.gcode".</summary>
    public static string FromPrinterPath(string path) => PrinterText.Clean(OwnName(path));

    /// <summary>
    /// Whether the file's own name in a listing path has characters that <see cref="FromPrinterPath"/> removes: it is
    /// shown cleaned, and the cleaned name, which may be another file's, is never sent back as this file's.
    /// </summary>
    public static bool IsAltered(string path) => FromPrinterPath(path) != OwnName(path);

    private static string OwnName(string path) => path.Substring(path.LastIndexOf('/') + 1);
}
