using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using static PrinterTools.Creality.CrealityValues;

namespace PrinterTools.Creality;

/// <summary>
/// The printer's <c>GET /info</c> on port 80 (creality.md §1.3): Creality Print takes a device
/// only when <c>model</c> and <c>mac</c> are non-empty strings, and knows it by its MAC, so a
/// printer that moved to another address stays the same printer. Other fields are read where
/// they are there (their names are not confirmed by any capture).
/// </summary>
internal sealed class CrealityInfo
{
    public const int HttpPort = 80;
    public const long MaxBytes = 64 * 1024;

    public string Model { get; private set; } = "";
    /// <summary>Upper-case, colon-separated (AA:BB:CC:DD:EE:FF) when it has twelve hex digits, else as given.</summary>
    public string MacAddress { get; private set; } = "";
    public string? Hostname { get; private set; }
    public string? SerialNumber { get; private set; }
    public string? Firmware { get; private set; }

    /// <summary>Null when <paramref name="body"/> is not the JSON object Creality Print accepts.</summary>
    public static CrealityInfo? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Property(root, "model") is not { ValueKind: JsonValueKind.String } model || PrinterText.Clean(model.GetString()!).Trim() is not { Length: > 0 } modelText
                || Property(root, "mac") is not { ValueKind: JsonValueKind.String } mac || PrinterText.Clean(mac.GetString()!).Trim() is not { Length: > 0 } macText)
            {
                return null;
            }
            return new CrealityInfo
            {
                Model = modelText,
                MacAddress = FormatMac(macText),
                Hostname = FirstText(root, "hostname", "hostName"),
                SerialNumber = FirstText(root, "sn", "SN", "serial"),
                Firmware = FirstText(root, "version", "firmware", "fwVersion"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The name the firmware gives itself when /info has none: model and the MAC's last four hex digits (§1.2).</summary>
    public string Name
    {
        get
        {
            var hex = new string(MacAddress.Where(Uri.IsHexDigit).ToArray());
            return Hostname ?? $"{Model.Replace(" ", "")}-{(hex.Length >= 4 ? hex.Substring(hex.Length - 4) : MacAddress)}";
        }
    }

    private static string? FirstText(JsonElement root, params string[] names) =>
        names.Select(n => Property(root, n) is { } v ? Text(v) : null).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t))?.Trim();

    internal static string FormatMac(string mac)
    {
        var hex = new string(mac.Where(c => c != ':' && c != '-').ToArray());
        if (hex.Length != 12 || !hex.All(Uri.IsHexDigit))
        {
            return mac;
        }
        var text = new StringBuilder(17);
        for (var i = 0; i < 12; i += 2)
        {
            text.Append(i == 0 ? "" : ":").Append(hex, i, 2);
        }
        return text.ToString().ToUpperInvariant();
    }
}
