using System;
using System.Collections.Generic;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>What each family reports and how it behaves when the options leave it unset (notes §1, §2, §3.6, §6).</summary>
internal sealed record ElegooFamilyDefaults(
    string DiscoveryId,
    string Name,
    string MachineName,
    string MainboardId,
    string Firmware,
    string? MacAddress,
    IReadOnlyList<string> SupportFileType,
    int HttpPort,
    TimeSpan? IdleClose,
    int MaxVideoStreams)
{
    /// <summary>The WebSocket port of every V3 printer (§3.1); also the resin upload port (§6.1).</summary>
    public const int WebSocketPort = 3030;

    /// <summary>The CC's MJPEG camera port (§6.4).</summary>
    public const int CameraPort = 3031;

    /// <summary>§2: the discovery port and its exact probe.</summary>
    public const int DiscoveryPort = 3000;

    public const string DiscoveryProbe = "M99999";

    // §2: Id "same for every CC"; MainboardID 32 hex; cc-v1.1.46-discovery-reply.json for name and firmware.
    // §1: uploads on port 80; §3.5: idle close after ~60 s; §3.6: MaximumVideoStreamAllowed 4 on CC1.
    private static readonly ElegooFamilyDefaults CentauriCarbon = new(
        "979d4C788A4a78bC777A870F1A02867A", "Centauri Carbon", "Centauri Carbon",
        "5a1ad00d0105041800009c0000000000", "V1.1.46", "2C:C3:E6:00:00:01",
        new[] { "gcode" }, 80, TimeSpan.FromSeconds(60), 4);

    // s4u-v1.1.9-discovery-reply.json: Id, name "3D Printer", 16-hex MainboardID, firmware; §3.5: no idle close.
    private static readonly ElegooFamilyDefaults Saturn4Ultra = new(
        "f25273b12b094c5a8b9513a30ca60049", "3D Printer", "Saturn 4 Ultra",
        "5a7e00c0ffee0100", "V1.1.9", null,
        new[] { "CTB", "GOO" }, WebSocketPort, null, 2);

    public static ElegooFamilyDefaults For(ElegooFamily family) =>
        family == ElegooFamily.Saturn4Ultra ? Saturn4Ultra : CentauriCarbon;
}
