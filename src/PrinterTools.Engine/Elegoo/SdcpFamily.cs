using System;
using System.Collections.Generic;
using System.Linq;

namespace PrinterTools.Elegoo;

/// <summary>
/// The two kinds of SDCP V3 printer (notes §1): they share the protocol but not the meaning of
/// every field, nor the command payloads, the upload port or the units of time.
/// </summary>
internal enum SdcpFamily
{
    /// <summary>Centauri Carbon and Centauri: FDM, ticks in seconds, its own Progress, upload on port 80.</summary>
    Fdm,
    /// <summary>Saturn 4 Ultra, Mars 5 Ultra and the other Chitu boards: ticks in milliseconds, progress from layers, everything on 3030.</summary>
    Resin,
}

/// <summary>How to tell the families apart, from whatever is known first (notes §1, "How to tell the printer type").</summary>
internal static class SdcpFamilies
{
    private static readonly string[] FdmWords = { "Centauri", "Neptune" };
    private static readonly string[] ResinWords = { "Saturn", "Mars", "Jupiter", "Sonic", "Halot" };

    /// <summary>From a model or machine name; null when it names neither family.</summary>
    public static SdcpFamily? FromModel(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }
        if (FdmWords.Any(w => model!.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0))
        {
            return SdcpFamily.Fdm;
        }
        return ResinWords.Any(w => model!.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0) ? SdcpFamily.Resin : null;
    }

    /// <summary>From the attributes' SupportFileType (CTB/GOO resin, gcode FDM), then resin-only attributes.</summary>
    public static SdcpFamily? FromAttributes(IReadOnlyDictionary<string, object?> attributes)
    {
        if (attributes.TryGetValue("SupportFileType", out var types) && types is IEnumerable<object?> list)
        {
            var names = list.OfType<string>().ToList();
            if (names.Any(t => t.Equals("gcode", StringComparison.OrdinalIgnoreCase)))
            {
                return SdcpFamily.Fdm;
            }
            if (names.Any(t => t.Equals("ctb", StringComparison.OrdinalIgnoreCase) || t.Equals("goo", StringComparison.OrdinalIgnoreCase)))
            {
                return SdcpFamily.Resin;
            }
        }
        if (attributes.ContainsKey("ReleaseFilmMax") || attributes.ContainsKey("Resolution"))
        {
            return SdcpFamily.Resin;
        }
        return attributes.TryGetValue("MachineName", out var machine) ? FromModel(machine as string) : null;
    }

    /// <summary>From a status: only FDM printers report a nozzle, only resin ones a UV LED.</summary>
    public static SdcpFamily? FromStatus(IReadOnlyDictionary<string, object?> status) =>
        status.ContainsKey("TempOfNozzle") ? SdcpFamily.Fdm
        : status.ContainsKey("TempOfUVLED") || status.ContainsKey("ReleaseFilm") ? SdcpFamily.Resin
        : null;

    /// <summary>The last resort: the Carbon's MainboardID has 32 hex characters, resin boards' 16 (notes §2).</summary>
    public static SdcpFamily? FromMainboardId(string? mainboardId) => mainboardId?.Length switch
    {
        32 => SdcpFamily.Fdm,
        16 => SdcpFamily.Resin,
        _ => null,
    };

    /// <summary>The extensions each family prints (the attributes' SupportFileType; notes §6.1).</summary>
    public static string[] Extensions(SdcpFamily family) => family == SdcpFamily.Fdm ? new[] { ".gcode" } : new[] { ".ctb", ".goo" };
}
