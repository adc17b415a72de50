using System;
using System.IO;

namespace PrinterTools.Tests;

/// <summary>Where the repository and the shared protocol captures are, wherever the tests run from.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>shared/ sits beside the repository (also in CI's clean clone).</summary>
    public static string SharedRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string FlashForgeFixtures => Path.Combine(SharedRoot, "protocols", "fixtures", "flashforge");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrinterTools.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find PrinterTools.sln above " + AppContext.BaseDirectory);
    }
}
