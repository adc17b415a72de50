using System;

namespace PrinterTools;

/// <summary>
/// One file stored on a printer, as Get-PrinterFile lists it. What the vendor's list does not carry is null:
/// FlashForge's console lists names only, the Saturn resin printers names and nothing else.
/// </summary>
public sealed class PrinterFile
{
    /// <summary>The printer's name.</summary>
    public string Name { get; init; } = "";
    /// <summary>The printer's address, so the file binds to -Address of Remove-PrinterFile and Start-PrinterJob.</summary>
    public string Address { get; init; } = "";
    public PrinterVendor Vendor { get; init; }
    /// <summary>The printer's model, where known.</summary>
    public string? Model { get; init; }
    /// <summary>The file's name on the printer, cleaned of control characters; never a local path.</summary>
    public string FileName { get; init; } = "";
    /// <summary>Bytes.</summary>
    public long? Size { get; init; }
    /// <summary>When the printer says the file was stored, in local time.</summary>
    public DateTime? Modified { get; init; }
    public int? Layers { get; init; }
    /// <summary>The slicer's estimate of the print time, as the printer lists it.</summary>
    public TimeSpan? EstimatedTime { get; init; }
    /// <summary>The material(s) the file was sliced for, comma-separated.</summary>
    public string? Material { get; init; }

    /// <summary>The printer's own name had control characters, cleaned out of FileName: the file cannot be named back to it.</summary>
    internal bool NameAltered { get; init; }

    public override string ToString() => FileName;
}
