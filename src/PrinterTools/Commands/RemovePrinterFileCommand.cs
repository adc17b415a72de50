using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PrinterTools.Internal;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// Remove-PrinterFile: deletes stored files, each approved through ShouldProcess (High impact; -Force skips the
/// prompt). Files are gathered per printer as they arrive (so `Get-PrinterFile | Remove-PrinterFile` opens each
/// printer once) and removed when the input ends, printers concurrently; each removal is proven by the printer's
/// own list read back.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "PrinterFile", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PrinterFile))]
public sealed class RemovePrinterFileCommand : PrinterFileCmdletBase
{
    private readonly Dictionary<string, (PrinterTarget Target, object ErrorTarget, List<string> Names)> _byPrinter = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = new();

    /// <summary>The files' names on the printers given by -Printer or -Address (Get-PrinterFile's output binds to -InputObject).</summary>
    [Parameter(ParameterSetName = PrinterSet, Mandatory = true, Position = 1)]
    [Parameter(ParameterSetName = AddressSet, Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PrinterFileNameCompleter))]
    public string[] FileName { get; set; } = Array.Empty<string>();

    /// <summary>Removes without asking (for scheduled tasks); never overrides -WhatIf or an explicit -Confirm.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed file as it was listed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Seconds for each printer's whole removal: the list before, the deletes and the list read back.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 30;

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = FleetLimits.DefaultThrottleLimit;

    protected override void ProcessRecord()
    {
        var files = ParameterSetName == FileSet
            ? FileTargets()
            : Targets(Printer, Address, Vendor).SelectMany(printer => FileName.Select(name => (printer.Target, printer.ErrorTarget, FileName: name)));
        foreach (var (target, errorTarget, name) in files)
        {
            if (PrinterVendors.CheckFileName(name) is { } problem)
            {
                // A path or a control character: no printer lists such a name, so nothing is sent for it.
                WriteArgumentError(problem, nameof(FileName), PrinterText.Clean(name));
                continue;
            }
            if (!ShouldProcessUnlessForced(Force, $"'{name}' on {target.Known?.ToString() ?? target.Address}", "Remove the stored file"))
            {
                continue;
            }
            if (!_byPrinter.TryGetValue(target.Address, out var gathered))
            {
                gathered = (target, errorTarget, new List<string>());
                _byPrinter[target.Address] = gathered;
                _order.Add(target.Address);
            }
            gathered.Names.Add(name);
        }
    }

    protected override void EndProcessing()
    {
        var credential = AccessCredential();
        var timeout = TimeSpan.FromSeconds(Timeout);
        foreach (var address in _order)
        {
            var (target, errorTarget, names) = _byPrinter[address];
            Pump.Start(ThrottleLimit,
                async cancel =>
                {
                    var removed = await PrinterVendors.UseAsync(target, credential, timeout, "removes files from", cancel,
                        printer => PrinterFiles.RemoveAsync(printer, names, problem => Pump.Post(() => WritePrinterError(problem, errorTarget)), cancel)).ConfigureAwait(false);
                    Pump.Post(() =>
                    {
                        foreach (var file in removed)
                        {
                            WriteVerbose($"{file.Address}: removed '{file.FileName}'.");
                            if (PassThru)
                            {
                                WriteObject(file);
                            }
                        }
                    });
                },
                error => WritePrinterError(error, errorTarget));
        }
        Pump.RunUntilDone();
        base.EndProcessing();
    }
}
