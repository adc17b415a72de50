using System;
using System.IO;

namespace PrinterTools.Tests;

/// <summary>Where the repository and its copy of the real captures are, wherever the tests run from.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The real captures, each with its source note, kept in the repository so a plain clone tests them.</summary>
    public static string Captures => Path.Combine(RepoRoot, "tests", "captures");

    public static string FlashForgeFixtures => Path.Combine(Captures, "flashforge");

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
