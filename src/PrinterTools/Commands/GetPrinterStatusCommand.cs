using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using PrinterTools.Internal;

namespace PrinterTools.Commands;

/// <summary>
/// Get-PrinterStatus: reads the live status of each printer given. Printers are queried
/// concurrently (bounded by -ThrottleLimit) and each result is written as soon as it arrives.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PrinterStatus", DefaultParameterSetName = PrinterSet)]
[OutputType(typeof(PrinterStatus))]
public sealed class GetPrinterStatusCommand : PrinterCmdletBase
{
    private const string PrinterSet = "Printer";
    private const string AddressSet = "Address";

    [Parameter(ParameterSetName = PrinterSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [PrinterInfoTransformation]
    [ValidateNotNullOrEmpty]
    public PrinterInfo[] Printer { get; set; } = Array.Empty<PrinterInfo>();

    [Parameter(ParameterSetName = AddressSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Address { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = AddressSet, ValueFromPipelineByPropertyName = true)]
    public PrinterVendor? Vendor { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public SecureString? AccessCode { get; set; }

    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 5;

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    protected override void BeginProcessing()
    {
        if (Credential is not null && AccessCode is not null)
        {
            ThrowArgumentError("Give either -Credential or -AccessCode, not both.", nameof(AccessCode), null);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PrinterSet)
        {
            foreach (var printer in Printer)
            {
                Query(new PrinterTarget(printer.Address, printer.Vendor, printer), printer);
            }
        }
        else
        {
            foreach (var address in Address)
            {
                Query(new PrinterTarget(address, Vendor), address);
            }
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
                var status = await PrinterStatusReader.ReadAsync(target, credential, timeout, cancel).ConfigureAwait(false);
                Pump.Post(() => WriteObject(status));
            },
            error => WritePrinterError(error, errorTarget));
    }

    /// <summary>User name = serial number (may be empty with -AccessCode), password = check code.</summary>
    private NetworkCredential? AccessCredential()
    {
        if (Credential is not null)
        {
            return new NetworkCredential(Credential.UserName, Credential.Password);
        }
        return AccessCode is null ? null : new NetworkCredential("", AccessCode);
    }
}
