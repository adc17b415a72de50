using System;
using System.Text;
using PrinterTools.Vendors;

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

    /// <summary>Returns null when the name is acceptable (see <see cref="PrinterFileName"/>), else the reason it is not.</summary>
    public static string? Check(string name, bool overConsole, bool forUpload = false)
    {
        if ((PrinterFileName.CheckPlain(name, forUpload) ?? PrinterFileName.CheckExtension(name, Extensions)) is { } problem)
        {
            return problem;
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
}
