using System;
using System.Collections.Generic;
using System.Text;

namespace PrinterTools.FlashForge;

/// <summary>
/// A FlashForge UDP discovery reply: 140 bytes from legacy printers, 276 from the 5M family.
/// Layout (big-endian): name[128] at 0x00, TCP port at 0x84, VID at 0x86, PID at 0x88,
/// status at 0x8A; modern adds product type 0x8C, HTTP port 0x8E, LAN flag 0x90, serial[128] at 0x92.
/// </summary>
public sealed record FlashForgeDiscoveryReply(
    string Name, int CommandPort, int VendorId, int ProductId, int StatusCode,
    int? HttpPort, string? SerialNumber)
{
    public const int LegacyLength = 140;
    public const int ModernLength = 276;
    public const int FlashForgeVendorId = 0x2B71;

    public bool IsModern => HttpPort is not null;

    /// <summary>The model named by the product id, where the id is known.</summary>
    public string? Model => FlashForgeModels.FromProductId(ProductId, IsModern);

    /// <summary>Parses a reply, or returns null for a datagram that is not one (wrong size or vendor).</summary>
    public static FlashForgeDiscoveryReply? TryParse(byte[] datagram)
    {
        if (datagram.Length != LegacyLength && datagram.Length != ModernLength)
        {
            return null;
        }
        var vid = FlashForgeBinary.ReadUInt16(datagram, 0x86);
        if (vid != FlashForgeVendorId)
        {
            return null;
        }
        var modern = datagram.Length == ModernLength;
        return new FlashForgeDiscoveryReply(
            Name: ReadText(datagram, 0, 128),
            CommandPort: FlashForgeBinary.ReadUInt16(datagram, 0x84),
            VendorId: vid,
            ProductId: FlashForgeBinary.ReadUInt16(datagram, 0x88),
            StatusCode: FlashForgeBinary.ReadUInt16(datagram, 0x8A),
            HttpPort: modern ? FlashForgeBinary.ReadUInt16(datagram, 0x8E) : null,
            SerialNumber: modern ? ReadText(datagram, 0x92, 128) : null);
    }

    private static string ReadText(byte[] data, int offset, int size)
    {
        var end = Array.IndexOf(data, (byte)0, offset, size);
        var length = (end < 0 ? offset + size : end) - offset;
        // The name is user-editable: a printer may send anything.
        return PrinterText.Clean(Encoding.UTF8.GetString(data, offset, length)).Trim();
    }
}

/// <summary>
/// Model names, one mapping for every path that names a model: the M115 "Machine Type" line (status
/// over TCP, and Find-Printer, which asks it of each printer that answers), and the product id of the
/// discovery reply and of HTTP /detail "pid".
/// </summary>
/// <remarks>
/// M115's Machine Type is the printer's own, not user-editable, statement of its model (notes §2.3,
/// real captures), so it wins wherever the console answers. The product id names the model only when
/// that is all there is: the modern ids come from FlashForge's own table (§1.3), but the legacy ones are
/// hints from one client library, and an Adventurer 4 that says "Adventurer 4" in M115 may send the
/// id listed for the 4 Pro.
/// </remarks>
public static class FlashForgeModels
{
    private static readonly Dictionary<int, string> Modern = new()
    {
        [0x0023] = "Adventurer 5M",
        [0x0024] = "Adventurer 5M Pro",
        [0x0025] = "Guider 4",
        [0x0026] = "AD5X",
        [0x0027] = "Guider 4 Pro",
        [0x0028] = "Creator 5",
        [0x0029] = "Creator 5 Pro",
        [0x001F] = "Guider 3 Ultra",
        [0x00BB] = "Adventurer A5",
    };

    private static readonly Dictionary<int, string> Legacy = new()
    {
        [0x0008] = "Adventurer III",
        [0x0016] = "Adventurer 4 Lite",
        [0x001E] = "Adventurer 4 Pro",
    };

    public static string? FromProductId(int productId, bool modern) =>
        (modern ? Modern : Legacy).TryGetValue(productId, out var name) ? name : null;

    /// <summary>
    /// The model named by an M115 Machine Type, in the words of the product id table: without the
    /// vendor prefix ("Flashforge Adventurer 5M Pro" is "Adventurer 5M Pro", as id 0x0024), single-spaced.
    /// </summary>
    public static string? FromMachineType(string? machineType)
    {
        if (machineType is null)
        {
            return null;
        }
        var words = machineType.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length > 1 && string.Equals(words[0], "FlashForge", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        var model = string.Join(" ", words, start, words.Length - start);
        return model.Length == 0 ? null : model;
    }

    /// <summary>The Creator 5 family, the FlashForge models with a heated chamber (the C5 without one reports chamberTemp -108, notes §3.3).</summary>
    public static bool HasChamberHeater(string? model) =>
        model is not null && model.IndexOf("Creator 5", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>False for the Adventurer 3 family, whose M106 switches the fan only on or off (notes §2.3).</summary>
    public static bool HasFanSpeed(string? model) =>
        model is null || (model.IndexOf("Adventurer III", StringComparison.OrdinalIgnoreCase) < 0
            && model.IndexOf("Adventurer 3", StringComparison.OrdinalIgnoreCase) < 0);

    /// <summary>Models that serve HTTP 8898 (status needs serial number and check code).</summary>
    public static bool HasHttpApi(string? model) =>
        model is not null && (model.IndexOf("5M", StringComparison.OrdinalIgnoreCase) >= 0
            || model.IndexOf("AD5X", StringComparison.OrdinalIgnoreCase) >= 0
            || model.IndexOf("Creator 5", StringComparison.OrdinalIgnoreCase) >= 0);
}
