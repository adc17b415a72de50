using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdBlock = Markdig.Syntax.Block;

namespace PrinterTools.HelpBuilder;

internal enum SpanKind
{
    Plain,
    Styled,
    Link,
    HardBreak,
}

internal sealed record Span(SpanKind Kind, string Text, string Uri = "");

/// <summary>
/// Flattens Markdig's tree into the string platyPS 0.14 keeps in its model when New-ExternalHelp
/// reads markdown, so the MAML is the one platyPS writes:
/// <list type="bullet">
/// <item>each paragraph is one line (soft line breaks become spaces); lines are "\r\n"-separated;</item>
/// <item>bold, italic and links are set apart by spaces, a link's address follows it in parentheses;</item>
/// <item>a list item is a line of its own, marker included; a list of two or more items is set
/// apart from the text after it by an empty line, as platyPS writes it;</item>
/// <item>backslash escapes are resolved; `code` keeps its backticks.</item>
/// </list>
/// </summary>
internal static class PlatyText
{
    /// <summary>The model text of a text block ("" for none).</summary>
    public static string Paragraph(Block? block) => block is null ? "" : string.Join("\r\n", Lines(block.Content));

    /// <summary>The inline pieces of a paragraph, for sections that take only links.</summary>
    public static List<Span> Spans(ContainerInline? inlines)
    {
        var spans = new List<Span>();
        var plain = new StringBuilder();

        void FlushPlain()
        {
            var text = plain.ToString().Trim();
            if (text.Length > 0)
            {
                spans.Add(new Span(SpanKind.Plain, text));
            }
            plain.Clear();
        }

        foreach (var inline in inlines ?? Enumerable.Empty<Inline>())
        {
            switch (inline)
            {
                case LineBreakInline { IsHard: true }:
                    FlushPlain();
                    spans.Add(new Span(SpanKind.HardBreak, "\n"));
                    break;
                case EmphasisInline emphasis:
                    FlushPlain();
                    spans.Add(new Span(SpanKind.Styled, Plain(emphasis).Trim()));
                    break;
                case LinkInline link:
                    FlushPlain();
                    spans.Add(new Span(SpanKind.Link, Plain(link).Trim(), link.Url ?? ""));
                    break;
                default:
                    plain.Append(Plain(inline));
                    break;
            }
        }
        FlushPlain();
        return spans;
    }

    /// <summary>Inline text without markup: what a heading title or a link's text reads as.</summary>
    public static string Plain(Inline? inline) => inline switch
    {
        null => "",
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => Backticked(code),
        LineBreakInline => " ",
        AutolinkInline autolink => $"<{autolink.Url}>",
        HtmlInline html => html.Tag,
        HtmlEntityInline entity => entity.Transcoded.ToString(),
        ContainerInline container => string.Concat(container.Select(Plain)),
        _ => "",
    };

    private static IEnumerable<string> Lines(IReadOnlyList<MdBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case ParagraphBlock paragraph:
                    yield return Join(Spans(paragraph.Inline));
                    break;
                case ListBlock list:
                    foreach (var line in ItemLines(list, ""))
                    {
                        yield return line;
                    }
                    if (list.Count > 1 && i < blocks.Count - 1)
                    {
                        yield return "";
                    }
                    break;
                case HtmlBlock html:
                    yield return string.Join(" ", html.Lines.Lines.Take(html.Lines.Count).Select(l => l.Slice.ToString().Trim()));
                    break;
                case ContainerBlock container:
                    // A block quote: its text, without the '>' markers.
                    foreach (var line in Lines(container.ToList()))
                    {
                        yield return line;
                    }
                    break;
            }
            // A thematic break ("***") carries no text.
        }
    }

    private static IEnumerable<string> ItemLines(ListBlock list, string indent)
    {
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{item.Order}{list.OrderedDelimiter} " : $"{list.BulletType} ";
            var first = true;
            foreach (var child in item)
            {
                var lines = child is ListBlock nested
                    ? ItemLines(nested, indent + "  ")
                    : Lines([child]).Select(line => (first ? indent + marker : indent + "  ") + line);
                foreach (var line in lines)
                {
                    yield return line;
                    first = false;
                }
            }
            if (first)
            {
                yield return indent + marker.TrimEnd();
            }
        }
    }

    /// <summary>Joins spans: styled text and links are set apart by spaces, a link's address follows it in parentheses.</summary>
    private static string Join(IReadOnlyList<Span> spans)
    {
        var text = new StringBuilder();
        var previousSetApart = false;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            var setApart = span.Kind is SpanKind.Styled or SpanKind.Link;
            if ((i > 0 && setApart) || previousSetApart)
            {
                text.Append(' ');
            }
            text.Append(span.Text);
            previousSetApart = setApart;
            if (span.Kind == SpanKind.Link && !string.IsNullOrWhiteSpace(span.Uri))
            {
                text.Append(" (").Append(span.Uri).Append(')');
                previousSetApart = false;
            }
        }
        return text.ToString();
    }

    // As written: platyPS keeps the backticks of inline code.
    private static string Backticked(CodeInline code)
    {
        var fence = new string(code.Delimiter, code.DelimiterCount);
        var content = code.Content;
        var pad = content.StartsWith(code.Delimiter) || content.EndsWith(code.Delimiter) ? " " : "";
        return fence + pad + content + pad + fence;
    }
}
