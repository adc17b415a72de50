using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;
using PrinterTools.Vendors;

namespace PrinterTools.Elegoo;

/// <summary>Elegoo behind the vendor seam: SDCP V3, the WebSocket on 3030, UDP discovery on 3000, HTTP uploads.</summary>
public sealed class ElegooVendor : PrinterVendorClient
{
    private static readonly string[] AnyFamilyExtensions = SdcpFamilies.Extensions(SdcpFamily.Fdm).Concat(SdcpFamilies.Extensions(SdcpFamily.Resin)).ToArray();

    public override PrinterVendor Vendor => PrinterVendor.Elegoo;

    public override Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel) =>
        ElegooFinder.DiscoverAsync(request, found, problem, cancel);

    /// <summary>Nothing is sent yet: the WebSocket opens with the first operation. The probe's TCP connection is not SDCP's and is left to the caller.</summary>
    public override Task<PrinterConnection> OpenAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout,
        ProbedConnection? probed, CancellationToken cancel) =>
        Task.FromResult<PrinterConnection>(new ElegooConnection(target, timeout));

    /// <summary>Before the printer's family is known: a name either family could print. Each connection checks its own family's types.</summary>
    public override string? CheckFileName(string name, bool forUpload) =>
        PrinterFileName.CheckPlain(name, forUpload) ?? PrinterFileName.CheckExtension(name, AnyFamilyExtensions);

    public override IReadOnlyList<string> Capabilities(PrinterInfo? printer) => CapabilitiesOf(SdcpFamilies.FromModel(printer?.Model));

    /// <summary>What each family offers here; a printer of unknown family, what both do.</summary>
    internal static string[] CapabilitiesOf(SdcpFamily? family) => family switch
    {
        SdcpFamily.Fdm => new[] { "Status", "Jobs", "Files", "Thumbnails", "Timelapse", "Snapshot", "Download" },
        _ => new[] { "Status", "Jobs", "Files", "Thumbnails" },
    };
}
