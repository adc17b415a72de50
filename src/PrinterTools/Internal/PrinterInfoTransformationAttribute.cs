using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace PrinterTools.Internal;

/// <summary>
/// Turns a deserialized PrinterInfo (what comes back from Invoke-Command) into a live one, so
/// `Invoke-Command { Find-Printer } | Get-PrinterStatus` binds -Printer like a local object does.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class PrinterInfoTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (value is PrinterInfo || value is PrinterInfo[] || inputData is null)
        {
            return value;
        }
        if (value is IList list && value is not string)
        {
            var result = new List<PrinterInfo>();
            foreach (var item in list)
            {
                if (Convert(item) is not { } printer)
                {
                    return inputData;
                }
                result.Add(printer);
            }
            return result.ToArray();
        }
        return Convert(inputData) ?? inputData;
    }

    private static PrinterInfo? Convert(object? item)
    {
        if (item is PrinterInfo info)
        {
            return info;
        }
        if (item is PSObject { BaseObject: PrinterInfo live })
        {
            return live;
        }
        if (item is not PSObject bag || bag.Properties["Address"]?.Value is not { } address || IsFile(bag))
        {
            // Not a printer: leave it to the binder, which then tries the -Address or -InputObject parameter set.
            return null;
        }
        return new PrinterInfo
        {
            Name = Text(bag, "Name") ?? "",
            Vendor = LanguagePrimitives.ConvertTo<PrinterVendor>(bag.Properties["Vendor"]?.Value),
            Model = Text(bag, "Model"),
            Address = address.ToString(),
            SerialNumber = Text(bag, "SerialNumber"),
            Firmware = Text(bag, "Firmware"),
            Protocol = Text(bag, "Protocol"),
            MacAddress = Text(bag, "MacAddress"),
            Capabilities = bag.Properties["Capabilities"]?.Value is { } caps ? LanguagePrimitives.ConvertTo<string[]>(caps) : Array.Empty<string>(),
        };
    }

    /// <summary>A stored file (live or deserialized) names its printer too, but binds to -InputObject as a file.</summary>
    private static bool IsFile(PSObject bag) => bag.BaseObject is PrinterFile || bag.TypeNames.Contains("Deserialized.PrinterTools.PrinterFile");

    private static string? Text(PSObject bag, string name) => bag.Properties[name]?.Value?.ToString();
}
