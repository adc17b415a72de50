using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net;
using PrinterTools.Discovery;
using PrinterTools.Vendors;

namespace PrinterTools.Commands;

/// <summary>Find-Printer: discovers printers by broadcast, by subnet sweep or at given addresses.</summary>
[Cmdlet(VerbsCommon.Find, "Printer")]
[OutputType(typeof(PrinterInfo))]
public sealed class FindPrinterCommand : PrinterCmdletBase
{
    /// <summary>Where discovery sends broadcast-style probes when -BroadcastAddress is not given (for CI and labs).</summary>
    public const string BroadcastAddressVariable = "PRINTERTOOLS_BROADCAST_ADDRESS";

    private readonly List<string> _hosts = new();

    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Address { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Subnet { get; set; }

    [Parameter]
    public PrinterVendor[]? Vendor { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? BroadcastAddress { get; set; }

    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 3;

    protected override void ProcessRecord()
    {
        if (Address is not null)
        {
            _hosts.AddRange(Address);
        }
    }

    protected override void EndProcessing()
    {
        var vendors = Vendor is { Length: > 0 } ? Vendor.Distinct().ToArray() : (PrinterVendor[])Enum.GetValues(typeof(PrinterVendor));
        foreach (var missing in vendors.Where(v => !PrinterVendors.Implemented.Contains(v) && Vendor is { Length: > 0 }))
        {
            WriteWarning($"Discovery of {missing} printers is not implemented yet; skipping {missing}.");
        }
        var request = new DiscoveryRequest
        {
            Hosts = _hosts,
            SubnetAddresses = ExpandSubnets(),
            BroadcastAddresses = ParseBroadcastAddresses(),
            Timeout = TimeSpan.FromSeconds(Timeout),
            Vendors = vendors,
            Log = message => Pump.Post(() => WriteVerbose(message)),
        };
        WriteVerbose(request.Broadcast
            ? $"Broadcasting discovery probes to {(request.BroadcastAddresses.Count == 0 ? "255.255.255.255 and 225.0.0.9" : string.Join(", ", request.BroadcastAddresses))} for {Timeout} s."
            : $"Probing {request.Hosts.Count + request.SubnetAddresses.Count} addresses for {Timeout} s.");

        var found = 0;
        var clock = Stopwatch.StartNew();
        var progress = new ProgressRecord(1, "Find-Printer", "Waiting for printers to answer");
        Pump.Start(1,
            cancel => PrinterDiscovery.DiscoverAsync(request,
                printer => Pump.Post(() => { found++; WriteObject(printer); }),
                problem => Pump.Post(() => WritePrinterError(problem, problem.Address)),
                cancel),
            error => WritePrinterError(error, null));
        Pump.RunUntilDone(() =>
        {
            var share = Math.Min(1.0, clock.Elapsed.TotalSeconds / Timeout);
            progress.PercentComplete = (int)(share * 100);
            progress.StatusDescription = $"{found} found";
            WriteProgressCopy(progress);
        }, TimeSpan.FromMilliseconds(250));
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgressCopy(progress);
        base.EndProcessing();
    }

    private IReadOnlyList<IPAddress> ExpandSubnets()
    {
        var addresses = new List<IPAddress>();
        foreach (var subnet in Subnet ?? Array.Empty<string>())
        {
            try
            {
                addresses.AddRange(SubnetRange.Expand(subnet));
            }
            catch (FormatException e)
            {
                ThrowArgumentError(e.Message, nameof(Subnet), subnet);
            }
        }
        return addresses;
    }

    private IReadOnlyList<IPAddress> ParseBroadcastAddresses()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BroadcastAddressVariable);
        var given = BroadcastAddress ?? fromEnvironment?.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
        // Set but empty is a mistake, not a wish to broadcast on the real network.
        if (BroadcastAddress is null && fromEnvironment is not null && given.Length == 0)
        {
            ThrowArgumentError($"The environment variable {BroadcastAddressVariable} is set but names no address.", nameof(BroadcastAddress), fromEnvironment);
        }
        var addresses = new List<IPAddress>();
        foreach (var text in given)
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                ThrowArgumentError($"'{text}' is not an IP address.", nameof(BroadcastAddress), text);
            }
            addresses.Add(address!);
        }
        return addresses;
    }
}
