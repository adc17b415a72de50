using System;
using System.IO;
using System.Linq;

namespace PrinterTools.Internal;

/// <summary>
/// Where a received file goes. A name suggested by a printer is reduced to a plain file name
/// (no folder, no invalid character, no leading dot) and the result must lie inside the folder.
/// </summary>
internal static class LocalDestination
{
    private const int MaxNameLength = 120;

    /// <summary>
    /// <paramref name="destination"/> is an existing folder (the suggested name is used inside it)
    /// or a file path (used as given by the user).
    /// </summary>
    public static string Resolve(string destination, string suggestedName)
    {
        if (!Directory.Exists(destination))
        {
            return Path.GetFullPath(destination);
        }
        var folder = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(folder, SafeName(suggestedName)));
        if (!path.StartsWith(folder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{suggestedName}' would leave '{folder}'.");
        }
        return path;
    }

    public static string SafeName(string suggested)
    {
        var name = suggested.Replace('\\', '/');
        name = name.Substring(name.LastIndexOf('/') + 1);
        var invalid = Path.GetInvalidFileNameChars();
        // No leading dot (a hidden file); Windows drops trailing dots and spaces, so "a.png. " would not be the name asked for.
        name = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) || c == ':' ? '_' : c).ToArray()).Trim().TrimStart('.', ' ').TrimEnd('.', ' ');
        if (name.Length > MaxNameLength)
        {
            name = name.Substring(name.Length - MaxNameLength);
        }
        // CON, NUL, COM1 ... with or without an extension open a device on Windows, not a file.
        return name.Length == 0 ? "printer-file" : IsDeviceName(name) ? "_" + name : name;
    }

    private static readonly string[] DeviceNames =
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        // Windows also reserves these, digit zero and superscript digits included.
        "COM0", "LPT0", "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    };

    private static bool IsDeviceName(string name)
    {
        var dot = name.IndexOf('.');
        var stem = (dot < 0 ? name : name.Substring(0, dot)).TrimEnd(' ');
        return DeviceNames.Contains(stem, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>".png", ".bmp" or ".jpg" by the picture's first bytes; null for anything else.</summary>
    public static string? PictureExtension(byte[] bytes) =>
        bytes.Length >= 4 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G' ? ".png"
        : bytes.Length >= 2 && bytes[0] == (byte)'B' && bytes[1] == (byte)'M' ? ".bmp"
        : bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? ".jpg"
        : null;

    /// <summary>Writes through a temporary file beside the target, so a failure never leaves half a file.</summary>
    public static FileInfo Write(string path, byte[] bytes)
    {
        var temporary = path + ".partial";
        File.WriteAllBytes(temporary, bytes);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        File.Move(temporary, path);
        return new FileInfo(path);
    }
}
