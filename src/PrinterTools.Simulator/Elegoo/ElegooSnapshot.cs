using System;
using System.Collections.Generic;
using System.Net;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>Immutable copy of the options, taken once per frame so a frame is never half old, half new.</summary>
internal sealed record ElegooSnapshot(
    IPAddress Address,
    ElegooFamily Family,
    ElegooFamilyDefaults Defaults,
    string Name,
    string MainboardId,
    string Firmware,
    string MachineName,
    string? MacAddress,
    ElegooJobState State,
    ElegooPhase Phase,
    TimeSpan PhaseElapsed,
    TimeSpan PhaseTime,
    string? CurrentFile,
    string? TaskId,
    double Progress,
    int CurrentLayer,
    int TotalLayers,
    TimeSpan JobLength,
    double NozzleTemperature,
    double NozzleTarget,
    double BedTemperature,
    double BedTarget,
    double ChamberTemperature,
    double ChamberTarget,
    bool LightOn,
    int ModelFan,
    int AuxiliaryFan,
    int BoxFan,
    int PrintSpeedPercent,
    bool TimeLapse,
    double UvLedTemperature,
    double? TankTemperature,
    double? TankTarget,
    bool CanvasConnected,
    IReadOnlyList<ElegooCanvasTray> CanvasTrays,
    int ActiveTray,
    ElegooFault Fault,
    TimeSpan Latency,
    DateTimeOffset Now)
{
    public bool IsCarbon => Family == ElegooFamily.CentauriCarbon;

    /// <summary>Frame TimeStamp: epoch seconds (§3.3).</summary>
    public long TimeStamp => Now.ToUnixTimeSeconds();

    /// <summary>True once the current phase has lasted <paramref name="phases"/> × PhaseTime.</summary>
    public bool PhasePast(int phases) => PhaseElapsed >= PhaseTime * phases;
}
