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
    /// <param name="deliver">Told the status as soon as it is read, before the vendor's connection is released.</param>
    public static async Task<PrinterStatus> ReadAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout, CancellationToken cancel,
        Action<PrinterStatus>? deliver = null)
    {
        var options = await PrinterConnections.FlashForgeAsync(target, credential, timeout, "reads status from", cancel, keepProbedConnection: true).ConfigureAwait(false);
        // The probe's connection is the console's first connection; unused (HTTP), it is closed here.
        using var probed = options.Probed;
        return await FlashForgeStatusReader.ReadAsync(options, cancel, deliver).ConfigureAwait(false);
    }
}

/// <summary>Turns a target into a vendor's connection options, finding the vendor by its ports when unknown.</summary>
public static class PrinterConnections
{
    /// <summary>The FlashForge options for a target; any other vendor is PrinterNotSupported for <paramref name="what"/>.</summary>
    /// <param name="keepProbedConnection">
    /// Keep the connection that detected the vendor in <see cref="FlashForgeConnectionOptions.Probed"/>
    /// for the caller's first console read (the caller disposes it); otherwise it is closed here.
    /// </param>
    public static async Task<FlashForgeConnectionOptions> FlashForgeAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout, string what,
        CancellationToken cancel, bool keepProbedConnection = false)
    {
        ProbedConnection? probed = null;
        if (target.Vendor is null)
        {
            probed = await VendorProbe.DetectAsync(target.Address, timeout, cancel).ConfigureAwait(false);
        }
        var vendor = target.Vendor ?? probed!.Vendor;
        if (vendor != PrinterVendor.FlashForge || !keepProbedConnection)
        {
            probed?.Dispose();
            probed = null;
        }
        if (vendor != PrinterVendor.FlashForge)
        {
            throw new PrinterException(PrinterErrorKind.NotSupported, target.Address,
                $"{target.Address} is a {vendor} printer; this version of PrinterTools {what} FlashForge printers only.");
        }
        return new FlashForgeConnectionOptions(target.Address)
        {
            Timeout = timeout,
            Known = target.Known,
            Probed = probed,
            // HTTP only where the model serves it; a legacy printer ignores the check code.
            Credential = credential is not null && (target.Known?.Model is null || FlashForgeModels.HasHttpApi(target.Known.Model)) ? credential : null,
        };
    }
}
