using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;
using PrinterTools.FlashForge;

namespace PrinterTools;

/// <summary>One printer to ask, however the user named it.</summary>
public sealed class PrinterTarget
{
    public PrinterTarget(string address, PrinterVendor? vendor, PrinterInfo? known = null)
    {
        Address = address;
        Vendor = vendor;
        Known = known;
    }

    public string Address { get; }
    /// <summary>Null: detect it from the ports the address serves.</summary>
    public PrinterVendor? Vendor { get; }
    public PrinterInfo? Known { get; }
}

/// <summary>Reads status from any vendor: the one entry point the cmdlets call.</summary>
public static class PrinterStatusReader
{
    public static async Task<PrinterStatus> ReadAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout, CancellationToken cancel)
    {
        var options = await PrinterConnections.FlashForgeAsync(target, credential, timeout, "reads status from", cancel).ConfigureAwait(false);
        return await FlashForgeStatusReader.ReadAsync(options, cancel).ConfigureAwait(false);
    }
}

/// <summary>Turns a target into a vendor's connection options, finding the vendor by its ports when unknown.</summary>
public static class PrinterConnections
{
    /// <summary>The FlashForge options for a target; any other vendor is PrinterNotSupported for <paramref name="what"/>.</summary>
    public static async Task<FlashForgeConnectionOptions> FlashForgeAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout, string what, CancellationToken cancel)
    {
        var vendor = target.Vendor ?? await VendorProbe.DetectAsync(target.Address, timeout, cancel).ConfigureAwait(false);
        if (vendor != PrinterVendor.FlashForge)
        {
            throw new PrinterException(PrinterErrorKind.NotSupported, target.Address,
                $"{target.Address} is a {vendor} printer; this version of PrinterTools {what} FlashForge printers only.");
        }
        return new FlashForgeConnectionOptions(target.Address)
        {
            Timeout = timeout,
            Known = target.Known,
            // HTTP only where the model serves it; a legacy printer ignores the check code.
            Credential = credential is not null && (target.Known?.Model is null || FlashForgeModels.HasHttpApi(target.Known.Model)) ? credential : null,
        };
    }
}
