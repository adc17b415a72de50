using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PrinterTools.Host;

/// <summary>Finds the built module manifest, out/PrinterTools/PrinterTools.psd1 under the repository.</summary>
public static class ModuleLocator
{
    /// <summary>A folder holding PrinterTools.psd1, or the psd1 itself; wins over the search.</summary>
    public const string EnvironmentVariable = "PRINTERTOOLS_MODULE_PATH";

    public const string ManifestName = "PrinterTools.psd1";

    private static readonly string RelativeManifest = Path.Combine("out", "PrinterTools", ManifestName);

    /// <summary>
    /// From <see cref="EnvironmentVariable"/> if set, else the first out/PrinterTools/PrinterTools.psd1
    /// found walking up from the program's folder, then from the current directory.
    /// </summary>
    /// <exception cref="FileNotFoundException">No manifest: the module has not been built.</exception>
    public static string FindManifest() =>
        FindManifest(
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            [AppContext.BaseDirectory, Directory.GetCurrentDirectory()]);

    /// <summary>The same search with its inputs given, so it can be tested without the process environment.</summary>
    public static string FindManifest(string? modulePath, IEnumerable<string> searchRoots)
    {
        ArgumentNullException.ThrowIfNull(searchRoots);
        if (!string.IsNullOrWhiteSpace(modulePath))
        {
            return FromExplicitPath(modulePath);
        }

        var roots = searchRoots.Where(r => !string.IsNullOrEmpty(r)).Select(Path.GetFullPath).ToList();
        foreach (string root in roots)
        {
            for (DirectoryInfo? dir = new(root); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, RelativeManifest);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"The PrinterTools module was not found: no {RelativeManifest} in or above " +
            $"{string.Join(" or ", roots.Select(r => $"'{r}'"))}, and {EnvironmentVariable} is not set. " +
            "build first: dotnet build PrinterTools.sln",
            RelativeManifest);
    }

    private static string FromExplicitPath(string modulePath)
    {
        string full = Path.GetFullPath(modulePath.Trim());
        string candidate = Directory.Exists(full) ? Path.Combine(full, ManifestName) : full;
        if (File.Exists(candidate) && candidate.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
        {
            return candidate;
        }

        // Told where to look: say exactly what is wrong rather than searching elsewhere.
        throw new FileNotFoundException(
            $"{EnvironmentVariable} is '{modulePath}', but '{candidate}' is not a module manifest (.psd1). " +
            "Point it at the built module folder or its psd1, or unset it; build first: dotnet build PrinterTools.sln",
            candidate);
    }
}
