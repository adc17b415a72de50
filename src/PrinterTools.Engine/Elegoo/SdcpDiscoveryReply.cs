using System;
using System.Text;
using System.Text.Json;

namespace PrinterTools.Elegoo;

/// <summary>
/// An SDCP printer's answer to the discovery probe "M99999" on UDP 3000 (notes §2): JSON with the
/// identity in "Data", flat on V3 printers (Centauri Carbon, Saturn 4 Ultra) and inside
/// "Data.Attributes" on V1 resin printers (Saturn 3 Ultra), whose reply also carries a status.
/// MainboardID is the one stable identity: 32 hex characters on the Carbon, 16 on resin boards.
/// </summary>
public sealed record SdcpDiscoveryReply(
    string? Name, string? MachineName, string? BrandName, string? MainboardIp, string MainboardId,
    string? ProtocolVersion, string? FirmwareVersion)
{
    /// <summary>The probe: six ASCII bytes, no line end, no JSON.</summary>
    public static byte[] Probe() => Encoding.ASCII.GetBytes("M99999");

    public const int Port = 3000;

    /// <summary>Real replies are 250 to 700 bytes; anything far larger is not a printer's.</summary>
    public const int MaxReplyBytes = 8 * 1024;

    /// <summary>V1 printers speak MQTT, V3 printers the WebSocket on port 3030.</summary>
    public bool IsV1 => ProtocolVersion?.StartsWith("V1", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The model without the brand: "Centauri Carbon", "Saturn 3 Ultra".</summary>
    public string? Model => ModelOf(MachineName, BrandName);

    /// <summary>A machine name without its brand, as the discovery reply and the attributes both give them.</summary>
    internal static string? ModelOf(string? machineName, string? brandName) =>
        machineName is { } machine && brandName is { Length: > 0 } brand && machine.StartsWith(brand + " ", StringComparison.OrdinalIgnoreCase)
            ? machine.Substring(brand.Length + 1)
            : machineName is { } m && m.StartsWith("ELEGOO ", StringComparison.OrdinalIgnoreCase) ? m.Substring(7) : machineName;

    /// <summary>The reply, or null for a datagram that is not an SDCP discovery reply (any other device on UDP 3000).</summary>
    public static SdcpDiscoveryReply? TryParse(byte[] datagram)
    {
        if (datagram is null || datagram.Length == 0 || datagram.Length > MaxReplyBytes)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(datagram, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            // V1 nests the identity in Attributes; V3 has it in Data itself.
            var identity = data.TryGetProperty("Attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object ? attributes : data;
            if (Text(identity, "MainboardID") is not { Length: > 0 } mainboard)
            {
                return null;
            }
            return new SdcpDiscoveryReply(
                Text(identity, "Name"), Text(identity, "MachineName"), Text(identity, "BrandName"), Text(identity, "MainboardIP"),
                mainboard, Text(identity, "ProtocolVersion"), Text(identity, "FirmwareVersion"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? PrinterText.CleanOrNull(value.GetString()) : null;
}
