using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;

namespace PrinterTools.Vendors;

/// <summary>
/// One vendor's way of talking to printers, found in <see cref="PrinterVendors"/> by its
/// <see cref="PrinterVendor"/>: discovery, the rules for file names, and the connection to one
/// printer that every operation goes through. A new vendor is one folder with one of these.
/// </summary>
public abstract class PrinterVendorClient
{
    public abstract PrinterVendor Vendor { get; }

    /// <summary>Finds this vendor's printers; each is reported through <paramref name="found"/> as it answers.</summary>
    public abstract Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel);

    /// <summary>
    /// Opens one printer. <paramref name="probed"/> is the connection that told the vendor from
    /// its port, for the client to take over (see <see cref="ProbedConnection.Take"/>) or leave
    /// (the caller closes it).
    /// </summary>
    public abstract Task<PrinterConnection> OpenAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout,
        ProbedConnection? probed, CancellationToken cancel);

    /// <summary>Null when a stored or uploaded file may be called <paramref name="name"/> on this vendor's printers, else why not.</summary>
    public abstract string? CheckFileName(string name, bool forUpload);

    /// <summary>What a printer of this vendor offers (PrinterInfo.Capabilities), from what is known of it.</summary>
    public abstract IReadOnlyList<string> Capabilities(PrinterInfo? printer);
}
