using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PrinterTools.Host;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>An Adventurer 4 and a 5M Pro on 127.R.95.10-11, with identities of their own.</summary>
public sealed class TruthFarmFixture : FarmFixture
{
    public TruthFarmFixture() : base(new[]
    {
        Printer($"{TestNet.Block}.95.10", FlashForgeModel.Adventurer4, o =>
        {
            o.Name = "Truth A4";
            o.SerialNumber = "SNADVA9509510";
            o.Firmware = "2.0.9";
            o.MacAddress = "88:A9:A7:95:00:10";
        }),
        Printer($"{TestNet.Block}.95.11", FlashForgeModel.Adventurer5MPro, o =>
        {
            o.Name = "Truth 5M Pro";
            o.SerialNumber = "SNMOMC9509511";
            o.Firmware = "3.1.5";
            o.MacAddress = "88:A9:A7:95:00:11";
            o.State = VirtualJobState.Printing;
            o.CurrentFile = "a rather long file name for the status table.3mf";
        }),
    }) { }
}

/// <summary>What the manifest, the help and the output objects say is what the module does.</summary>
public sealed class TruthfulOutputTests : IClassFixture<TruthFarmFixture>
{
    private readonly TruthFarmFixture _farm;

    public TruthfulOutputTests(TruthFarmFixture farm) => _farm = farm;

    private string Segment => $"'{TestNet.Block}.95.10','{TestNet.Block}.95.11'";

    [Fact]
    public void FindPrinter_AndGetPrinterStatus_NameTheSameModel_ForEachPrinter()
    {
        var result = _farm.Session.Run(
            $"$found = Find-Printer -BroadcastAddress {Segment} -Timeout 2; $found; $found | Get-PrinterStatus");

        result.AssertNoErrors();
        var found = result.Objects<PrinterInfo>().ToDictionary(p => p.Address);
        var status = result.Objects<PrinterStatus>().ToDictionary(s => s.Address);
        Assert.Equal(2, found.Count);
        Assert.Equal(found.Keys.OrderBy(k => k), status.Keys.OrderBy(k => k));
        foreach (var address in found.Keys)
        {
            Assert.Equal(status[address].Model, found[address].Model);
        }
        // The virtual A4 sends the product id listed for the 4 Pro; its M115 says what it is.
        Assert.Equal("Adventurer 4", found[$"{TestNet.Block}.95.10"].Model);
        Assert.Equal("Adventurer 5M Pro", found[$"{TestNet.Block}.95.11"].Model);
    }

    [Fact]
    public void FindPrinter_ReturnsFirmwareMacAndSerial_FromTheConsole()
    {
        var result = _farm.Session.Run($"Find-Printer -BroadcastAddress {Segment} -Timeout 2");

        result.AssertNoErrors();
        var found = result.Objects<PrinterInfo>().ToDictionary(p => p.Address);
        foreach (var printer in _farm.Farm.Printers)
        {
            var info = found[printer.Address.ToString()];
            Assert.Equal(printer.Options.Firmware, info.Firmware);
            Assert.Equal(printer.Options.MacAddress, info.MacAddress);
            // The legacy UDP reply has no serial number: it comes from M115 too.
            Assert.Equal(printer.Options.SerialNumber, info.SerialNumber);
        }
        // Asked without the control session.
        Assert.All(_farm.Farm.Printers, p => Assert.DoesNotContain(p.ReceivedCommands, c => c.StartsWith("M601", StringComparison.Ordinal)));
    }

    [Fact]
    public void Raw_IsWrittenToCsvAsItsFields_AndStaysADictionary()
    {
        var result = _farm.Session.Run(
            $"$s = Get-PrinterStatus -Address {TestNet.Block}.95.10 -Vendor FlashForge; " +
            // Export-Csv writes a property as its text: the same as "$value" (checked in pwsh with Export-Csv itself).
            "$s.Raw -is [System.Collections.IDictionary]; $s.Raw.MachineStatus; \"$($s.Raw)\"");

        result.AssertNoErrors();
        Assert.Equal(new[] { "True", "READY" }, result.Output.Take(2).Select(o => o.ToString()));
        var csv = result.Output[2].ToString();
        Assert.DoesNotContain("System.Collections", csv);
        Assert.Contains("MachineStatus=READY", csv);
        Assert.Contains("SerialNumber=SNADVA9509510", csv);
    }

