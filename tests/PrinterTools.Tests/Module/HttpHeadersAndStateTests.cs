using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>5M Pros on 127.R.91.x for what goes over HTTP: new firmware (3.1.3), old firmware (2.7.2), one for states.</summary>
public sealed class HttpFarmFixture : FarmFixture
{
    public HttpFarmFixture() : base(new[]
    {
        Printer($"{TestNet.Block}.91.10", FlashForgeModel.Adventurer5MPro, o => o.Firmware = "3.1.3"),
        Printer($"{TestNet.Block}.91.11", FlashForgeModel.Adventurer5MPro, o => o.Firmware = "2.7.2"),
        Printer($"{TestNet.Block}.91.12", FlashForgeModel.Adventurer5MPro, o => o.StoredFiles = new[] { "job.gx" }),
    })
    {
        Folder = Directory.CreateTempSubdirectory("printertools-http-").FullName;
        SmallFile = Path.Combine(Folder, "part.gx");
        File.WriteAllBytes(SmallFile, Encoding.ASCII.GetBytes("G28\nG1 X10 Y10\n"));
    }

    public string Folder { get; }
    public string SmallFile { get; }

    public Dictionary<string, object?> Credential(VirtualFlashForgePrinter printer) =>
        new() { ["cred"] = new PSCredential(printer.Options.SerialNumber, ModuleSession.Secure(printer.Options.CheckCode)) };
}

public sealed class HttpHeadersAndStateTests : IClassFixture<HttpFarmFixture>
{
    private readonly HttpFarmFixture _farm;

    public HttpHeadersAndStateTests(HttpFarmFixture farm) => _farm = farm;

    [Theory]
    [InlineData("91.10", true)]
    [InlineData("91.11", false)]
    public void HttpUpload_SendsExactlyTheHeadersItsFirmwareTakes(string octets, bool newFirmware)
    {
        var printer = _farm.At(TestNet.At(octets));
        var size = new FileInfo(_farm.SmallFile).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = _farm.Session.Run(
            $"Start-PrinterJob -Address {printer.Address} -Vendor FlashForge -Credential $cred -Path '{_farm.SmallFile}' -FileName 'headers.gx' -LevelBed",
            _farm.Credential(printer));

        result.AssertNoErrors();
        var expected = new List<string>
        {
            "checkCode=(redacted)", $"fileSize={size}", "levelingBeforePrint=true", "printNow=false", $"serialNumber={printer.Options.SerialNumber}",
        };
        if (newFirmware)
        {
            // fw >= 3.1.3 and the AD5X: without these the printer answers "Parameter is error." (notes §3.2).
            expected.AddRange(new[] { "flowCalibration=false", "gcodeToolCnt=0", "materialMappings=W10=", "useMatlStation=false" });
        }

        // Every named upload header the printer received, not only the ones this test thought of.
        Assert.Equal(
            expected.OrderBy(h => h, StringComparer.Ordinal),
            printer.LastUploadHeaders!.Select(h => $"{h.Key}={h.Value}").OrderBy(h => h, StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(_farm.SmallFile), printer.GetFile("headers.gx"));
    }

    [Theory]
    [InlineData(VirtualJobState.Idle, PrinterState.Idle)]
    [InlineData(VirtualJobState.Printing, PrinterState.Printing)]
    [InlineData(VirtualJobState.Paused, PrinterState.Paused)]
    [InlineData(VirtualJobState.Completed, PrinterState.Completed)]
    public void StatusOverHttp_MapsEachStateTheVirtualPrinterCanShow(VirtualJobState shown, PrinterState expected)
    {
        // The simulator shows only ready, printing, pause and completed; the other words are pinned in FlashForge/StateMapTests.
        var printer = _farm.At(TestNet.At("91.12"));
        printer.Options.CurrentFile = shown == VirtualJobState.Idle ? null : "job.gx";
        printer.Options.State = shown;
        printer.ResetCounters();

        var result = _farm.Session.Run($"Get-PrinterStatus -Address {printer.Address} -Vendor FlashForge -Credential $cred", _farm.Credential(printer));

        result.AssertNoErrors();
        Assert.Equal(expected, Assert.Single(result.Objects<PrinterStatus>()).State);
        // It came from /detail: the console was asked for the serial number at most, never for M119.
        Assert.True(printer.HttpRequests > 0);
        Assert.DoesNotContain("M119", printer.ReceivedCommands);
    }
}
