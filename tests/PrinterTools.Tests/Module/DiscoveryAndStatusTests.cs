using System;
using System.Linq;
using System.Management.Automation;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>Find-Printer and Get-PrinterStatus end to end against the default virtual farm.</summary>
public sealed class DiscoveryAndStatusTests : IClassFixture<DefaultFarmFixture>
{
    private readonly DefaultFarmFixture _farm;

    public DiscoveryAndStatusTests(DefaultFarmFixture farm) => _farm = farm;

    [Fact]
    public void FindPrinter_Broadcast_FindsEachVirtualPrinterOnce()
    {
        var result = _farm.Session.Run($"Find-Printer -BroadcastAddress {_farm.AddressList} -Timeout 1");

        result.AssertNoErrors();
        var printers = result.Objects<PrinterInfo>().OrderBy(p => p.Address).ToList();
        // Every printer answers on two or three ports; each must appear once.
        Assert.Equal(_farm.Farm.Addresses.Select(a => a.ToString()).OrderBy(a => a), printers.Select(p => p.Address));
        var legacy = printers[0];
        Assert.Equal("Workshop A4", legacy.Name);
        Assert.Equal(PrinterVendor.FlashForge, legacy.Vendor);
        Assert.Equal("FlashForge TCP 8899", legacy.Protocol);
        // Not in the legacy UDP reply: from the M115 discovery asks every printer that answers.
        Assert.Equal(_farm[0].Options.SerialNumber, legacy.SerialNumber);
        Assert.Equal(_farm[0].Options.Firmware, legacy.Firmware);
        var modern = printers[1];
        Assert.Equal("Farm 5M Pro 1", modern.Name);
        Assert.Equal("Adventurer 5M Pro", modern.Model);
        Assert.Equal(_farm[1].Options.SerialNumber, modern.SerialNumber);
        Assert.Equal("FlashForge TCP 8899 + HTTP 8898", modern.Protocol);
        Assert.Contains(result.Progress, p => p.Activity == "Find-Printer");
    }

    [Fact]
    public void FindPrinter_Subnet_ProbesEveryAddressOfTheRange()
    {
        // 127.R.60.8/29 holds .9 to .14: the four printers and two silent addresses.
        var result = _farm.Session.Run($"Find-Printer -Subnet {TestNet.Block}.60.8/29 -Timeout 1");

        result.AssertNoErrors();
        Assert.Equal(4, result.Objects<PrinterInfo>().Count());
    }

    [Fact]
    public void FindPrinter_Address_AsksOnlyThatHost()
    {
        var result = _farm.Session.Run($"'{TestNet.Block}.60.12' | Find-Printer -Timeout 2");

        var printer = Assert.Single(result.Objects<PrinterInfo>());
        Assert.Equal("Farm 5M Pro 2", printer.Name);
        result.AssertNoErrors();
    }

    [Fact]
    public void FindPrinter_BadSubnet_IsATerminatingArgumentError()
    {
        // try/catch catches only terminating errors: nothing is probed for a range that large.
        var result = _farm.Session.Run("try { Find-Printer -Subnet 10.0.0.0/8 } catch { $_.FullyQualifiedErrorId }");

        Assert.Equal("PrinterInvalidArgument,PrinterTools.Commands.FindPrinterCommand", Assert.Single(result.Output).ToString());
    }

    [Fact]
    public void FindPrinter_PipedToGetPrinterStatus_ReportsEachPrintersRealState()
    {
        var result = _farm.Session.Run($"Find-Printer -BroadcastAddress {_farm.AddressList} -Timeout 1 | Get-PrinterStatus");

        result.AssertNoErrors();
        var statuses = result.Objects<PrinterStatus>().ToDictionary(s => s.Address);
        Assert.Equal(4, statuses.Count);

        var idle = statuses[$"{TestNet.Block}.60.10"];
        Assert.Equal(PrinterState.Idle, idle.State);
        Assert.Equal("Adventurer 4", idle.Model);
        Assert.Null(idle.FileName);
        Assert.Null(idle.Progress);
        Assert.False(idle.LightOn);
        Assert.Null(idle.ChamberTemperature);
        Assert.Null(idle.Elapsed);

        var printing = statuses[$"{TestNet.Block}.60.11"];
        var options = _farm[1].Options;
        Assert.Equal(PrinterState.Printing, printing.State);
        Assert.Equal(options.CurrentFile, printing.FileName);
        Assert.Equal(options.ProgressPercent, printing.Progress);
        Assert.Equal(options.CurrentLayer, printing.CurrentLayer);
        Assert.Equal(options.TotalLayers, printing.TotalLayers);
        Assert.Equal(options.NozzleTemperature, printing.NozzleTemperature!.Value, 1);
        Assert.Equal(options.NozzleTarget, printing.NozzleTargetTemperature);
        Assert.Equal(options.BedTemperature, printing.BedTemperature!.Value, 1);
        Assert.Equal(options.BedTarget, printing.BedTargetTemperature);
        Assert.True(printing.LightOn);

        Assert.Equal(PrinterState.Paused, statuses[$"{TestNet.Block}.60.12"].State);
        Assert.Equal(PrinterState.Completed, statuses[$"{TestNet.Block}.60.13"].State);

        // Control (M601) was taken and released on every printer.
        foreach (var printer in _farm.Farm.Printers)
        {
            Assert.False(printer.ControlHeld);
            Assert.Equal(printer.ReceivedCommands.Count(c => c.StartsWith("M601", StringComparison.Ordinal)), printer.ReceivedCommands.Count(c => c == "M602"));
        }
    }

