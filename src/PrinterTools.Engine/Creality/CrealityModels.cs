using System;
using System.Collections.Generic;
using System.Linq;

namespace PrinterTools.Creality;

/// <summary>
/// What PrinterTools knows of each Creality model, by the code its frames and /info carry
/// (creality.md §10): its name, where it keeps G-code (§7) and whether it serves an MJPEG camera
/// (§8). A model not listed still works: its G-code folder is then taken from the file list.
/// </summary>
internal sealed class CrealityModel
{
    /// <summary>K1, K1C and K1 Max keep G-code here.</summary>
    public const string DataFolder = "/usr/data/printer_data/gcodes/";

    /// <summary>The K2 family, K1 SE and the Ender-3 V4 keep it on the UDISK.</summary>
    public const string UdiskFolder = "/mnt/UDISK/printer_data/gcodes/";

    private static readonly CrealityModel[] Known =
    {
        new("K1", DataFolder, mjpeg: true, "K1", "CR-K1"),
        new("K1C", DataFolder, mjpeg: true, "K1C", "CR-K1C"),
        new("K1 Max", DataFolder, mjpeg: true, "K1 Max", "CR-K1 Max", "K1Max"),
        new("K1 SE", UdiskFolder, mjpeg: false, "K1 SE", "K1SE"),
        new("Ender-3 V3", null, mjpeg: false, "F001"),
        new("Ender-3 V3 Plus", null, mjpeg: false, "F002"),
        new("CR-10 SE", null, mjpeg: false, "F003"),
        new("Ender-5 Max", null, mjpeg: false, "F004"),
        new("Ender-3 V3 KE", null, mjpeg: false, "F005"),
        new("K2 Plus", UdiskFolder, mjpeg: false, "F008"),
        new("Ender-3 V4", UdiskFolder, mjpeg: false, "F009"),
        new("K2 Pro", UdiskFolder, mjpeg: false, "F012"),
        new("Hi", null, mjpeg: false, "F018"),
        new("K2", UdiskFolder, mjpeg: false, "F021"),
        new("SPARKX i7", null, mjpeg: false, "F022"),
    };

    private readonly string[] _codes;

    private CrealityModel(string name, string? gcodeFolder, bool mjpeg, params string[] codes)
    {
        Name = name;
        GcodeFolder = gcodeFolder;
        HasMjpegCamera = mjpeg;
        _codes = codes;
    }

    public string Name { get; }

    /// <summary>Null where no source says: the file list's paths tell then.</summary>
    public string? GcodeFolder { get; }

    /// <summary>mjpg-streamer on port 8080 (K1 series); the others stream over WebRTC only.</summary>
    public bool HasMjpegCamera { get; }

    /// <summary>The model of a code ("F008", "K1C", "CR-K1 Max"), or null for one PrinterTools does not know.</summary>
    public static CrealityModel? FromCode(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null
            : Known.FirstOrDefault(m => m._codes.Any(c => string.Equals(c, code!.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>The model PrinterInfo.Model names ("K2 Plus"), or null.</summary>
    public static CrealityModel? FromName(string? name) =>
        Known.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The name users know ("K2 Plus" for F008), else the code as the printer gave it.</summary>
    public static string? NameOf(string? code) => FromCode(code)?.Name ?? (string.IsNullOrWhiteSpace(code) ? null : code!.Trim());

    /// <summary>The G-code folders seen on Creality printers: a path a printer names outside them is not trusted.</summary>
    public static IReadOnlyList<string> Folders { get; } = new[] { DataFolder, UdiskFolder };
}
