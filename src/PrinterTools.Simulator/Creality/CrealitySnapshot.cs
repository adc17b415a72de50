using System;
using System.Net;

namespace PrinterTools.Simulator.Creality;

/// <summary>Immutable copy of the options with the wire codes worked out, taken once per frame so a frame is never half old, half new.</summary>
internal sealed record CrealitySnapshot(
    IPAddress Address,
    CrealityModel Model,
    CrealityModelDefaults Defaults,
    string Name,
    string SerialNumber,
    string MacAddress,
    string Firmware,
    CrealityJobState State,
    int StateCode,
    int DeviceState,
    int WithSelfTest,
    bool EnableSelfTest,
    string? FileName,
    double Progress,
    int Layer,
    int TotalLayers,
    TimeSpan JobLength,
    DateTimeOffset? JobStart,
    double NozzleTemperature,
    int NozzleTarget,
    double BedTemperature,
    int BedTarget,
    double ChamberTemperature,
    int ChamberTarget,
    bool LightOn,
    int ModelFan,
    int CaseFan,
    int AuxiliaryFan,
    bool LegacyFileList,
    bool CloseAfterStart,
    CrealityFault Fault,
    TimeSpan Latency,
    DateTimeOffset Now)
{
    /// <summary>A job is printing or paused (not idle, nor latched after its end).</summary>
    public bool Busy => State is CrealityJobState.Printing or CrealityJobState.Paused;

    /// <summary><c>printFileName</c>: the full path in the model's folder (§3), "" with no job.</summary>
    public string FilePath => FileName is null ? string.Empty : Defaults.GcodeFolder + FileName;

    public int Percent => (int)Math.Floor(Progress * 100 + 1e-9);

    /// <summary>A fan's 0 to 255 value as the percent the status reports (§3: int 0 to 100).</summary>
    public static int FanPercent(int pwm) => (int)Math.Round(pwm * 100 / 255.0, MidpointRounding.AwayFromZero);
}
