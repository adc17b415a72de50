using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PrinterTools.Internal;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// Get-PrinterFile: lists the files stored on each printer given, concurrently, with what the vendor's list tells
/// of each (size, date, layers, estimated time, material). -FileName narrows by name, wildcards allowed.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PrinterFile", DefaultParameterSetName = PrinterSet)]
[OutputType(typeof(PrinterFile))]
public sealed class GetPrinterFileCommand : PrinterTargetCmdletBase
{
    /// <summary>Names to list, wildcards allowed; a name without wildcards that the printer does not list is an error.</summary>
    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PrinterFileNameCompleter))]
    public string[]? FileName { get; set; }

    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 10;

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = FleetLimits.DefaultThrottleLimit;

    protected override void ProcessRecord()
    {
        var credential = AccessCredential();
        var timeout = TimeSpan.FromSeconds(Timeout);
        foreach (var (target, errorTarget) in Targets(Printer, Address, Vendor))
        {
            Pump.Start(ThrottleLimit,
                async cancel =>
                {
                    var files = await PrinterVendors.UseAsync(target, credential, timeout, "lists files of", cancel,
                        printer => PrinterFiles.ListAsync(printer, cancel)).ConfigureAwait(false);
                    Pump.Post(() => Write(files, target, errorTarget));
                },
                error => WritePrinterError(error, errorTarget));
        }
        Pump.RunAvailable();
    }

    protected override void EndProcessing()
    {
        Pump.RunUntilDone();
        base.EndProcessing();
    }

    private void Write(IReadOnlyList<PrinterFile> files, PrinterTarget target, object errorTarget)
    {
        var names = FileName ?? Array.Empty<string>();
        var matches = names.Select(name => (Name: name, Files: Matching(files, name))).ToList();
        foreach (var file in files.Where(file => names.Length == 0 || matches.Any(m => m.Files.Contains(file))))
        {
            WriteObject(file);
        }
        // As Get-Item does: a plain name that matches nothing is an error, a wildcard that matches nothing is not.
        foreach (var name in matches.Where(m => m.Files.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(m.Name)).Select(m => m.Name))
        {
            var printer = target.Known?.Name is { Length: > 0 } known ? known : target.Address;
            WritePrinterError(new PrinterException(PrinterErrorKind.FileNotFound, target.Address, $"{printer} lists no file '{PrinterText.Clean(name)}'."), errorTarget);
        }
    }

    /// <summary>
    /// The file of exactly that name (case aside) where the printer lists one, else the files the name matches as a
    /// wildcard: 'part[1].gcode' is that file, never also part1.gcode, and the files Tab offers need no escaping.
    /// </summary>
    private static List<PrinterFile> Matching(IReadOnlyList<PrinterFile> files, string name)
    {
        var exact = files.Where(file => string.Equals(file.FileName, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count > 0)
        {
            return exact;
        }
        var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
        return files.Where(file => pattern.IsMatch(file.FileName)).ToList();
    }
}