    [Fact]
    public void StatusTable_ShowsTheModel_AndFits120Columns_WithoutCuttingAModelName()
    {
        var statuses = _farm.Session.Run($"Get-PrinterStatus -Address {TestNet.Block}.95.10, {TestNet.Block}.95.11 -Vendor FlashForge");
        statuses.AssertNoErrors();
        var text = Render120(statuses.Objects<PrinterStatus>().OrderBy(s => s.Address).ToArray());

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 120, $"{l.Length} columns: {l}"));
        Assert.Matches(@"^Name\s+Model\s+Address\s+State\s+Progress\s+Nozzle °C\s+Bed °C\s+FileName$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Truth A4 ", StringComparison.Ordinal) && l.Contains(" Adventurer 4 "));
        Assert.Contains(lines, l => l.Contains(" Adventurer 5M Pro ") && l.Contains(" Printing ") && l.Contains("a rather long file na"));
    }

    [Fact]
    public void Manifest_ClaimsTheThreeVendorsItDrives_AndNoOther()
    {
        var result = _farm.Session.Run("Test-ModuleManifest -Path $path", new() { ["path"] = ModuleLocator.FindManifest() });

        result.AssertNoErrors();
        var manifest = (PSModuleInfo)Assert.Single(result.Output).BaseObject;
        var tags = ((IEnumerable<string>)manifest.Tags).ToList();
        Assert.Contains("FlashForge", tags);
        Assert.Contains("Elegoo", tags);
        Assert.Contains("Creality", tags);
        Assert.Matches(@"FlashForge, Elegoo \([^)]*\) and Creality \(", manifest.Description);
        // Every vendor is now proven end to end against virtual printers: no claim of a partial client is left.
        Assert.DoesNotContain("not yet", manifest.Description);
        Assert.DoesNotContain(tags, t => t is "Bambu" or "Prusa" or "Anycubic");
    }

    [Fact]
    public void FindPrinterSynopsis_NamesTheThreeVendors()
    {
        var result = _farm.Session.Run("(Get-Help Find-Printer).Synopsis");

        result.AssertNoErrors();
        Assert.Equal("Finds FlashForge, Elegoo and Creality 3D printers on the network.", Assert.Single(result.Output).ToString());
    }

    public static IEnumerable<object[]> Cmdlets() =>
        new[] { "Find-Printer", "Get-PrinterFile", "Get-PrinterStatus", "Receive-PrinterFile", "Remove-PrinterFile", "Resume-PrinterJob", "Send-PrinterGcode", "Set-PrinterFan", "Set-PrinterLight", "Set-PrinterTemperature", "Start-PrinterJob", "Stop-PrinterJob", "Suspend-PrinterJob", "Wait-PrinterJob" }.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Help_HasNoOnlineLink_ThatIsNotTheCmdletsOwn(string name)
    {
        // Get-Help -Online opens the first related link with a URI: none exists for these pages yet.
        var result = _farm.Session.Run($"@((Get-Help {name}).relatedLinks.navigationLink | Where-Object {{ $_.uri }} | ForEach-Object {{ '{{0}} -> {{1}}' -f $_.linkText, $_.uri }})");

        result.AssertNoErrors();
        Assert.Empty(result.Output);
        var links = _farm.Session.Run($"(Get-Help {name}).relatedLinks.navigationLink.linkText");
        Assert.Contains(links.Output, l => l.ToString() == "about_CommonParameters");
    }

    [Fact]
    public void Help_SaysWhereExportClixmlEncrypts_AndHowToWriteEnumNamesToJson()
    {
        // Get-Help wraps its text: compare single-spaced.
        var job = System.Text.RegularExpressions.Regex.Replace(Render("Get-Help Start-PrinterJob -Full | Out-Default"), @"\s+", " ");
        var status = System.Text.RegularExpressions.Regex.Replace(Render("Get-Help Get-PrinterStatus -Full | Out-Default"), @"\s+", " ");
        Assert.Contains("On Linux and macOS there is no DPAPI", job);
        Assert.DoesNotContain("Export-Clixml keeps SecureStrings encrypted for the current user)", job);
        Assert.Contains("-EnumsAsStrings", status);
        Assert.Contains("-EnumsAsStrings", job);
    }

    /// <summary>The objects as the default view shows them in a 120-column console.</summary>
    private string Render120(object[] values) =>
        Render("$size = $host.UI.RawUI.BufferSize; try { $host.UI.RawUI.BufferSize = [System.Management.Automation.Host.Size]::new(120, 9999); $values | Out-Default } finally { $host.UI.RawUI.BufferSize = $size }",
            new() { ["values"] = values });

    private string Render(string script, Dictionary<string, object?>? variables = null)
    {
        lock (_farm.Session)
        {
            _farm.Session.Out.GetStringBuilder().Clear();
            _farm.Session.Run(script, variables).AssertNoErrors();
            return _farm.Session.Out.ToString();
        }
    }
}
