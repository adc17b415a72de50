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
    double Progress,
    int CurrentLayer,
    int TotalLayers,
    TimeSpan? JobDuration,
    double NozzleTemperature,
    double NozzleTarget,
    double BedTemperature,
    double BedTarget,
    double ChamberTemperature,
    double ChamberTarget,
    bool LightOn,
    int CoolingFan,
    int ChamberFan,
    string? MachineType,
    TimeSpan Latency,
    TimeSpan SlowDripByteDelay,
    FlashForgeFault Fault,
    bool AnswerDiscovery,
    TimeSpan? PrintDuration,
    TimeSpan? EstimatedTime,
    IReadOnlyList<string> StoredFiles,
    long FreeSpaceBytes)
{
    public bool IsModern => Model == FlashForgeModel.Adventurer5MPro;

    /// <summary>
    /// A job exists (running, paused or finished): file, progress and layers are reported. A cancelled job is
    /// reported as none (READY, no file): our assumption, the notes do not say what a printer shows after a cancel.
    /// </summary>
    public bool HasJob => State is VirtualJobState.Printing or VirtualJobState.Paused or VirtualJobState.Completed;

    public string JobFile => HasJob ? CurrentFile ?? string.Empty : string.Empty;

    public int ProgressPercent => Percent(Progress);

    // A 1-hour job when the test did not say otherwise: only the relation to progress matters.
    private static readonly TimeSpan AssumedJobLength = TimeSpan.FromHours(1);

    private TimeSpan JobLength => JobDuration ?? AssumedJobLength;

    public TimeSpan JobElapsed => PrintDuration ?? (HasJob ? JobLength * Progress : TimeSpan.Zero);

    public TimeSpan JobRemaining => EstimatedTime ?? (HasJob && State != VirtualJobState.Completed
        ? JobLength * (1 - Progress)
        : TimeSpan.Zero);

    /// <summary>Whole percent of a 0.0-1.0 progress; the tiny bias keeps 0.29 * 100 from showing as 28.</summary>
    public static int Percent(double progress) => (int)Math.Floor(progress * 100 + 1e-9);
}
