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
        name = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) || c == ':' ? '_' : c).ToArray()).Trim().TrimStart('.');
        if (name.Length > MaxNameLength)
        {
            name = name.Substring(name.Length - MaxNameLength);
        }
        return name.Length == 0 ? "printer-file" : name;
    }

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
