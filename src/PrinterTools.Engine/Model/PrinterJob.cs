using System;

namespace PrinterTools;

/// <summary>A print job that Start-PrinterJob started.</summary>
public sealed class PrinterJob
{
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    /// <summary>The file's name on the printer.</summary>
    public string FileName { get; init; } = "";
    /// <summary>The job's state: Printing when started; with -Wait, the state it ended in.</summary>
    public PrinterState State { get; init; }
    public DateTime StartedAt { get; init; }
    /// <summary>Bytes uploaded before the start (0 for a file already on the printer).</summary>
    public long BytesUploaded { get; init; }
    /// <summary>With -Wait: the last status read, when the job ended. Otherwise null.</summary>
    public PrinterStatus? FinalStatus { get; init; }

    public override string ToString() => $"{FileName} on {Name}: {State}";
}
