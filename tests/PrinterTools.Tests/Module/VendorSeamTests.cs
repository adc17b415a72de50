using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PrinterTools.Simulator;
using PrinterTools.Vendors;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>One FlashForge printer on 127.R.121.10, for the seam's refusals.</summary>
public sealed class VendorSeamFarmFixture : FarmFixture
{
    public VendorSeamFarmFixture() : base(new[] { Printer($"{TestNet.Block}.121.10", FlashForgeModel.Adventurer4, o => o.StoredFiles = new[] { "cube.gx" }) })
    {
    }
}

/// <summary>
/// The vendor seam: cmdlets reach printers only through <see cref="PrinterVendors"/> and
/// <see cref="PrinterConnection"/>, and what a vendor lacks is refused there, by name.
/// </summary>
public sealed class VendorSeamTests : IClassFixture<VendorSeamFarmFixture>
{
    private readonly VendorSeamFarmFixture _farm;

    public VendorSeamTests(VendorSeamFarmFixture farm) => _farm = farm;

    [Fact]
    public void TheModuleAssembly_NamesNoVendorsType()
    {
        // The cmdlets, completers and transformations: every type they use from the engine is
        // vendor-neutral (Vendors, Discovery, the model), none from a vendor's folder.
        using var file = File.OpenRead(Path.Combine(Path.GetDirectoryName(PrinterTools.Host.ModuleLocator.FindManifest())!, "PrinterTools.dll"));
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();
        var namespaces = metadata.TypeReferences.Select(h => metadata.GetString(metadata.GetTypeReference(h).Namespace)).Distinct().ToList();

        Assert.Contains("PrinterTools.Vendors", namespaces);
        Assert.DoesNotContain(namespaces, n => n.StartsWith("PrinterTools.FlashForge", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOperationTheVendorLacks_IsRefusedByTheSeam_NamingVendorAndOperation_AndSendsNothing()
    {
        var printer = _farm[0];
        printer.ResetCounters();
        var folder = Directory.CreateTempSubdirectory("printertools-seam-").FullName;
        try
        {
            // Without -Thumbnail: the stored file itself, which FlashForge printers do not give out.
            var result = _farm.Session.Run($"Receive-PrinterFile -Address {printer.Address} -Vendor FlashForge -FileName cube.gx -Destination '{folder}'");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("PrinterNotSupported,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("FlashForge", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("download of stored files", error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(printer.ReceivedCommands);
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void AnAddressServingOnlyPort9999_IsDetectedAsCreality_AndOpenedByItsClient()
    {
        // Something listening on Creality's port 9999 only, which never upgrades to a WebSocket.
        var listener = new TcpListener(IPAddress.Parse($"{TestNet.Block}.121.20"), 9999);
        listener.Start();
        try
        {
            var result = _farm.Session.Run($"Get-PrinterStatus -Address {TestNet.Block}.121.20 -Timeout 2");

            var error = Assert.Single(result.Errors);
            Assert.Contains("Creality WebSocket", error.Exception.Message, StringComparison.Ordinal);
            Assert.NotNull(PrinterVendors.Find(PrinterVendor.Creality));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Capabilities_OfAFoundPrinter_AreWhatItsVendorClientSays()
    {
        var result = _farm.Session.Run($"Find-Printer -Address {_farm[0].Address}");

        result.AssertNoErrors();
        var found = Assert.Single(result.Objects<PrinterInfo>());
        Assert.Equal(PrinterVendors.Find(PrinterVendor.FlashForge)!.Capabilities(found), found.Capabilities);
    }
}
