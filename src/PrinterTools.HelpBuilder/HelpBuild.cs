using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;

namespace PrinterTools.HelpBuilder;

/// <summary>The whole job: every command help file of a docs folder into one MAML file.</summary>
public static class HelpBuild
{
    /// <summary>
    /// Reads every cmdlet help file (*.md with schema 2.0.0 front matter and a "# Verb-Noun"
    /// title) of <paramref name="docsFolder"/>, sorted by command name. Other pages (module page,
    /// about topics) are skipped and reported through <paramref name="log"/>. When
    /// <paramref name="externalHelpFile"/> is given, each file's "external help file" must name it:
    /// New-ExternalHelp writes the file named there, and PowerShell only looks for
    /// &lt;Assembly&gt;.dll-Help.xml.
    /// </summary>
    public static IReadOnlyList<CommandHelp> ReadFolder(string docsFolder, string? externalHelpFile = null, Action<string>? log = null)
    {
        if (!Directory.Exists(docsFolder))
        {
            throw new DirectoryNotFoundException($"The docs folder '{docsFolder}' does not exist.");
        }
        var commands = new List<CommandHelp>();
        foreach (var file in Directory.GetFiles(docsFolder, "*.md", SearchOption.TopDirectoryOnly).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (!MarkdownHelpReader.IsCommandHelp(file))
            {
                log?.Invoke($"skipped {file}: not a cmdlet help file (needs 'schema: 2.0.0' front matter and a '# Verb-Noun' title).");
                continue;
            }
            var help = MarkdownHelpReader.Read(file);
            if (externalHelpFile is not null && help.ExternalHelpFile != externalHelpFile)
            {
                throw new HelpFormatException(file, LineOf(file, "external help file"),
                    $"'external help file: {help.ExternalHelpFile}' must be '{externalHelpFile}', the file this build writes and PowerShell loads.");
            }
            var twin = commands.FirstOrDefault(c => c.Name.Equals(help.Name, StringComparison.OrdinalIgnoreCase));
            if (twin is not null)
            {
                throw new HelpFormatException(file, 0, $"{help.Name} is also documented in {twin.SourcePath}.");
            }
            commands.Add(help);
        }
        if (commands.Count == 0)
        {
            throw new InvalidDataException($"No cmdlet help files in '{docsFolder}'.");
        }
        return commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Command line: &lt;docs folder&gt; &lt;output xml&gt;. Returns 0, 1 on any error, 2 on bad arguments.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 2)
        {
            error.WriteLine("usage: PrinterTools.HelpBuilder <docs folder> <output xml>");
            error.WriteLine("  Converts the platyPS schema 2.0.0 markdown in <docs folder> to MAML, as New-ExternalHelp does.");
            return 2;
        }
        var (docs, target) = (args[0], args[1]);
        try
        {
            var commands = ReadFolder(docs, Path.GetFileName(target), output.WriteLine);
            MamlWriter.WriteFile(commands, target);
            output.WriteLine($"PrinterTools.HelpBuilder: {commands.Count} commands ({string.Join(", ", commands.Select(c => c.Name))}) -> {target}");
            return 0;
        }
        catch (HelpFormatException e)
        {
            // MSBuild's canonical form: the build fails and points at the file and line.
            error.WriteLine(e.ToBuildError());
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException or ArgumentException or InvalidDataException)
        {
            error.WriteLine($"PrinterTools.HelpBuilder: error PTHELP002: {e.Message}");
            return 1;
        }
    }

    private static int LineOf(string file, string key)
    {
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key, StringComparison.OrdinalIgnoreCase));
        return index + 1;
    }
}
