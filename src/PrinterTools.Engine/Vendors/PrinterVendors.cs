using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Creality;
using PrinterTools.Discovery;
using PrinterTools.Elegoo;
using PrinterTools.FlashForge;

namespace PrinterTools.Vendors;

/// <summary>
/// The registry of vendor clients, and the one place that dispatches by vendor: the cmdlets ask
/// here for a printer's connection and never name a vendor.
/// </summary>
public static class PrinterVendors
{
    private static readonly IReadOnlyDictionary<PrinterVendor, PrinterVendorClient> Clients =
        new PrinterVendorClient[] { new FlashForgeVendor(), new ElegooVendor(), new CrealityVendor() }.ToDictionary(c => c.Vendor);

    /// <summary>
    /// The port that tells each vendor's printers apart, for vendor detection: FlashForge's
    /// console 8899, Elegoo SDCP's WebSocket 3030, Creality's WebSocket 9999. Vendors without a
    /// client are listed too, so that such a printer is named in its PrinterNotSupported error.
    /// </summary>
    public static readonly IReadOnlyList<(PrinterVendor Vendor, int Port)> ProbePorts = new[]
    {
        (PrinterVendor.FlashForge, 8899),
        (PrinterVendor.Elegoo, 3030),
        (PrinterVendor.Creality, 9999),
    };

    /// <summary>The vendors PrinterTools can talk to.</summary>
    public static IReadOnlyCollection<PrinterVendor> Implemented => Clients.Keys.ToList();

    /// <summary>The vendor's client, or null when PrinterTools does not speak to that vendor yet.</summary>
    public static PrinterVendorClient? Find(PrinterVendor vendor) => Clients.TryGetValue(vendor, out var client) ? client : null;

    /// <summary>
    /// Opens a printer: the vendor given, or the one whose port accepts first. A vendor without a
    /// client is PrinterNotSupported for <paramref name="what"/>. The caller closes the connection.
    /// </summary>
    public static async Task<PrinterConnection> OpenAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout, string what, CancellationToken cancel)
    {
        using var probed = target.Vendor is null ? await VendorProbe.DetectAsync(target.Address, timeout, cancel).ConfigureAwait(false) : null;
        var vendor = target.Vendor ?? probed!.Vendor;
        if (Find(vendor) is not { } client)
        {
            throw new PrinterException(PrinterErrorKind.NotSupported, target.Address,
                $"{target.Address} is a {vendor} printer; this version of PrinterTools {what} {string.Join(" and ", Implemented)} printers only.");
        }
        return await client.OpenAsync(target, credential, timeout, probed, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a printer (see <see cref="OpenAsync"/>), runs <paramref name="work"/> on it and always
    /// closes it after, awaited: a worker never blocks a thread on a release (an M602, a WebSocket's
    /// closing handshake).
    /// </summary>
    public static async Task<T> UseAsync<T>(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout, string what,
        CancellationToken cancel, Func<PrinterConnection, Task<T>> work)
    {
        var printer = await OpenAsync(target, credential, timeout, what, cancel).ConfigureAwait(false);
        try
        {
            return await work(printer).ConfigureAwait(false);
        }
        finally
        {
            await printer.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Null when at least one implemented vendor accepts the name, else the reasons: checked before
    /// anything is sent, while the printers' vendors may not be known yet. Each connection checks
    /// its own vendor's rules again.
    /// </summary>
    public static string? CheckFileName(string name, bool forUpload = false)
    {
        var problems = Clients.Values.Select(c => c.CheckFileName(name, forUpload)).ToList();
        return problems.Any(p => p is null) ? null : string.Join(" ", problems.Distinct());
    }
}
