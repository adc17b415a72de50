using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace PrinterTools;

/// <summary>
/// The live status of one printer. A value the printer does not report is null, never a made-up 0.
/// </summary>
public sealed class PrinterStatus
{
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    public PrinterVendor Vendor { get; init; }
    public string? Model { get; init; }
    public PrinterState State { get; init; }
    public string? FileName { get; init; }
    /// <summary>Percent, 0 to 100.</summary>
    public double? Progress { get; init; }
    public int? CurrentLayer { get; init; }
    public int? TotalLayers { get; init; }
    public TimeSpan? Elapsed { get; init; }
    public TimeSpan? Remaining { get; init; }
    public double? NozzleTemperature { get; init; }
    public double? NozzleTargetTemperature { get; init; }
    public double? BedTemperature { get; init; }
    public double? BedTargetTemperature { get; init; }
    public double? ChamberTemperature { get; init; }
    public double? ChamberTargetTemperature { get; init; }
    public bool? LightOn { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    // DateTime, not DateTimeOffset: it survives remoting as a date, the other as a property bag.
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// The vendor's own fields, for what the common properties don't cover. A read-only
    /// non-generic dictionary so it survives remoting as a hashtable; as text (Export-Csv) it reads
    /// "key=value; ..." (<see cref="PrinterRawFields"/>).
    /// </summary>
    public IDictionary Raw { get; init; } = PrinterRawFields.Empty;

    public override string ToString() => $"{Name} ({Address}): {State}";

    internal static IDictionary ToRaw(IDictionary<string, object?> fields) => new PrinterRawFields(fields);
}
