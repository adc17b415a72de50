using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ParagraphBlock = Markdig.Syntax.ParagraphBlock;

namespace PrinterTools.HelpBuilder;

/// <summary>
/// Reads one cmdlet help file in platyPS schema 2.0.0 into a <see cref="CommandHelp"/>.
/// It accepts what platyPS 0.14's New-ExternalHelp accepts, with the same text rules, and is
/// stricter where platyPS silently writes useless help (no synopsis, a parameter without
/// metadata, unknown YAML keys, leftover "{{ Fill ... }}" placeholders, an example without code).
/// Every problem is a <see cref="HelpFormatException"/> naming the file and line.
/// </summary>
public static class MarkdownHelpReader
{
    public const string SupportedSchema = "2.0.0";

    private const string DefaultSetSuffix = " (Default)";

    private static readonly Regex CommandName = new(@"^[A-Za-z]+-[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);

    private static readonly Regex Placeholder = new(@"\{\{\s*(Fill|Add)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly string[] Sections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    private static readonly string[] YamlKeys =
    [
        "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
        "Accept pipeline input", "Accept wildcard characters", "Applicable",
    ];

    public static CommandHelp Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses markdown text; <paramref name="path"/> is only used in messages.</summary>
    public static CommandHelp Parse(string markdown, string path) => new Reader(HelpMarkdown.Parse(markdown, path), path).Read();

    /// <summary>
    /// True for a cmdlet help file: front matter with "schema: 2.0.0" and a "# Verb-Noun" title.
    /// A module page ("# PrinterTools Module") or an about topic is not one.
    /// </summary>
    public static bool IsCommandHelp(string path) => IsCommandHelpText(File.ReadAllText(path));

    public static bool IsCommandHelpText(string markdown)
    {
        var document = HelpMarkdown.Parse(markdown, "");
        return document.FrontMatter is { } metadata
            && metadata.TryGetValue("schema", out var schema) && schema == SupportedSchema
            && document.Blocks.FirstOrDefault() is { Kind: BlockKind.Heading, Level: 1 } title
            && CommandName.IsMatch(title.Text);
    }

    private sealed class Reader(HelpMarkdown document, string path)
    {
        private readonly List<Block> _blocks = document.Blocks;
        private int _next;

        // What the current section accepts, for the message when something else follows.
        private string _grammar = "";

        private Block? Peek => _next < _blocks.Count ? _blocks[_next] : null;

        private Block Take() => _blocks[_next++];

        private Block? TakeText() => Peek is { Kind: BlockKind.Text } ? Take() : null;

        private bool PeekHeading(int level) => Peek is { Kind: BlockKind.Heading } h && h.Level == level;

        private HelpFormatException Error(int line, string reason) => new(path, line, reason);

        // Entries of a section are level-3 headings; a deeper one is a typo platyPS also rejects.
        private void RejectDeeperHeading(string section, string entry)
        {
            if (Peek is { Kind: BlockKind.Heading, Level: > 3 } deeper)
            {
                throw Error(deeper.Line, $"{deeper.Describe()} is level {deeper.Level}; {section} entries are level-3 headings such as '{entry}'.");
            }
        }

        public CommandHelp Read()
        {
            if (document.Problem is { } problem)
            {
                throw problem;
            }
            var metadata = document.FrontMatter
                ?? throw Error(1, "no YAML front matter: a platyPS schema 2.0.0 file starts with '---', 'schema: 2.0.0', 'external help file: ...', '---'.");
            metadata.TryGetValue("schema", out var schema);
            if (schema != SupportedSchema)
            {
                throw Error(1, $"front matter has 'schema: {schema}'; only platyPS schema {SupportedSchema} is supported.");
            }

            if (Peek is not { Kind: BlockKind.Heading, Level: 1 } title)
            {
                throw Error(Peek?.Line ?? 1, $"expected the command title '# Verb-Noun', found {Peek?.Describe() ?? "the end of the file"}.");
            }
            Take();
            if (!CommandName.IsMatch(title.Text))
            {
                throw Error(title.Line, $"the title '{title.Text}' is not a command name (Verb-Noun).");
            }

            _grammar = "after the title come the '## SYNOPSIS', '## SYNTAX', ... sections.";
            string? synopsis = null, description = null, notes = null;
            var syntax = new List<SyntaxHelp>();
            var examples = new List<ExampleHelp>();
            var parameters = new List<ParameterHelp>();
            var inputs = new List<TypeHelp>();
            var outputs = new List<TypeHelp>();
            var links = new List<RelatedLink>();
            var commonParameters = false;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            while (_next < _blocks.Count)
            {
                var heading = Take();
                if (heading.Kind != BlockKind.Heading)
                {
                    throw Error(heading.Line, $"unexpected {heading.Describe()}: {_grammar}");
                }
                if (heading.Level != 2)
                {
                    throw Error(heading.Line, heading.Level == 1
                        ? $"a second title '# {heading.Text}': one command per file."
                        : $"expected a section heading '## NAME' here, found {heading.Describe()}. {_grammar}");
                }
                var section = heading.Text.ToUpperInvariant();
                if (!seen.Add(section))
                {
                    throw Error(heading.Line, $"a second '## {section}' section.");
                }
                _grammar = $"after '## {section}' New-ExternalHelp accepts one block of text, then the next '## ' section.";
                switch (section)
                {
                    case "SYNOPSIS":
                        synopsis = PlatyText.Paragraph(TakeText());
                        if (string.IsNullOrWhiteSpace(synopsis))
                        {
                            throw Error(heading.Line, "SYNOPSIS is empty; Get-Help shows it as the one-line summary.");
                        }
                        break;
                    case "DESCRIPTION":
                        description = PlatyText.Paragraph(TakeText());
                        break;
                    case "NOTES":
                        notes = PlatyText.Paragraph(TakeText());
                        break;
                    case "SYNTAX":
                        ReadSyntax(syntax);
                        break;
                    case "EXAMPLES":
                        ReadExamples(examples);
                        break;
                    case "PARAMETERS":
                        commonParameters = ReadParameters(parameters);
                        break;
                    case "INPUTS":
                        ReadTypes(inputs, section);
                        break;
                    case "OUTPUTS":
                        ReadTypes(outputs, section);
                        break;
                    case "RELATED LINKS":
                        ReadLinks(links);
                        break;
                    default:
                        throw Error(heading.Line, $"unknown section '## {heading.Text}'; schema 2.0.0 has {string.Join(", ", Sections)}.");
                }
            }

            if (synopsis is null)
            {
                throw Error(title.Line, "missing '## SYNOPSIS' section.");
            }

            var help = new CommandHelp
            {
                Name = title.Text,
                SourcePath = path,
                Metadata = metadata,
                Synopsis = synopsis,
                Description = description,
                Syntax = syntax,
                Examples = examples,
                Parameters = parameters,
                SupportsCommonParameters = commonParameters,
                Inputs = inputs,
                Outputs = outputs,
                Notes = notes,
                RelatedLinks = links,
            };
            CheckParameterSets(help);
            CheckPlaceholders(help);
            return help;
        }

        private void ReadSyntax(List<SyntaxHelp> syntax)
        {
            _grammar = "SYNTAX takes '### SetName' headings (' (Default)' on the default set), each followed by a ``` code block.";
            while (Peek is { } block)
            {
                if (block.Kind == BlockKind.Code)
                {
                    // A block without a heading: the command has one, unnamed, parameter set.
                    syntax.Add(new SyntaxHelp(null, true, Take().Text));
                    continue;
                }
                if (block.Kind != BlockKind.Heading || block.Level < 3)
                {
                    return;
                }
                RejectDeeperHeading("SYNTAX", "### SetName (Default)");
                Take();
                var isDefault = block.Text.EndsWith(DefaultSetSuffix, StringComparison.Ordinal);
                var name = isDefault ? block.Text.Substring(0, block.Text.Length - DefaultSetSuffix.Length) : block.Text;
                if (Peek is not { Kind: BlockKind.Code } code)
                {
                    throw Error(block.Line, $"the syntax of parameter set '{name}' has no ``` code block.");
                }
                Take();
                syntax.Add(new SyntaxHelp(name, isDefault, code.Text));
            }
        }

        private void ReadExamples(List<ExampleHelp> examples)
        {
            _grammar = "EXAMPLES takes '### Example N: title' headings.";
            while (PeekHeading(3) || Peek is { Kind: BlockKind.Heading, Level: > 3 })
            {
                RejectDeeperHeading("EXAMPLES", "### Example 1: title");
                var heading = Take();
                var introduction = PlatyText.Paragraph(TakeText());
                var code = new List<CodeBlock>();
                while (Peek is { Kind: BlockKind.Code })
                {
                    var block = Take();
                    code.Add(new CodeBlock(block.Language, block.Text));
                }
                if (code.Count == 0)
                {
                    throw Error(heading.Line, $"example '{heading.Text}' has no ``` code block.");
                }
                var remarks = PlatyText.Paragraph(TakeText());
                examples.Add(new ExampleHelp { Title = heading.Text, Introduction = introduction, CodeBlocks = code, Remarks = remarks });
                _grammar = $"an example ('{heading.Text}') is: optional introduction, code blocks, then one block of remarks; " +
                    "New-ExternalHelp stops with 'Expect Heading' on anything after the remarks. Put output in a code block right after the code.";
            }
        }

        private bool ReadParameters(List<ParameterHelp> parameters)
        {
            _grammar = "PARAMETERS takes '### -Name' headings, each with a description and a ```yaml block.";
            var commonParameters = false;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (PeekHeading(3) || Peek is { Kind: BlockKind.Heading, Level: > 3 })
            {
                RejectDeeperHeading("PARAMETERS", "### -Name");
                var heading = Take();
                var name = heading.Text.StartsWith('-') ? heading.Text.Substring(1) : heading.Text;

                // Text and non-YAML code, joined as platyPS joins them.
                var parts = new List<string>();
                while (Peek is { } part
                    && (part.Kind == BlockKind.Text || (part.Kind == BlockKind.Code && !IsYaml(part))))
                {
                    Take();
                    parts.Add(part.Kind == BlockKind.Text ? PlatyText.Paragraph(part) : part.Text);
                }

                if (name.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    // Its text is for readers of the markdown; Get-Help writes its own.
                    commonParameters = true;
                    continue;
                }
                if (!names.Add(name))
                {
                    throw Error(heading.Line, $"parameter -{name} is described twice.");
                }
                var description = string.Join("\r\n\r\n", parts);
                if (string.IsNullOrWhiteSpace(description))
                {
                    throw Error(heading.Line, $"parameter -{name} has no description.");
                }

                // platyPS reads every code block after the first YAML one as YAML.
                var metadata = new List<ParameterMetadata>();
                while (Peek is { Kind: BlockKind.Code })
                {
                    metadata.Add(ParseYaml(Take(), name));
                }
                if (metadata.Count == 0)
                {
                    throw Error(heading.Line,
                        $"parameter -{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
                }
                parameters.Add(new ParameterHelp { Name = name, Description = description, Metadata = metadata, Line = heading.Line });
                _grammar = $"a parameter ('### -{name}') is: description, then its ```yaml block(s); New-ExternalHelp stops with 'Expect Heading' on text after the YAML.";
            }
            return commonParameters;
        }

        private static bool IsYaml(Block block) => block.Language.Equals("yaml", StringComparison.OrdinalIgnoreCase);

        private ParameterMetadata ParseYaml(Block block, string parameter)
        {
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in block.Lines)
            {
                if (HelpMarkdown.YamlPair(line, path) is not { } pair)
                {
                    continue;
                }
                var key = YamlKeys.FirstOrDefault(k => k.Equals(pair.Key, StringComparison.OrdinalIgnoreCase))
                    ?? throw Error(line.Number, $"invalid YAML for -{parameter}: unknown key '{pair.Key}'; the keys are {string.Join(", ", YamlKeys)}.");
                if (!values.TryAdd(key, pair.Value))
                {
                    throw Error(line.Number, $"invalid YAML for -{parameter}: '{key}' appears twice.");
                }
            }

            string? Value(string key) => values.TryGetValue(key, out var value) ? value : null;

            bool Flag(string key)
            {
                var value = Value(key);
                if (value is null)
                {
                    return false;
                }
                if (bool.TryParse(value, out var flag))
                {
                    return flag;
                }
                throw Error(block.Line, $"invalid YAML for -{parameter}: '{key}: {value}' must be True or False.");
            }

            var type = Value("Type") ?? throw Error(block.Line, $"the YAML of -{parameter} has no 'Type'.");

            var position = Value("Position") ?? "named";
            if (!position.Equals("named", StringComparison.OrdinalIgnoreCase)
                && !int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw Error(block.Line, $"invalid YAML for -{parameter}: 'Position: {position}' must be Named or a number.");
            }

            var pipeline = Value("Accept pipeline input") ?? "false";
            if (!pipeline.StartsWith("true", StringComparison.OrdinalIgnoreCase) && !pipeline.StartsWith("false", StringComparison.OrdinalIgnoreCase))
            {
                throw Error(block.Line,
                    $"invalid YAML for -{parameter}: 'Accept pipeline input: {pipeline}' must be False or True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).");
            }

            var sets = List(Value("Parameter Sets"));
            return new ParameterMetadata
            {
                Type = type,
                ParameterSets = sets.Count == 0 ? [ParameterMetadata.AllParameterSets] : sets,
                Aliases = List(Value("Aliases")),
                AcceptedValues = List(Value("Accepted values")),
                Required = Flag("Required"),
                Position = position,
                DefaultValue = Value("Default value"),
                PipelineInput = pipeline,
                Globbing = Flag("Accept wildcard characters"),
                Applicable = Value("Applicable") is { } applicable ? List(applicable) : null,
            };
        }

        private static List<string> List(string? value) =>
            value is null ? [] : value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

        private void ReadTypes(List<TypeHelp> types, string section)
        {
            _grammar = $"{section} takes '### TypeName' headings, each followed by one block of text.";
            while (PeekHeading(3) || Peek is { Kind: BlockKind.Heading, Level: > 3 })
            {
                RejectDeeperHeading(section, "### System.String");
                var heading = Take();
                types.Add(new TypeHelp(heading.Text, PlatyText.Paragraph(TakeText())));
            }
        }

        private void ReadLinks(List<RelatedLink> links)
        {
            _grammar = "RELATED LINKS takes one block of [text](uri) links, one per line.";
            if (TakeText() is not { } block)
            {
                return;
            }
            foreach (var content in block.Content)
            {
                var spans = content is ParagraphBlock paragraph
                    ? PlatyText.Spans(paragraph.Inline)
                    : [new Span(SpanKind.Plain, PlatyText.Paragraph(block with { Content = [content] }))];
                // Line breaks between the links are what "one per line" asks for.
                foreach (var span in spans.Where(s => s.Kind != SpanKind.HardBreak))
                {
                    if (span.Kind != SpanKind.Link)
                    {
                        throw Error(content.Line + 1, $"RELATED LINKS takes only [text](uri) links, one per line; found '{span.Text.Trim()}'.");
                    }
                    links.Add(new RelatedLink(span.Text, span.Uri));
                }
            }
        }

        // platyPS builds MAML syntax from the parameters' set names and ignores SYNTAX, so a
        // set renamed in one place but not the other silently gives wrong help: catch it here.
        private void CheckParameterSets(CommandHelp help)
        {
            var defaults = help.Syntax.Where(s => s.IsDefault && s.ParameterSetName is not null).ToList();
            if (defaults.Count > 1)
            {
                throw Error(0, $"SYNTAX marks {defaults.Count} parameter sets as (Default); a command has at most one.");
            }

            var syntaxSets = new HashSet<string>(
                help.Syntax.Select(s => s.ParameterSetName).OfType<string>(), StringComparer.OrdinalIgnoreCase);
            if (syntaxSets.Count == 0)
            {
                return;
            }
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in help.Parameters)
            {
                foreach (var set in parameter.Metadata.SelectMany(m => m.ParameterSets))
                {
                    if (set == ParameterMetadata.AllParameterSets)
                    {
                        continue;
                    }
                    if (!syntaxSets.Contains(set))
                    {
                        throw Error(parameter.Line,
                            $"parameter -{parameter.Name} is in parameter set '{set}', which SYNTAX does not list (it lists {string.Join(", ", syntaxSets)}).");
                    }
                    used.Add(set);
                }
            }
            if (syntaxSets.Count > 1)
            {
                foreach (var set in syntaxSets.Where(s => !used.Contains(s)))
                {
                    throw Error(0, $"SYNTAX lists parameter set '{set}', but no parameter's 'Parameter Sets' names it.");
                }
            }
        }

        // New-MarkdownHelp writes "{{ Fill X Description }}"; shipping that as help is a bug.
        private void CheckPlaceholders(CommandHelp help)
        {
            var texts = new List<(string Where, string? Text)>
            {
                ("SYNOPSIS", help.Synopsis), ("DESCRIPTION", help.Description), ("NOTES", help.Notes),
            };
            texts.AddRange(help.Parameters.Select(p => ($"-{p.Name}", (string?)p.Description)));
            texts.AddRange(help.Examples.Select(e => (e.Title, (string?)(e.Code + "\n" + e.Remarks))));
            texts.AddRange(help.Inputs.Concat(help.Outputs).Select(t => (t.TypeName, (string?)t.Description)));
            foreach (var (where, text) in texts)
            {
                if (text is not null && Placeholder.IsMatch(text))
                {
                    throw Error(0, $"{where} still has a New-MarkdownHelp placeholder ('{{{{ Fill ... }}}}').");
                }
            }
        }
    }
}
