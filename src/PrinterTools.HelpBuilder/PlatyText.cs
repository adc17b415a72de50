using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

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
/// Turns a text block into the string platyPS 0.14 keeps in its model when New-ExternalHelp
/// reads markdown. The rules reproduce its observable behaviour, quirks included, because the
/// point of this tool is to write the same MAML:
/// <list type="bullet">
/// <item>bold, italic and links split the text into spans; each span is trimmed on its own;</item>
/// <item>a single line break becomes a space, a blank line separates paragraphs;</item>
/// <item>consecutive lines starting with "- ", "* " or "--" keep their line breaks (lists);</item>
/// <item>markdown backslash escapes are removed; `code` backticks are kept.</item>
/// </list>
/// </summary>
internal static class PlatyText
{
    // Tried at every position; the earliest match wins and, on a tie, the earlier pattern.
    private static readonly (SpanKind Kind, Regex Pattern)[] InlinePatterns =
    [
        (SpanKind.HardBreak, new Regex(@"[ ]{2}\r\n", RegexOptions.CultureInvariant)),
        (SpanKind.Link, new Regex(@"\[(.+?)\]\((.*)\)", RegexOptions.CultureInvariant)),
        (SpanKind.Styled, new Regex(@"\*\*(.+?)\*\*", RegexOptions.CultureInvariant)),
        (SpanKind.Styled, new Regex(@"\*(.+?)\*", RegexOptions.CultureInvariant)),
        (SpanKind.Styled, new Regex(@"(?<![a-zA-Z0-9])__(.+?)__(?![a-zA-Z0-9])", RegexOptions.CultureInvariant)),
        (SpanKind.Styled, new Regex(@"(?<![a-zA-Z0-9])_(.+?)_(?![a-zA-Z0-9])", RegexOptions.CultureInvariant)),
    ];

    private static readonly (string Escaped, string Plain)[] Escapes =
    [
        (@"\[", "["), (@"\]", "]"), (@"\(", "("), (@"\)", ")"), (@"\`", "`"),
        (@"\<", "<"), (@"\>", ">"), (@"\_", "_"), (@"\*", "*"), (@"\\", @"\"),
    ];

    /// <summary>The model text of a text block ("" for none).</summary>
    public static string Paragraph(Block? block) => block is null ? "" : Join(Spans(block.Text));

    public static List<Span> Spans(string raw)
    {
        var spans = new List<Span>();
        var position = 0;
        while (position < raw.Length)
        {
            Match? first = null;
            var kind = SpanKind.Plain;
            foreach (var (candidateKind, pattern) in InlinePatterns)
            {
                var match = pattern.Match(raw, position);
                if (match.Success && (first is null || match.Index < first.Index))
                {
                    first = match;
                    kind = candidateKind;
                    if (match.Index == position)
                    {
                        break;
                    }
                }
            }

            var end = first?.Index ?? raw.Length;
            var before = raw.Substring(position, end - position);
            if (!string.IsNullOrWhiteSpace(before))
            {
                spans.Add(new Span(SpanKind.Plain, Clean(before)));
            }
            if (first is null)
            {
                break;
            }
            spans.Add(kind switch
            {
                SpanKind.HardBreak => new Span(SpanKind.HardBreak, "\n"),
                SpanKind.Link => new Span(SpanKind.Link, first.Groups[1].Value, first.Groups[2].Value),
                _ => new Span(SpanKind.Styled, Clean(first.Groups[1].Value)),
            });
            position = first.Index + first.Length;
        }
        return spans;
    }

    /// <summary>Joins spans: styled text and links are set apart by spaces, a link's address follows it in parentheses.</summary>
    public static string Join(IReadOnlyList<Span> spans)
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

    /// <summary>The text of one span: escapes removed, soft breaks joined, lists and paragraphs kept.</summary>
    private static string Clean(string span)
    {
        var text = span.Trim();
        foreach (var (escaped, plain) in Escapes)
        {
            text = text.Replace(escaped, plain, StringComparison.Ordinal);
        }

        var result = new StringBuilder();
        var previous = "foo"; // "no previous line": anything that is not a list item
        var inList = false;
        foreach (var line in text.Split("\r\n"))
        {
            var before = previous;
            previous = line;
            if (string.IsNullOrWhiteSpace(line))
            {
                result.Append("\r\n");
            }
            else if (IsListItem(before) && IsListItem(line))
            {
                inList = true;
                result.Append("\r\n").Append(line);
            }
            else
            {
                if (inList)
                {
                    // The first line after a list starts a paragraph of its own.
                    inList = false;
                    result.Append("\r\n");
                }
                result.Append(line).Append(' ');
            }
        }
        return result.ToString().Replace(" \r\n", "\r\n", StringComparison.Ordinal).Trim();
    }

    private static bool IsListItem(string line) =>
        line.Length >= 2 && ((line[0] == '-' && (line[1] == '-' || line[1] == ' ')) || (line[0] == '*' && line[1] == ' '));
}
