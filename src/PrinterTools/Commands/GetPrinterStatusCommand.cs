using System;
using System.Management.Automation;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// Get-PrinterStatus: reads the live status of each printer given. Printers are queried
/// concurrently (bounded by -ThrottleLimit) and each result is written as soon as it arrives.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PrinterStatus", DefaultParameterSetName = PrinterSet)]
[OutputType(typeof(PrinterStatus))]
public sealed class GetPrinterStatusCommand : PrinterTargetCmdletBase
{
    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 5;

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = FleetLimits.DefaultThrottleLimit;

    protected override void ProcessRecord()
    {
        foreach (var (target, errorTarget) in Targets(Printer, Address, Vendor))
        {
            Query(target, errorTarget);
        }
        Pump.RunAvailable();
    }

    protected override void EndProcessing()
    {
        Pump.RunUntilDone();
        base.EndProcessing();
    }

    private void Query(PrinterTarget target, object errorTarget)
    {
        var credential = AccessCredential();
        var timeout = TimeSpan.FromSeconds(Timeout);
        WriteVerbose($"Reading status of {target.Address}{(credential is null ? "" : " with LAN-mode access")}.");
        Pump.Start(ThrottleLimit,
            async cancel =>
            {
                // Written as soon as it is read; the connection is released after.
                await PrinterVendors.UseAsync(target, credential, timeout, "reads status from", cancel,
                    printer => printer.ReadStatusAsync(cancel, status => Pump.Post(() => WriteObject(status)))).ConfigureAwait(false);
            },
            error => WritePrinterError(error, errorTarget));
    }

}
