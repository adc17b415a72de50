using System;
using System.Linq;
using System.Text;

namespace PrinterTools.FlashForge;

/// <summary>
/// The rules a file name must meet before anything is sent: a plain name (no folder, no control
/// character), one of the extensions the printers print, and short enough for the console's
/// "0:/user/&lt;name&gt;" path (about 36 bytes in all, notes §2.3 on M23).
/// </summary>
public static class FlashForgeFileName
{
    public const string StoragePrefix = "0:/user/";
    public const int MaxConsolePathBytes = 36;
    public const int MaxHttpNameBytes = 128;

    private static readonly string[] Extensions = { ".gcode", ".gx", ".g", ".3mf" };

    /// <summary>
    /// Returns null when the name is acceptable, else the reason it is not. An upload's name must
    /// be plain ASCII: a multipart header cannot carry other characters as the printer expects
    /// them, and the slicers' own uploads keep to [A-Za-z0-9._-] for the same reason.
    /// </summary>
    public static string? Check(string name, bool overConsole, bool forUpload = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The file name is empty.";
        }
        if (name.Trim() != name)
        {
            return $"The file name '{name}' starts or ends with white space.";
        }
        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return "The file name contains a control character.";
            }
            if (c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                return $"The file name '{name}' contains '{c}': give a plain name, without a folder.";
            }
        }
        if (forUpload && name.Any(c => c > '~'))
        {
            return $"The file name '{name}' has characters outside ASCII; printers are sent ASCII names only.";
        }
        if (name is "." or "..")
        {
            return $"'{name}' is not a file name.";
        }
        if (Array.FindIndex(Extensions, e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) < 0)
        {
            return $"The file name '{name}' must end in {string.Join(", ", Extensions)}.";
        }
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (overConsole && bytes + StoragePrefix.Length > MaxConsolePathBytes)
        {
            return $"The file name '{name}' is {bytes} bytes; the printer's console takes at most {MaxConsolePathBytes - StoragePrefix.Length}.";
        }
        if (bytes > MaxHttpNameBytes)
        {
            return $"The file name '{name}' is {bytes} bytes; at most {MaxHttpNameBytes} are accepted.";
        }
        return null;
    }

    /// <summary>The name from a listing path such as "/data/x.gx" or "0:/user/x.gx".</summary>
    public static string FromPrinterPath(string path)
    {
        var slash = path.LastIndexOf('/');
        return PrinterText.Clean(slash >= 0 ? path.Substring(slash + 1) : path);
    }
}
