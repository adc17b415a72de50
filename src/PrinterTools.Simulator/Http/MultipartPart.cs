using System;
using System.Collections.Generic;

namespace PrinterTools.Simulator.Http;

/// <summary>One part of a <c>multipart/form-data</c> body: its header block and where its data lies in the body.</summary>
internal readonly record struct MultipartPart(string Headers, Range Content)
{
    /// <summary>The form name of <c>Content-Disposition: form-data; name="…"</c>; null when the part has none.</summary>
    public string? FormName => Disposition(out List<string>? parts) ? HeaderParameters.Find(parts!, "name") : null;

    /// <summary>
    /// The file name (quotes optional; an RFC 5987 <c>filename*=utf-8''…</c> wins), cut to its last path segment;
    /// null when the part carries none.
    /// </summary>
    public string? FileName
    {
        get
        {
            if (!Disposition(out List<string>? parts))
            {
                return null;
            }

            string? name = HeaderParameters.ExtendedValue(HeaderParameters.Find(parts!, "filename*"))
                ?? HeaderParameters.Find(parts!, "filename");
            return string.IsNullOrEmpty(name) ? null : name[(name.LastIndexOfAny(new[] { '/', '\\' }) + 1)..];
        }
    }

    /// <summary>The parameters of the first Content-Disposition header, when it is <c>form-data</c>.</summary>
    private bool Disposition(out List<string>? parts)
    {
        parts = null;
        foreach (string line in Headers.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !line[..colon].Trim().Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            parts = HeaderParameters.Split(line[(colon + 1)..]);
            return parts.Count > 0 && parts[0].Trim().Equals("form-data", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}
