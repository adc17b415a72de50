using System;
using System.Collections.Generic;
using System.Linq;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using MdBlock = Markdig.Syntax.Block;
using MdCodeBlock = Markdig.Syntax.CodeBlock;

namespace PrinterTools.HelpBuilder;

internal enum BlockKind
{
    Heading,
    Code,
    Text,
}

/// <summary>One source line of a code block or the front matter, with its 1-based line number.</summary>
internal readonly record struct SourceLine(string Text, int Number);

/// <summary>
/// A top-level piece of a help file as the platyPS schema sees it: a heading, a code block, or
/// the run of paragraphs and lists between them (<see cref="Content"/>, turned into text by
/// <see cref="PlatyText"/>, because platyPS decides paragraphs per section).
/// </summary>
internal sealed record Block(BlockKind Kind, int Line)
{
    public int Level { get; init; }

    /// <summary>The heading's title, or the code block's text (trimmed, "\r\n" between lines, as platyPS keeps it).</summary>
    public string Text { get; init; } = "";

    /// <summary>The first word of a code fence's info string ("" when none).</summary>
    public string Language { get; init; } = "";

    public IReadOnlyList<SourceLine> Lines { get; init; } = [];

    public IReadOnlyList<MdBlock> Content { get; init; } = [];

    public string Describe() => Kind switch
    {
        BlockKind.Heading => $"heading '{new string('#', Level)} {Text}'",
        BlockKind.Code => Language.Length > 0 ? $"```{Language} code block" : "code block",
        _ => "text",
    };
}

/// <summary>A help file parsed by Markdig (CommonMark), cut into front matter and <see cref="Block"/>s.</summary>
internal sealed class HelpMarkdown
{
    // CommonMark and YAML front matter only: platyPS's markdown knows no tables, task lists etc.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private HelpMarkdown(Dictionary<string, string?>? frontMatter, List<Block> blocks, HelpFormatException? problem)
    {
        FrontMatter = frontMatter;
        Blocks = blocks;
        Problem = problem;
    }

    /// <summary>Null when the file has no "---" front matter.</summary>
    public Dictionary<string, string?>? FrontMatter { get; }

    public List<Block> Blocks { get; }

    /// <summary>
    /// The first thing that makes the file unreadable as help, or null. Kept rather than thrown, so
    /// a broken cmdlet page is still recognised as one (and fails the build instead of being skipped).
    /// </summary>
    public HelpFormatException? Problem { get; }

    public static HelpMarkdown Parse(string text, string path)
    {
        // platyPS replaces en dashes before parsing.
        var document = Markdown.Parse(text.Replace('\u2013', '-'), Pipeline);

        Dictionary<string, string?>? frontMatter = null;
        HelpFormatException? problem = null;
        var blocks = new List<Block>();
        var run = new List<MdBlock>();

        void FlushText()
        {
            if (run.Count > 0)
            {
                blocks.Add(new Block(BlockKind.Text, run[0].Line + 1) { Content = run.ToList() });
                run.Clear();
            }
        }

        foreach (var block in document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock yaml:
                    frontMatter = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                    try
                    {
                        foreach (var line in LinesOf(yaml))
                        {
                            if (YamlPair(line, path) is { } pair)
                            {
                                frontMatter[pair.Key] = pair.Value;
                            }
                        }
                    }
                    catch (HelpFormatException e)
                    {
                        problem ??= e;
                    }
                    break;
                case HeadingBlock heading:
                    FlushText();
                    blocks.Add(new Block(BlockKind.Heading, heading.Line + 1) { Level = heading.Level, Text = PlatyText.Plain(heading.Inline) });
                    break;
                case MdCodeBlock code:
                    FlushText();
                    blocks.Add(Code(code));
                    // CommonMark lets an unclosed fence run to the end of the file; for help that is always a typo.
                    if (code is FencedCodeBlock { ClosingFencedCharCount: 0 })
                    {
                        problem ??= new HelpFormatException(path, code.Line + 1, "the code block that starts here is never closed with ```.");
                    }
                    break;
                case LinkReferenceDefinitionGroup:
                    // "[name]: url" definitions only feed the links that use them.
                    break;
                default:
                    run.Add(block);
                    break;
            }
        }
        FlushText();

        // Without a closing line Markdig reads the opening '---' as a rule; say what is wrong instead.
        if (frontMatter is null && blocks.FirstOrDefault() is { Kind: BlockKind.Text } first
            && first.Content[0] is ThematicBreakBlock && text.TrimStart().StartsWith("---", StringComparison.Ordinal))
        {
            problem = new HelpFormatException(path, first.Line, "the front matter that starts here has no closing '---' line.");
        }
        return new HelpMarkdown(frontMatter, blocks, problem);
    }

    /// <summary>
    /// One "Key: value" line of platyPS's flat YAML (front matter and parameter blocks).
    /// Null for a blank line; an empty value is null, which platyPS treats as absent.
    /// </summary>
    public static KeyValuePair<string, string?>? YamlPair(SourceLine line, string path)
    {
        var trimmed = line.Text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        var colon = trimmed.IndexOf(':');
        if (colon < 0)
        {
            throw new HelpFormatException(path, line.Number, $"invalid YAML: expected 'Key: value', found '{trimmed}'.");
        }
        var key = trimmed.Substring(0, colon).Trim();
        var value = trimmed.Substring(colon + 1).Trim();
        if (key.Length == 0)
        {
            throw new HelpFormatException(path, line.Number, $"invalid YAML: no key before ':' in '{trimmed}'.");
        }
        return new KeyValuePair<string, string?>(key, value.Length == 0 ? null : value);
    }

    private static Block Code(MdCodeBlock code)
    {
        var fence = code as FencedCodeBlock;
        var lines = LinesOf(code);
        return new Block(BlockKind.Code, code.Line + 1)
        {
            // platyPS trims the whole block, leading indentation of the first line included.
            Text = string.Join("\r\n", lines.Select(l => l.Text)).Trim(),
            Language = fence?.Info ?? "",
            Lines = lines,
        };
    }

    private static List<SourceLine> LinesOf(LeafBlock block) =>
        block.Lines.Lines.Take(block.Lines.Count).Select(l => new SourceLine(l.Slice.ToString(), l.Line + 1)).ToList();
}
