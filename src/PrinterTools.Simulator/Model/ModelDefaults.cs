namespace PrinterTools.Simulator;

/// <summary>Identity a model reports when the options leave it unset. Values follow the captures' formats.</summary>
internal sealed record ModelDefaults(string Name, string SerialNumber, string CheckCode, string MacAddress, string Firmware, int ProductId)
{
    // Name "Adventurer4" and fw 2.0.9 as in adventurer4-fw2.0.9-M115.txt. The notes list PIDs only for
    // A4 Lite (0x16) and A4 Pro (0x1E) (§1.3); the plain A4 is unknown, so we report the Pro's.
    private static readonly ModelDefaults Adventurer4 =
        new("Adventurer4", "SNADVA0000001", "00000000", "88:A9:A7:00:00:01", "2.0.9", 0x001E);

    // Name and fw 3.1.3 as in adventurer5mpro-fw3.1.3-M115.txt; PID 0x0024 = 36 (§1.3, /detail pid).
    private static readonly ModelDefaults Adventurer5MPro =
        new("Adventurer 5M Pro", "SNMOMC0000001", "12345678", "88:A9:A7:00:00:02", "3.1.3", 0x0024);

    public static ModelDefaults For(FlashForgeModel model) =>
        model == FlashForgeModel.Adventurer4 ? Adventurer4 : Adventurer5MPro;
}
