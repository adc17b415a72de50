using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PrinterTools.HelpBuilder;

/// <summary>
/// Writes MAML the way platyPS 0.14's New-ExternalHelp does (same elements, attributes, order,
/// defaults, example-title padding, indentation and line breaks), so the file is the one platyPS
/// would produce from the same markdown. Commands are sorted by name so the output is stable.
/// </summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    private const string NewLine = "\r\n";

    public static void Write(IEnumerable<CommandHelp> commands, TextWriter writer) => writer.Write(ToText(commands));

    /// <summary>Writes the MAML file (UTF-8 with BOM, as New-ExternalHelp does), creating its folder; an unchanged file is left alone.</summary>
    public static void WriteFile(IEnumerable<CommandHelp> commands, string path)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble()
            .Concat(new UTF8Encoding(false).GetBytes(ToText(commands))).ToArray();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        // Keeping the timestamp of an identical file spares incremental builds a copy.
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }
        File.WriteAllBytes(path, bytes);
    }

    public static string ToText(IEnumerable<CommandHelp> commands)
    {
        var root = new XElement(Msh + "helpItems",
            new XAttribute("schema", "maml"),
            commands
                .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(CommandElement));

        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            // Fixed, not Environment.NewLine: the file must not depend on the OS that built it.
            NewLineChars = NewLine,
            NewLineHandling = NewLineHandling.Replace,
            OmitXmlDeclaration = true,
            NamespaceHandling = NamespaceHandling.OmitDuplicates,
        };
        var text = new StringBuilder(Declaration).Append(NewLine);
        using (var xml = XmlWriter.Create(new StringWriter(text), settings))
        {
            root.WriteTo(xml);
        }

        // platyPS passes its output through this whitespace clean-up; keep the bytes identical.
        return text.ToString()
            .Replace('\u00a0', ' ')
            .Replace('\uc2a0', ' ')
            .Replace("\u00c2 ", " ", StringComparison.Ordinal)
            .Replace('\u00c3', ' ');
    }

    private static XElement CommandElement(CommandHelp help)
    {
        var verb = help.Name.Split('-')[0];
        var noun = help.Name.Substring(Math.Min(verb.Length + 1, help.Name.Length));
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", verb),
                new XElement(Command + "noun", noun),
                new XElement(Maml + "description", Paragraphs(help.Synopsis))),
            new XElement(Maml + "description", Paragraphs(help.Description)),
            new XElement(Command + "syntax", SyntaxItems(help)),
            new XElement(Command + "parameters", help.Parameters.Select(p => ParameterElement(p, p.Metadata[0], inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeElement("inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeElement("returnValue", t))),
            new XElement(Maml + "alertSet",
                new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(ExampleElement)),
            new XElement(Command + "relatedLinks", Links(help).Select(LinkElement)));
    }

    /// <summary>Each line of model text is one paragraph; null (section absent) is none.</summary>
    private static IEnumerable<XElement> Paragraphs(string? text) =>
        text is null ? [] : text.Split(NewLine).Select(line => new XElement(Maml + "para", line));

    /// <summary>
    /// One syntaxItem per parameter set, from the parameters' "Parameter Sets" (SYNTAX itself is
    /// ignored, as platyPS does): sets in order of first mention, "(All)" parameters in every set,
    /// parameters ordered by position with named ones last.
    /// </summary>
    private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
    {
        var bySet = help.Parameters.Select(p => (Parameter: p, Sets: SetMap(p))).ToList();
        var setNames = new List<string>();
        foreach (var (_, sets) in bySet)
        {
            foreach (var (set, _) in sets)
            {
                if (!setNames.Contains(set, StringComparer.OrdinalIgnoreCase))
                {
                    setNames.Add(set);
                }
            }
        }

        if (setNames.Count == 0)
        {
            yield return new XElement(Command + "syntaxItem", new XElement(Maml + "name", help.Name));
            yield break;
        }
        foreach (var setName in setNames)
        {
            if (setName == ParameterMetadata.AllParameterSets && setNames.Count > 1)
            {
                continue;
            }
            var members = new List<(ParameterHelp Parameter, ParameterMetadata Metadata)>();
            foreach (var (parameter, sets) in bySet)
            {
                var match = sets.FirstOrDefault(s => s.Set.Equals(setName, StringComparison.OrdinalIgnoreCase));
                if (match.Metadata is null && sets.Count == 1 && sets[0].Set == ParameterMetadata.AllParameterSets)
                {
                    match = sets[0];
                }
                if (match.Metadata is not null)
                {
                    members.Add((parameter, match.Metadata));
                }
            }
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                members
                    .OrderBy(m => m.Metadata.Position, StringComparer.InvariantCulture)
                    .Select(m => ParameterElement(m.Parameter, m.Metadata, inSyntax: true)));
        }
    }

    /// <summary>Set name to metadata, in order of first mention; a later YAML block wins for a set it repeats.</summary>
    private static List<(string Set, ParameterMetadata Metadata)> SetMap(ParameterHelp parameter)
    {
        var map = new List<(string Set, ParameterMetadata Metadata)>();
        foreach (var metadata in parameter.Metadata)
        {
            foreach (var set in metadata.ParameterSets)
            {
                var existing = map.FindIndex(m => m.Set.Equals(set, StringComparison.OrdinalIgnoreCase));
                if (existing >= 0)
                {
                    map[existing] = (map[existing].Set, metadata);
                }
                else
                {
                    map.Add((set, metadata));
                }
            }
        }
        return map;
    }

    private static XElement ParameterElement(ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax)
    {
        var type = metadata.IsSwitch ? "SwitchParameter" : metadata.Type ?? "";
        var isSwitch = type == "SwitchParameter";
        return new XElement(Command + "parameter",
            new XAttribute("required", Bool(metadata.Required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Bool(metadata.Globbing)),
            new XAttribute("pipelineInput", metadata.PipelineInput),
            new XAttribute("position", metadata.Position.ToLowerInvariant()),
            new XAttribute("aliases", metadata.Aliases.Count > 0 ? string.Join(", ", metadata.Aliases) : "none"),
            new XElement(Maml + "name", parameter.Name),
            new XElement(Maml + "description", Paragraphs(parameter.Description)),
            inSyntax && metadata.AcceptedValues.Count > 0
                ? new XElement(Command + "parameterValueGroup",
                    metadata.AcceptedValues.Select(value => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"),
                        new XAttribute(Command + "variableLength", "false"),
                        value)))
                : null,
            // Get-Help shows a switch in syntax without a value type.
            !inSyntax || !isSwitch
                ? new XElement(Command + "parameterValue",
                    new XAttribute("required", Bool(!isSwitch)),
                    new XAttribute("variableLength", "false"),
                    type)
                : null,
            new XElement(Dev + "type",
                new XElement(Maml + "name", type),
                new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue",
                isSwitch && (string.IsNullOrEmpty(metadata.DefaultValue) || metadata.DefaultValue == "None")
                    ? "False"
                    : metadata.DefaultValue ?? "None"));
    }

    private static XElement TypeElement(string element, TypeHelp type) =>
        new(Command + element,
            new XElement(Dev + "type",
                new XElement(Maml + "name", type.TypeName)),
            new XElement(Maml + "description", Paragraphs(type.Description)));

    private static XElement ExampleElement(ExampleHelp example) =>
        new(Command + "example",
            new XElement(Maml + "title", PadTitle(example.Title)),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paragraphs(example.Remarks)));

    /// <summary>"Example 1" becomes "-------------------------- Example 1 --------------------------", as Get-Help shows built-in help.</summary>
    public static string PadTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length >= 62)
        {
            return title;
        }
        var dashes = new string('-', (64 - title.Length - 2) / 2);
        return $"{dashes} {title} {dashes}";
    }

    /// <summary>The related links, with New-ExternalHelp's "Online Version:" link first when the front matter has one.</summary>
    private static IEnumerable<RelatedLink> Links(CommandHelp help)
    {
        var online = help.OnlineVersion;
        if (!string.IsNullOrEmpty(online)
            && (help.RelatedLinks.Count == 0 || !help.RelatedLinks[0].Uri.Equals(online, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new RelatedLink("Online Version:", online);
        }
        foreach (var link in help.RelatedLinks)
        {
            yield return link;
        }
    }

    // Get-Help rejects links whose uri is not absolute (e.g. "Get-PrinterStatus.md"), so those keep only their text.
    private static XElement LinkElement(RelatedLink link) =>
        new(Maml + "navigationLink",
            new XElement(Maml + "linkText", link.Text),
            new XElement(Maml + "uri", IsAbsoluteUri(link.Uri) ? link.Uri : ""));

    private static bool IsAbsoluteUri(string text) =>
        // Written-out schemes only: on Unix, Uri also takes "/x" as an absolute file path.
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);

    private static string Bool(bool value) => value ? "true" : "false";
}
