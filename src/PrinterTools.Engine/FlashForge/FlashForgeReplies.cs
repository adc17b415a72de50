namespace PrinterTools.FlashForge;

/// <summary>M115: who the printer is.</summary>
public sealed record FlashForgeMachineInfo(
    string? MachineType, string? Name, string? Firmware, string? SerialNumber,
    string? MacAddress, string? BuildVolume, int? ToolCount)
{
    /// <summary>The model without the vendor prefix: "Adventurer 5M Pro", "Adventurer III".</summary>
    public string? Model => KnownModel ?? FlashForgeModels.FromMachineType(MachineType);

    /// <summary>The model when it is known without M115 (from discovery); MachineType is then null.</summary>
    public string? KnownModel { get; init; }
}

/// <summary>M119: machine state, light and current file.</summary>
public sealed record FlashForgeMachineState(
    string? MachineStatus, string? MoveMode, string? Endstop, string? StatusFlags, bool? LedOn, string? CurrentFile);

/// <summary>M105: current and target temperatures in degrees Celsius.</summary>
public sealed record FlashForgeTemperatures(
    double? Nozzle, double? NozzleTarget, double? SecondNozzle, double? SecondNozzleTarget, double? Bed, double? BedTarget);

/// <summary>M27: progress. Most firmware reports percent as "byte n/100"; the Finder reports real bytes.</summary>
public sealed record FlashForgeProgress(long Done, long Total, int? Layer, int? TotalLayers)
{
    public double? Percent => Total <= 0 ? null : System.Math.Min(100.0, System.Math.Round(100.0 * Done / Total, 1));
}

/// <summary>M114: axis positions in millimetres (A is the extruder).</summary>
public sealed record FlashForgePosition(double? X, double? Y, double? Z, double? A);
