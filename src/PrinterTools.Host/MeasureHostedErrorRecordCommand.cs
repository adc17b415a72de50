using System;
using System.Management.Automation;
using System.Reflection;
using System.Threading;

namespace PrinterTools.Host;

/// <summary>Counts error records passing through a pipeline; shared with the cmdlet by reference.</summary>
public sealed class ErrorTally
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    internal void Increment() => Interlocked.Increment(ref _count);
}

/// <summary>
/// Pass-through inserted before Out-Default by <see cref="HostedEngine"/>. It is invoked through a
/// CmdletInfo and never registered in session state, so scripts cannot see or call it.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "HostedErrorRecord")]
public sealed class MeasureHostedErrorRecordCommand : Cmdlet
{
    private static readonly Func<PSObject, bool>? CameFromErrorStream = CreateErrorStreamProbe();

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(Mandatory = true)]
    public ErrorTally Tally { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (InputObject?.BaseObject is ErrorRecord && (CameFromErrorStream?.Invoke(InputObject) ?? true))
        {
            Tally.Increment();
        }

        WriteObject(InputObject);
    }

    // A merged error and an ErrorRecord written as data (`$Error[0]`) look alike through the public
    // API; the engine marks the first with the internal PSObject.WriteStream = Error, which is also
    // how Out-Default picks stderr. If a later SMA drops it, every ErrorRecord counts as an error.
    private static Func<PSObject, bool>? CreateErrorStreamProbe()
    {
        PropertyInfo? property = typeof(PSObject).GetProperty("WriteStream", BindingFlags.Instance | BindingFlags.NonPublic);
        if (property is null || !property.PropertyType.IsEnum ||
            !Enum.TryParse(property.PropertyType, "Error", out object? errorStream))
        {
            return null;
        }

        return o => Equals(property.GetValue(o), errorStream);
    }
}
