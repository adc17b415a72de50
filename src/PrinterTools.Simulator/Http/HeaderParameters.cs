using System;
using System.Collections.Generic;
using System.Text;

namespace PrinterTools.Simulator.Http;

/// <summary>The <c>value; key=value; key="quoted value"</c> shape of Content-Type and Content-Disposition.</summary>
internal static class HeaderParameters
{
    /// <summary>Splits at semicolons outside quotes.</summary>
    public static List<string> Split(string header)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < header.Length; i++)
        {
            char c = header[i];
            if (quoted && c == '\\' && i + 1 < header.Length)
            {
                current.Append(c).Append(header[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ';' && !quoted)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString());
        return parts;
    }

    /// <summary>The value of <c>key=value</c> among the parameters (key case-insensitive), unquoted; null if absent.</summary>
    public static string? Find(List<string> parts, string key)
    {
        for (int i = 1; i < parts.Count; i++)
        {
            int equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parts[i][..equals].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return Unquote(parts[i][(equals + 1)..].Trim());
            }
        }

        return null;
    }

    /// <summary>RFC 5987 <c>charset'lang'percent-encoded</c>, decoded when the charset is UTF-8; else null.</summary>
    public static string? ExtendedValue(string? value)
    {
        if (value is null)
        {
            return null;
        }

        string[] pieces = value.Split('\'', 3);
        if (pieces.Length != 3 || !pieces[0].Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return Uri.UnescapeDataString(pieces[2]);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (int i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length - 1)
            {
                i++;
            }

            text.Append(value[i]);
        }

        return text.ToString();
    }
}
