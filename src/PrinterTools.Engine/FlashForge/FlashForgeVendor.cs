using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;
using PrinterTools.Vendors;

namespace PrinterTools.FlashForge;

/// <summary>FlashForge behind the vendor seam: the TCP 8899 console, and HTTP 8898 on the 5M family.</summary>
public sealed class FlashForgeVendor : PrinterVendorClient
{
    public override PrinterVendor Vendor => PrinterVendor.FlashForge;

    public override Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel) =>
        FlashForgeFinder.DiscoverAsync(request, found, problem, cancel);

    public override Task<PrinterConnection> OpenAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout,
        ProbedConnection? probed, CancellationToken cancel)
    {
        var options = new FlashForgeConnectionOptions(target.Address)
        {
            Timeout = timeout,
            Known = target.Known,
            // The probe's connection becomes the console's first: taken now, used by the first console read.
            Probed = probed?.Take() is { } tcp ? new ProbedConnection(PrinterVendor.FlashForge, tcp) : null,
            // HTTP only where the model serves it; a legacy printer ignores the check code.
            Credential = credential is not null && (target.Known?.Model is null || FlashForgeModels.HasHttpApi(target.Known.Model)) ? credential : null,
        };
        return Task.FromResult<PrinterConnection>(new FlashForgeConnection(target, options));
    }

    public override string? CheckFileName(string name, bool forUpload) => FlashForgeFileName.Check(name, overConsole: false, forUpload);

    public override IReadOnlyList<string> Capabilities(PrinterInfo? printer) =>
        FlashForgeDiscovery.Capabilities(printer?.Model is { } model && FlashForgeModels.HasHttpApi(model));
}
