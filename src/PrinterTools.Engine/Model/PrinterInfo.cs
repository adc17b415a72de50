using System;

namespace PrinterTools;

/// <summary>A printer found on the network: what Find-Printer returns and what other cmdlets take.</summary>
public sealed class PrinterInfo
{
    public string Name { get; init; } = "";
    public PrinterVendor Vendor { get; init; }
    public string? Model { get; init; }
    /// <summary>IP address or host name.</summary>
    public string Address { get; init; } = "";
    /// <summary>FlashForge serial number, SDCP MainboardID, Creality serial or MAC.</summary>
    public string? SerialNumber { get; init; }
    public string? Firmware { get; init; }
    /// <summary>How PrinterTools talks to it, for example "FlashForge TCP 8899 + HTTP 8898".</summary>
    public string? Protocol { get; init; }
    public string? MacAddress { get; init; }
    public string[] Capabilities { get; init; } = Array.Empty<string>();

    public override string ToString() => string.IsNullOrEmpty(Name) ? Address : $"{Name} ({Address})";
}
