using System;
using System.Management.Automation;
using System.Threading;

namespace PrinterTools.Host;

/// <summary>
/// Counts the lines Out-Default wrote to the host's error writer during a run; shared with the
/// cmdlet by reference. Out-Default writes an error through WriteErrorLine and an ErrorRecord that
/// is mere data (`$Error[0]`) through WriteLine, so a non-zero count means the run had errors.
/// </summary>
public sealed class ErrorTally
{
    private long _count;
    private long? _endMark;

    public ErrorTally(TextHostUserInterface ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        UI = ui;
    }

    /// <summary>The UI Out-Default writes to.</summary>
    public TextHostUserInterface UI { get; }

    public long Count => Interlocked.Read(ref _count);

    internal void Add(long lines) => Interlocked.Add(ref _count, lines);

    // From here on only Out-Default runs (it flushes what it still holds), so its lines count too.
    internal void MarkEnd() => _endMark = UI.ErrorLinesWritten;

    /// <summary>Called once the pipeline has finished: adds what Out-Default wrote at its end.</summary>
    public void Finish()
    {
        if (_endMark is long mark)
        {
            Add(UI.ErrorLinesWritten - mark);
            _endMark = null;
        }
    }
}

/// <summary>
/// Pass-through inserted just before Out-Default by <see cref="HostedEngine"/>. It is invoked through a
/// CmdletInfo and never registered in session state, so scripts cannot see or call it.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "HostedErrorRecord")]
public sealed class MeasureHostedErrorRecordCommand : Cmdlet
{
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(Mandatory = true)]
    public ErrorTally Tally { get; set; } = null!;

    protected override void ProcessRecord()
    {
        // WriteObject runs Out-Default on this thread before it returns, and the script does not
        // run meanwhile: error lines written during the call are Out-Default's, not the script's own
        // $host.UI.WriteErrorLine. (They may belong to an earlier record that Out-Default held back
        // behind table rows; only the total matters.)
        long before = Tally.UI.ErrorLinesWritten;
        WriteObject(InputObject);
        Tally.Add(Tally.UI.ErrorLinesWritten - before);
    }

    protected override void EndProcessing() => Tally.MarkEnd();
}
