using System;
using System.Collections.Generic;
using System.Text;

namespace PrinterTools.HelpBuilder;

internal enum BlockKind
{
    Heading,
    Code,
    Text,
}

/// <summary>
/// A top-level piece of a help file: a heading, a fenced code block, or the text between them.
/// Text keeps its raw lines ("\r\n"-joined, blank lines included) because platyPS decides
/// paragraphs and line joins later, per section.
/// </summary>
internal sealed record Block(BlockKind Kind, int Line, string Text, int Level = 0, string Language = "")
{
    public string Describe() => Kind switch
    {
        BlockKind.Heading => $"heading '{new string('#', Level)} {Text}'",
        BlockKind.Code => Language.Length > 0 ? $"```{Language} code block" : "code block",
        _ => "text",
    };
}

/// <summary>A markdown file split into front matter and blocks, with 1-based source lines.</summary>
internal sealed class MarkdownBlocks
{
    private MarkdownBlocks(Dictionary<string, string?>? frontMatter, List<Block> blocks)
    {
        FrontMatter = frontMatter;
        Blocks = blocks;
    }

    /// <summary>Null when the file has no "---" front matter.</summary>
    public Dictionary<string, string?>? FrontMatter { get; }

    public List<Block> Blocks { get; }

    /// <summary>
    /// Splits the text the way platyPS 0.14's parser does in the mode New-ExternalHelp uses:
    /// ATX and underlined headings, ``` fences (content trimmed), everything else is text.
    /// </summary>
    public static MarkdownBlocks Parse(string text, string path)
    {
        // platyPS replaces en dashes before parsing.
        var lines = text.Replace('\u2013', '-').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var index = 0;
        while (index < lines.Length && string.IsNullOrWhiteSpace(lines[index]))
        {
            index++;
        }

        Dictionary<string, string?>? frontMatter = null;
        if (index < lines.Length && lines[index].Trim() == "---")
        {
            var open = index;
            frontMatter = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            index++;
            while (true)
            {
                if (index >= lines.Length)
                {
                    throw new HelpFormatException(path, open + 1, "the front matter that starts here has no closing '---' line.");
                }
                if (lines[index].StartsWith("---", StringComparison.Ordinal))
                {
                    index++;
                    break;
                }
                var pair = YamlPair(lines[index], path, index + 1);
                if (pair is { } p)
                {
                    frontMatter[p.Key] = p.Value;
                }
                index++;
            }
        }

        return new MarkdownBlocks(frontMatter, SplitBlocks(lines, index, path));
    }

    /// <summary>
    /// One "Key: value" line of platyPS's flat YAML (front matter and parameter blocks).
    /// Null for a blank line; an empty value is null, which platyPS treats as absent.
    /// </summary>
    public static KeyValuePair<string, string?>? YamlPair(string line, string path, int lineNumber)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        var colon = trimmed.IndexOf(':');
        if (colon < 0)
        {
            throw new HelpFormatException(path, lineNumber, $"invalid YAML: expected 'Key: value', found '{trimmed}'.");
        }
        var key = trimmed.Substring(0, colon).Trim();
        var value = trimmed.Substring(colon + 1).Trim();
        if (key.Length == 0)
        {
            throw new HelpFormatException(path, lineNumber, $"invalid YAML: no key before ':' in '{trimmed}'.");
        }
        return new KeyValuePair<string, string?>(key, value.Length == 0 ? null : value);
    }

    private static List<Block> SplitBlocks(string[] lines, int start, string path)
    {
        var blocks = new List<Block>();
        var text = new List<(string Line, int Number)>();

        void FlushText(bool endedByBlock)
        {
            var firstContent = text.FindIndex(t => !string.IsNullOrWhiteSpace(t.Line));
            if (firstContent >= 0)
            {
                var raw = new StringBuilder();
                for (var i = 0; i < text.Count; i++)
                {
                    if (i > 0)
                    {
                        raw.Append("\r\n");
                    }
                    raw.Append(text[i].Line);
                }
                // A following heading or fence is preceded by a line break in the source, which
                // matters for a trailing two-space hard break.
                if (endedByBlock)
                {
                    raw.Append("\r\n");
                }
                blocks.Add(new Block(BlockKind.Text, text[firstContent].Number, raw.ToString()));
            }
            text.Clear();
        }

        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = i + 1;

            var fence = line.TrimStart();
            if (fence.StartsWith("```", StringComparison.Ordinal))
            {
                FlushText(endedByBlock: true);
                i = ReadFence(lines, i, path, blocks, out var rest);
                if (rest is not null)
                {
                    // Text after a closing fence on the same line is ordinary text to platyPS.
                    text.Add((rest, i + 1));
                }
                continue;
            }

            if (line.StartsWith('#') && HeadingText(line) is { } heading)
            {
                FlushText(endedByBlock: true);
                blocks.Add(new Block(BlockKind.Heading, number, heading.Text, heading.Level));
                continue;
            }

            // An underline of = or - turns the previous text line into a heading (setext), as in platyPS.
            if (IsUnderline(line) && text.Count > 0 && !string.IsNullOrWhiteSpace(text[^1].Line))
            {
                var (title, titleNumber) = text[^1];
                text.RemoveAt(text.Count - 1);
                FlushText(endedByBlock: true);
                blocks.Add(new Block(BlockKind.Heading, titleNumber, title.TrimEnd(' '), line[0] == '=' ? 1 : 2));
                continue;
            }

            text.Add((line, number));
        }
        FlushText(endedByBlock: false);
        return blocks;
    }

    private static int ReadFence(string[] lines, int open, string path, List<Block> blocks, out string? rest)
    {
        var opening = lines[open].TrimStart().Substring(3);
        var languageLength = 0;
        while (languageLength < opening.Length && (char.IsLetterOrDigit(opening[languageLength]) || opening[languageLength] == '_'))
        {
            languageLength++;
        }
        var language = opening.Substring(0, languageLength);
        var content = new StringBuilder(opening.Substring(languageLength));

        for (var i = open + 1; i < lines.Length; i++)
        {
            var close = lines[i].IndexOf("```", StringComparison.Ordinal);
            content.Append("\r\n");
            if (close < 0)
            {
                content.Append(lines[i]);
                continue;
            }
            content.Append(lines[i], 0, close);
            var after = lines[i].Substring(close + 3);
            rest = string.IsNullOrWhiteSpace(after) ? null : after;
            // platyPS trims the whole block, leading indentation of the first line included.
            blocks.Add(new Block(BlockKind.Code, open + 1, content.ToString().Trim(), Language: language));
            return i;
        }
        throw new HelpFormatException(path, open + 1, "the code block that starts here is never closed with ```.");
    }

    private static (int Level, string Text)? HeadingText(string line)
    {
        var level = 0;
        while (level < line.Length && line[level] == '#')
        {
            level++;
        }
        // Trailing spaces and closing #s are not part of the title (platyPS drops them too).
        var title = line.Substring(level).Trim(' ').TrimEnd('#').TrimEnd(' ');
        return title.Length == 0 ? null : (level, title);
    }

    private static bool IsUnderline(string line)
    {
        var trimmed = line.TrimEnd(' ');
        if (trimmed.Length < 2 || (trimmed[0] != '=' && trimmed[0] != '-'))
        {
            return false;
        }
        foreach (var c in trimmed)
        {
            if (c != trimmed[0])
            {
                return false;
            }
        }
        return true;
    }
}
