using System;
using System.Collections.Generic;
using System.Net;

namespace PrinterTools.Simulator;

/// <summary>Immutable copy of the options, taken once per reply so a reply is never half old, half new.</summary>
internal sealed record PrinterSnapshot(
    IPAddress Address,
    FlashForgeModel Model,
    string Name,
    string SerialNumber,
    string CheckCode,
    string MacAddress,
    string Firmware,
    int ProductId,
    VirtualJobState State,
    string? CurrentFile,
    int ProgressPercent,
    int CurrentLayer,
    int TotalLayers,
    double NozzleTemperature,
    double NozzleTarget,
    double BedTemperature,
    double BedTarget,
    double ChamberTemperature,
    double ChamberTarget,
    bool LightOn,
    TimeSpan Latency,
    FlashForgeFault Fault,
    bool AnswerDiscovery,
    TimeSpan? PrintDuration,
    TimeSpan? EstimatedTime,
    IReadOnlyList<string> StoredFiles,
    long FreeSpaceBytes)
{
    public bool IsModern => Model == FlashForgeModel.Adventurer5MPro;

    /// <summary>A job exists (running, paused or finished): file, progress and layers are reported.</summary>
    public bool HasJob => State != VirtualJobState.Idle;

    public string JobFile => HasJob ? CurrentFile ?? string.Empty : string.Empty;

    // A 1-hour job when the test did not say otherwise: only the relation to progress matters.
    private static readonly TimeSpan AssumedJobLength = TimeSpan.FromHours(1);

    public TimeSpan JobElapsed => PrintDuration ?? (HasJob ? AssumedJobLength * (ProgressPercent / 100.0) : TimeSpan.Zero);

    public TimeSpan JobRemaining => EstimatedTime ?? (HasJob && State != VirtualJobState.Completed
        ? AssumedJobLength * ((100 - ProgressPercent) / 100.0)
        : TimeSpan.Zero);
}
