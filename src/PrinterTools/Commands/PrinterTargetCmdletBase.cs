using System;
using System.Management.Automation;
using PrinterTools.Internal;

namespace PrinterTools.Commands;

/// <summary>
/// The base of cmdlets whose pipeline carries printers: -Printer (Find-Printer output, also
/// deserialized after remoting) or -Address (strings, or objects with an Address property).
/// Each derived cmdlet names "Printer" its default parameter set.
/// </summary>
public abstract class PrinterTargetCmdletBase : PrinterConnectionCmdletBase
{
    [Parameter(ParameterSetName = PrinterSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [PrinterInfoTransformation]
    [ValidateNotNullOrEmpty]
    public PrinterInfo[] Printer { get; set; } = Array.Empty<PrinterInfo>();

    [Parameter(ParameterSetName = AddressSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Address { get; set; } = Array.Empty<string>();

    /// <summary>Without it, the vendor is found by the ports the address serves.</summary>
    [Parameter(ParameterSetName = AddressSet, ValueFromPipelineByPropertyName = true)]
    public PrinterVendor? Vendor { get; set; }
}
