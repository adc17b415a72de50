using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>
/// The base of cmdlets that change something on each printer given and read back that it changed (Suspend-,
/// Resume- and Stop-PrinterJob, Set-PrinterLight): each printer is approved through ShouldProcess, then changed
/// concurrently (bounded by -ThrottleLimit), and its status is written once the printer itself shows the change.
/// </summary>
public abstract class PrinterChangeCmdletBase : PrinterTargetCmdletBase
{
    /// <summary>Seconds for each printer's whole change: the read before, the command and the state that follows.</summary>
    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 30;

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = FleetLimits.DefaultThrottleLimit;

    /// <summary>"Pause the current job", for ShouldProcess.</summary>
    private protected abstract string Description { get; }

    /// <summary>"controls the job of", for errors that name the printer.</summary>
    private protected abstract string What { get; }

    /// <summary>Whether the status read back is written (Set-PrinterLight only with -PassThru).</summary>
    private protected virtual bool WritesStatus => true;

    /// <summary>Whether the user agreed; Stop-PrinterJob lets -Force skip its prompt.</summary>
    private protected virtual bool Approved(string target) => ShouldProcess(target, Description);

    /// <summary>Makes the change on one printer and returns its status read back.</summary>
    private protected abstract Task<PrinterStatus> ChangeAsync(PrinterConnection printer, CancellationToken cancel);

    protected override void ProcessRecord()
    {
        foreach (var (target, errorTarget) in Targets(Printer, Address, Vendor))
        {
            if (!Approved(target.Known?.ToString() ?? target.Address))
            {
                continue;
            }
            var credential = AccessCredential();
            var timeout = TimeSpan.FromSeconds(Timeout);
            Pump.Start(ThrottleLimit,
                async cancel =>
                {
                    var status = await PrinterVendors.UseAsync(target, credential, timeout, What, cancel, printer => ChangeAsync(printer, cancel)).ConfigureAwait(false);
                    if (WritesStatus)
                    {
                        Pump.Post(() => WriteObject(status));
                    }
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
}
