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
    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.IndexOfAny(new[] { '/', '\\' }) < 0
        && !name.AsSpan().ContainsAnyInRange('\0', '\x1F')
        && name is not ("." or "..");
}
