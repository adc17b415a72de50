using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace PrinterTools.Internal;

/// <summary>
/// Lets only strings bind to -Gcode. PowerShell would otherwise turn any piped object into text
/// (a printer piped in by mistake would be sent as "G28 Farm (10.0.0.5)"), and raw G-code moves
/// axes and heats: an object that is not a line is refused, for that object alone.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class GcodeLinesAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (value is string or null)
        {
            return value;
        }
        if (value is IEnumerable items)
        {
            var lines = new List<string>();
            foreach (var item in items)
            {
                lines.Add((item is PSObject p ? p.BaseObject : item) as string
                    ?? throw new ArgumentTransformationMetadataException($"-Gcode takes lines of text; got a {item?.GetType().Name ?? "null"}."));
            }
            return lines.ToArray();
        }
        throw new ArgumentTransformationMetadataException($"-Gcode takes lines of text; got a {value.GetType().FullName}.");
    }
}
