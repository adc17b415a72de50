using System;
using System.Collections.Generic;
using System.Management.Automation;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// The base of cmdlets that act on stored files (Start-PrinterJob, Remove-PrinterFile): besides -Printer or -Address
/// with -FileName, Get-PrinterFile's output binds by value to -InputObject, which names the printer and the file at
/// once. Only a PrinterFile (or its copy after remoting) binds there, and -FileName takes no pipeline input: a status
/// piped in carries its last job's FileName, which must never be started or removed by accident.
/// </summary>
public abstract class PrinterFileCmdletBase : PrinterTargetCmdletBase
{
    protected const string FileSet = "File";

    /// <summary>
    /// Files from Get-PrinterFile, including their deserialized copies after remoting, which PowerShell rebuilds from
    /// their properties (a status or an Import-Csv row has others, or binds -Address first, so it never becomes a file).
    /// </summary>
    [Parameter(ParameterSetName = FileSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public PrinterFile[] InputObject { get; set; } = Array.Empty<PrinterFile>();

    /// <summary>
    /// Each file given by -InputObject: its printer, what its errors point at, and its name there. A file listed under a
    /// name cleaned of control characters is an error instead, as that name may be another file's.
    /// </summary>
    protected IEnumerable<(PrinterTarget Target, object ErrorTarget, string FileName)> FileTargets()
    {
        foreach (var file in InputObject)
        {
            if (PrinterFiles.Unnameable(file) is { } problem)
            {
                WritePrinterError(problem, file);
                continue;
            }
            yield return (new PrinterTarget(file.Address, file.Vendor), file, file.FileName);
        }
    }
}