    [Fact]
    public void GetPrinterStatus_AddressWithoutVendor_ProbesThePorts()
    {
        var result = _farm.Session.Run($"'{TestNet.Block}.60.10', '{TestNet.Block}.60.11' | Get-PrinterStatus");

        result.AssertNoErrors();
        Assert.Equal(new[] { $"{TestNet.Block}.60.10", $"{TestNet.Block}.60.11" }, result.Objects<PrinterStatus>().Select(s => s.Address).OrderBy(a => a));
    }

    [Fact]
    public void GetPrinterStatus_CheckCodeForAPrinterWithoutHttp_FallsBackToTheConsole()
    {
        // One check code given for a mixed farm must not cost the legacy printers their status.
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {TestNet.Block}.60.10 -Vendor FlashForge -AccessCode $code", new() { ["code"] = ModuleSession.Secure("12345678") });

        result.AssertNoErrors();
        Assert.Equal(PrinterState.Idle, Assert.Single(result.Objects<PrinterStatus>()).State);
    }

    [Fact]
    public void FindPrinter_IPv6Address_IsItsOwnError_TheOthersAreProbed()
    {
        var result = _farm.Session.Run($"Find-Printer -Address 'fe80::1', '::ffff:{TestNet.Block}.60.12' -Timeout 2");

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
        Assert.Equal($"{TestNet.Block}.60.12", Assert.Single(result.Objects<PrinterInfo>()).Address);
    }

    [Fact]
    public void GetPrinterStatus_DeserializedPrinters_BindAsAfterRemoting()
    {
        // What Invoke-Command hands back: property bags typed Deserialized.PrinterTools.PrinterInfo.
        var found = _farm.Session.Run($"Find-Printer -BroadcastAddress {_farm.AddressList} -Timeout 1").Objects<PrinterInfo>().ToList();
        var copies = found.Select(p => PSSerializer.Deserialize(PSSerializer.Serialize(p))).ToList();
        Assert.All(copies, c => Assert.Contains("Deserialized.PrinterTools.PrinterInfo", ((PSObject)c).TypeNames));

        var piped = _farm.Session.Run("$copies | Get-PrinterStatus", new() { ["copies"] = copies });
        var named = _farm.Session.Run("Get-PrinterStatus -Printer $copies", new() { ["copies"] = copies });

        piped.AssertNoErrors();
        named.AssertNoErrors();
        Assert.Equal(4, piped.Objects<PrinterStatus>().Count());
        Assert.Equal(4, named.Objects<PrinterStatus>().Count());
    }

    [Fact]
    public void GetPrinterStatus_WithCheckCode_ReadsHttpDetail()
    {
        var printer = _farm[1].Options;
        var result = _farm.Session.Run(
            $"Get-PrinterStatus -Address {TestNet.Block}.60.11 -Vendor FlashForge -Credential ([pscredential]::new($serial, $code)) -Verbose",
            new() { ["code"] = ModuleSession.Secure(printer.CheckCode), ["serial"] = printer.SerialNumber });

        result.AssertNoErrors();
        var status = Assert.Single(result.Objects<PrinterStatus>());
        Assert.Equal(PrinterState.Printing, status.State);
        Assert.NotNull(status.Elapsed);
        Assert.NotNull(status.Remaining);
        Assert.Equal(printer.ChamberTemperature, status.ChamberTemperature);
        Assert.Equal(printer.CurrentFile, status.FileName);
        Assert.Equal("printing", status.Raw["status"]);
        Assert.DoesNotContain(printer.CheckCode, result.AllText() + _farm.Session.Out + _farm.Session.Err);
    }

    [Fact]
    public void GetPrinterStatus_WrongCheckCode_IsAnAuthenticationError_WithoutTheCode()
    {
        const string wrong = "99999999";
        var result = _farm.Session.Run(
            $"Find-Printer -Address {TestNet.Block}.60.11 -Timeout 2 | Get-PrinterStatus -AccessCode $code -Verbose",
            new() { ["code"] = ModuleSession.Secure(wrong) });

        Assert.Empty(result.Output);
        Assert.True(result.ErrorIds.SequenceEqual(new[] { "PrinterAuthenticationFailed" }), string.Join("\n", result.Errors.Select(e => e.Exception.ToString())));
        Assert.Equal(ErrorCategory.AuthenticationError, result.Errors[0].CategoryInfo.Category);
        Assert.DoesNotContain(wrong, result.AllText());
    }
}
