using System;

namespace PrinterTools.Simulator.Storage;

/// <summary>
/// Plain file names and the path forms the protocols wrap them in: <c>0:/user/&lt;name&gt;</c> for M23/M28
/// (notes §2.3, §2.5) and <c>/data/&lt;name&gt;</c> for M661/M662 (§2.4).
/// </summary>
internal static class FileNames
{
    public const string UserPrefix = "0:/user/";
    public const string DataPrefix = "/data/";

    /// <summary>The plain name inside either path form; a bare name is returned as is.</summary>
    public static string FromPath(string path)
    {
        string text = path.Trim();
        foreach (string prefix in new[] { UserPrefix, DataPrefix })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return text[prefix.Length..];
            }
        }

        return text;
    }

    /// <summary>A name the printer can store: not empty, no folders, no control characters.</summary>
    public static bool IsValid(string? name) => IsListable(name) && !name.AsSpan().ContainsAnyInRange('\0', '\x1F');

    /// <summary>
    /// A name a printer may list although it takes no such upload: control characters allowed, for a file that came
    /// another way (a USB stick, the printer's own tools), as a test seeds it.
    /// </summary>
    public static bool IsListable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.IndexOfAny(new[] { '/', '\\' }) < 0
        && name is not ("." or "..");
}
