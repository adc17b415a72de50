using System;
using System.Collections.Generic;
using System.Text;

namespace PrinterTools.Simulator.Http;

/// <summary>
/// The printer's side of <c>multipart/form-data</c> (RFC 7578 / RFC 2046) for /uploadGcode (notes §3.2): finds
/// the file part by its form name. Strict on structure: a body without its closing delimiter (cut short), a part
/// without a blank line after its headers, or a boundary missing from the start is malformed.
/// </summary>
internal static class MultipartBody
{
    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    /// <summary>The boundary parameter of a <c>multipart/form-data</c> Content-Type, or null.</summary>
    public static string? Boundary(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        List<string> parts = HeaderParameters.Split(contentType);
        if (parts.Count == 0 || !parts[0].Trim().Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? boundary = HeaderParameters.Find(parts, "boundary");
        // RFC 2046 §5.1.1: 1 to 70 characters.
        return boundary is { Length: > 0 and <= 70 } ? boundary : null;
    }

    /// <summary>
    /// Finds the part whose Content-Disposition names <paramref name="formName"/> and carries a file name.
    /// False when the body is malformed or has no such part.
    /// </summary>
    public static bool TryFindFile(ReadOnlySpan<byte> body, string boundary, string formName, out string fileName, out Range content)
    {
        fileName = string.Empty;
        content = default;
        var parts = new List<MultipartPart>();
        if (!TryReadParts(body, boundary, parts))
        {
            return false;
        }

        foreach (MultipartPart part in parts)
        {
            if (part.FormName == formName && part.FileName is { Length: > 0 } name)
            {
                fileName = name;
                content = part.Content;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every part of the body, in order, with its headers and where its data lies in <paramref name="body"/>.
    /// False when the body is malformed (then <paramref name="parts"/> holds the parts read so far).
    /// </summary>
    public static bool TryReadParts(ReadOnlySpan<byte> body, string boundary, List<MultipartPart> parts)
    {
        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        byte[] nextDelimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);

        // The first delimiter starts the body or follows a preamble line.
        int at = body.IndexOf(delimiter);
        if (at < 0 || (at > 0 && (at < 2 || !body.Slice(at - 2, 2).SequenceEqual(CrLf))))
        {
            return false;
        }

        int position = at + delimiter.Length;
        while (true)
        {
            ReadOnlySpan<byte> rest = body[position..];
            if (rest.StartsWith("--"u8))
            {
                return true; // the closing delimiter; an epilogue after it is ignored
            }

            // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
            int skip = 0;
            while (skip < rest.Length && rest[skip] is (byte)' ' or (byte)'\t')
            {
                skip++;
            }

            if (!rest[skip..].StartsWith(CrLf))
            {
                return false;
            }

            int headersStart = position + skip + 2;
            int headersLength = body[headersStart..].StartsWith(CrLf) ? 0 : body[headersStart..].IndexOf(HeaderEnd);
            if (headersLength < 0)
            {
                return false;
            }

            string headers = Encoding.UTF8.GetString(body.Slice(headersStart, headersLength));
            int dataStart = headersStart + headersLength + (headersLength == 0 ? 2 : 4);
            int dataLength = body[dataStart..].IndexOf(nextDelimiter);
            if (dataLength < 0)
            {
                return false; // cut short: no delimiter after the data
            }

            parts.Add(new MultipartPart(headers, dataStart..(dataStart + dataLength)));
            position = dataStart + dataLength + nextDelimiter.Length;
        }
    }
}
