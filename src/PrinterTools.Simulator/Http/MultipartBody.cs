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
        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        byte[] nextDelimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);

        // The first delimiter starts the body or follows a preamble line.
        int at = body.IndexOf(delimiter);
        if (at < 0 || (at > 0 && (at < 2 || !body.Slice(at - 2, 2).SequenceEqual(CrLf))))
        {
            return false;
        }

        int position = at + delimiter.Length;
        bool found = false;
        while (true)
        {
            ReadOnlySpan<byte> rest = body[position..];
            if (rest.StartsWith("--"u8))
            {
                return found; // the closing delimiter; an epilogue after it is ignored
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

            if (!found && IsFilePart(headers, formName, out string name))
            {
                fileName = name;
                content = dataStart..(dataStart + dataLength);
                found = true;
            }

            position = dataStart + dataLength + nextDelimiter.Length;
        }
    }

    /// <summary>
    /// <c>Content-Disposition: form-data; name="gcodeFile"; filename="x.gcode"</c> (quotes optional; an RFC 5987
    /// <c>filename*=utf-8''…</c> wins). A path in the file name is cut to its last segment.
    /// </summary>
    private static bool IsFilePart(string headers, string formName, out string fileName)
    {
        fileName = string.Empty;
        foreach (string line in headers.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !line[..colon].Trim().Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            List<string> parts = HeaderParameters.Split(line[(colon + 1)..]);
            if (parts.Count == 0 || !parts[0].Trim().Equals("form-data", StringComparison.OrdinalIgnoreCase)
                || HeaderParameters.Find(parts, "name") != formName)
            {
                return false;
            }

            string? name = HeaderParameters.ExtendedValue(HeaderParameters.Find(parts, "filename*"))
                ?? HeaderParameters.Find(parts, "filename");
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            fileName = name[(name.LastIndexOfAny(new[] { '/', '\\' }) + 1)..];
            return true;
        }

        return false;
    }
}
