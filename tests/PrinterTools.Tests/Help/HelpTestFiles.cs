using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PrinterTools.Tests.Help;

/// <summary>Where the repo's docs are, and a scratch folder for markdown the tests write.</summary>
internal sealed class HelpTestFiles : IDisposable
{
    public HelpTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "PrinterTools.Tests.Help", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The folder with PrinterTools.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string DocsFolder => Path.Combine(RepoRoot, "docs", "en-US");

    public static IReadOnlyList<string> DocsFiles =>
        Directory.GetFiles(DocsFolder, "*.md").OrderBy(f => f, StringComparer.Ordinal).ToList();

    public string Folder { get; }

    public string Write(string fileName, string markdown)
    {
        var path = Path.Combine(Folder, fileName);
        File.WriteAllText(path, markdown);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrinterTools.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No PrinterTools.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A small valid help file that tests vary one piece at a time.</summary>
internal static class SampleMarkdown
{
    public const string FrontMatter = """
        ---
        external help file: PrinterTools.dll-Help.xml
        Module Name: PrinterTools
        online version:
        schema: 2.0.0
        ---

        """;

    public const string Synopsis = """
        ## SYNOPSIS
        Does a test thing.

        """;

    public const string Syntax = """
        ## SYNTAX

        ### ByName (Default)
        ```
        Test-Thing [-Name] <String> [-Force] [<CommonParameters>]
        ```

        """;

    public const string Description = """
        ## DESCRIPTION
        First paragraph,
        second line of it.

        Second paragraph.

        """;

    public const string Examples = """
        ## EXAMPLES

        ### Example 1
        ```powershell
        Test-Thing -Name a
        ```

        Tests a.

        """;

    public const string NameParameter = """
        ### -Name
        The name.

        ```yaml
        Type: String
        Parameter Sets: ByName
        Aliases: N, Id

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: True (ByValue)
        Accept wildcard characters: False
        ```

        """;

    public const string ForceParameter = """
        ### -Force
        Does it anyway.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        """;

    public const string Tail = """
        ### CommonParameters
        Supports the common parameters.

        ## INPUTS

        ### System.String
        A name.

        ## OUTPUTS

        ### System.Object
        Something.

        ## NOTES
        A note.

        ## RELATED LINKS

        [Find-Printer](Find-Printer.md)
        """;

    public static string Build(
        string? frontMatter = FrontMatter,
        string title = "# Test-Thing\n\n",
        string synopsis = Synopsis,
        string syntax = Syntax,
        string description = Description,
        string examples = Examples,
        string parameters = "## PARAMETERS\n\n" + NameParameter + ForceParameter,
        string tail = Tail) =>
        (frontMatter ?? "") + title + synopsis + syntax + description + examples + parameters + tail;
}
