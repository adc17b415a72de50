using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;
using PrinterTools.Vendors;

namespace PrinterTools.Creality;

/// <summary>Creality behind the vendor seam: the WebSocket on 9999, HTTP on 80, mDNS discovery (creality.md).</summary>
public sealed class CrealityVendor : PrinterVendorClient
{
    internal static readonly string[] Extensions = { ".gcode" };

    public override PrinterVendor Vendor => PrinterVendor.Creality;

    public override Task DiscoverAsync(DiscoveryRequest request, Action<PrinterInfo> found, Action<PrinterException> problem, CancellationToken cancel) =>
        CrealityFinder.DiscoverAsync(request, found, problem, cancel);

    /// <summary>Nothing is sent yet: the WebSocket opens with the first operation. The probe's TCP connection is left to the caller.</summary>
    public override Task<PrinterConnection> OpenAsync(PrinterTarget target, NetworkCredential? credential, TimeSpan timeout,
        ProbedConnection? probed, CancellationToken cancel) =>
        Task.FromResult<PrinterConnection>(new CrealityConnection(target, timeout));

    /// <summary>The firmware's upload takes .gcode files only (creality.md §7).</summary>
    public override string? CheckFileName(string name, bool forUpload) =>
        PrinterFileName.CheckPlain(name, forUpload) ?? PrinterFileName.CheckExtension(name, Extensions);

    public override IReadOnlyList<string> Capabilities(PrinterInfo? printer) => CapabilitiesOf(CrealityModel.FromCode(printer?.Model) ?? CrealityModel.FromName(printer?.Model));

    /// <summary>What a model offers here; the camera only where it streams MJPEG.</summary>
    internal static string[] CapabilitiesOf(CrealityModel? model) => model?.HasMjpegCamera == true
        ? new[] { "Status", "Gcode", "Jobs", "Files", "Thumbnails", "Timelapse", "Snapshot" }
        : new[] { "Status", "Gcode", "Jobs", "Files", "Thumbnails", "Timelapse" };
}
