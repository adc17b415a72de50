using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Text.Json;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>
/// Fans of every vendor on 127.R.176.x: an Adventurer 4 and an Adventurer 3 (console; the A3's fan only switches on or
/// off), a 5M Pro (HTTP), a Centauri Carbon, a Saturn 4 Ultra, a K1C and a K1C that ignores changes.
/// </summary>
public sealed class FanFarmFixture : MixedFarmFixture
{
    public static string At(int host) => $"{TestNet.Block}.176.{host}";

    public FanFarmFixture() : base(Printers()) { }

    private static (FlashForgePrinterOptions[], ElegooPrinterOptions[], CrealityPrinterOptions[]) Printers()
    {
        var flashForge = new[]
        {
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(10)), Model = FlashForgeModel.Adventurer4, SerialNumber = "SNFAN176010" },
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(11)), Model = FlashForgeModel.Adventurer5MPro, SerialNumber = "SNFAN176011" },
            // M115's Machine Type of a real A3 (flashforge.md §2.3); its M106 has no speed.
            new FlashForgePrinterOptions
            {
                Address = IPAddress.Parse(At(12)), Model = FlashForgeModel.Adventurer4, SerialNumber = "SNFAN176012",
                MachineType = "FlashForge Adventurer III", FanHasSpeed = false,
            },
        };
        var elegoo = new[]
        {
            new ElegooPrinterOptions { Address = IPAddress.Parse(At(20)), Family = ElegooFamily.CentauriCarbon, MainboardId = "385b1f950107625d00004c0000176020" },
            new ElegooPrinterOptions { Address = IPAddress.Parse(At(21)), Family = ElegooFamily.Saturn4Ultra, MainboardId = "ed5847f5c1760021" },
        };
        var creality = new[]
        {
            new CrealityPrinterOptions { Address = IPAddress.Parse(At(30)), Model = CrealityModel.K1C, MacAddress = "aabbcc01761e", PushInterval = TimeSpan.FromMilliseconds(50) },
            new CrealityPrinterOptions { Address = IPAddress.Parse(At(31)), Model = CrealityModel.K1C, MacAddress = "aabbcc01761f", PushInterval = TimeSpan.FromMilliseconds(50), Fault = CrealityFault.IgnoreChangeCommands },
        };
        return (flashForge, elegoo, creality);
    }
}

/// <summary>Set-PrinterFan end to end on every vendor, each speed read back from the printer's own status where it reports one.</summary>
public sealed class SetPrinterFanTests : IClassFixture<FanFarmFixture>
{
    private readonly FanFarmFixture _farm;

    public SetPrinterFanTests(FanFarmFixture farm) => _farm = farm;

    private static string At(int host) => FanFarmFixture.At(host);

    [Fact]
    public void TheCarbonsFan_IsSetByCmd403WithThatFanAlone_AndReadBack()
    {
        var carbon = _farm.ElegooAt(20);
        carbon.ResetCounters();
        carbon.Options.BoxFan = 20;

        var result = _farm.Session.Run($"Set-PrinterFan -Address {At(20)} -Name Model -Percent 40 -PassThru");

        result.AssertNoErrors();
        Assert.Equal(40.0, Assert.Single(result.Objects<PrinterStatus>()).Raw["ModelFanSpeed"]);
        Assert.Equal((40, 20), (carbon.Options.ModelFan, carbon.Options.BoxFan));
        var sent = JsonDocument.Parse(Assert.Single(carbon.ReceivedCommands, c => c.Cmd == 403).Data).RootElement;
        Assert.Equal("TargetFanSpeed", Assert.Single(sent.EnumerateObject()).Name);
        Assert.Equal("ModelFan", Assert.Single(sent.GetProperty("TargetFanSpeed").EnumerateObject()).Name);
    }

    [Fact]
    public void ACrealityFan_IsSetByM106OnThe255Scale_AndReadBackAsItsPercent()
    {
        var k1c = _farm.CrealityAt(30);
        k1c.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterFan -Address {At(30)} -Name Auxiliary -Percent 30 -PassThru");

        result.AssertNoErrors();
        Assert.Equal(30L, Assert.Single(result.Objects<PrinterStatus>()).Raw["auxiliaryFanPct"]);
        Assert.Equal(77, k1c.Options.AuxiliaryFan); // 30 % of 255, rounded
        Assert.Equal(new[] { "M106 P2 S77" }, k1c.GcodeReceived);
    }

    [Fact]
    public void OverHttp_TheFlashForgeFansAreSetByPrinterCtl_AndReadBackFromDetail()
    {
        var five = _farm.FlashForgeAt(11);
        five.ResetCounters();

        var result = _farm.Session.Run(
            $"Set-PrinterFan -Address {At(11)} -Vendor FlashForge -Credential $credential -Name Chamber -Percent 60 -PassThru; " +
            $"Set-PrinterFan -Address {At(11)} -Vendor FlashForge -Credential $credential -Name Model -Percent 25 -PassThru", _farm.CredentialOf(11));

        result.AssertNoErrors();
        Assert.Equal(new object[] { 60L, 25L }, result.Objects<PrinterStatus>().Select((s, i) => s.Raw[i == 0 ? "chamberFanSpeed" : "coolingFanSpeed"]));
        Assert.Equal((60, 25), (five.Options.ChamberFan, five.Options.CoolingFan));
        Assert.DoesNotContain(five.ReceivedCommands, c => c.StartsWith("M106", StringComparison.Ordinal));
    }

    [Fact]
    public void OverTheConsole_TheFanIsSetByM106OrM107_AndVerboseSaysItCouldNotBeReadBack()
    {
        var a4 = _farm.FlashForgeAt(10);
        a4.ResetCounters();

        var on = _farm.Session.Run($"Set-PrinterFan -Address {At(10)} -Vendor FlashForge -Name Model -Percent 50 -Verbose");
        var speed = a4.Options.CoolingFan;
        var off = _farm.Session.Run($"Set-PrinterFan -Address {At(10)} -Vendor FlashForge -Name Model -Percent 0 -Verbose");

        on.AssertNoErrors();
        off.AssertNoErrors();
        Assert.Equal(50, speed);
        Assert.Equal(0, a4.Options.CoolingFan);
        Assert.Equal(new[] { "M106 S128", "M107" }, a4.ReceivedCommands.Where(c => c.StartsWith("M10", StringComparison.Ordinal) && c != "M105"));
        Assert.Contains(on.Verbose, v => v.Contains("could not be read back", StringComparison.Ordinal));
        Assert.DoesNotContain(on.Verbose, v => v.Contains("only switches on or off", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(70, "M106 S255", "on", 100)]
    [InlineData(49, "M107", "off", 0)]
    public void AnOnOffFan_IsRounded_AndVerboseSaysSo(int percent, string line, string sentAs, int shown)
    {
        var a3 = _farm.FlashForgeAt(12);
        a3.Options.CoolingFan = 100 - shown;
        a3.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterFan -Address {At(12)} -Vendor FlashForge -Name Model -Percent {percent} -Verbose");

        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains($"only switches on or off, so {percent} % is sent as {sentAs}", StringComparison.Ordinal));
        Assert.Single(a3.ReceivedCommands, line);
        Assert.Equal(shown, a3.Options.CoolingFan);
    }

    [Theory]
    [InlineData(10, "Chamber", "")] // the console drives only the part fan
    [InlineData(11, "Auxiliary", "-Credential $credential")] // /detail reports no side fan
    [InlineData(21, "Model", "")] // resin
    public void AFanThePrinterDoesNotHave_IsNotSupported_AndNothingIsSent(int host, string fan, string credential)
    {
        foreach (var p in _farm.Farm.Printers) p.ResetCounters();
        _farm.ElegooAt(21).ResetCounters();
        var before = _farm.FlashForgeAt(11).Options.CoolingFan;

        var result = _farm.Session.Run($"Set-PrinterFan -Address {At(host)} {credential} -Name {fan} -Percent 80", host == 11 ? _farm.CredentialOf(11) : null);

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
        Assert.All(_farm.Farm.Printers, p => Assert.DoesNotContain(p.ReceivedCommands, c => c.StartsWith("M601", StringComparison.Ordinal)));
        Assert.Equal(before, _farm.FlashForgeAt(11).Options.CoolingFan);
        Assert.DoesNotContain(_farm.ElegooAt(21).ReceivedCommands, c => c.Cmd == 403);
        Assert.Equal(0, _farm.ElegooAt(21).Crashes);
    }

    [Fact]
    public void APrinterThatTakesTheCommandAndDoesNothing_IsPrinterTimeout_AndTheCommandIsSentOnce()
    {
        var printer = _farm.CrealityAt(31);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterFan -Address {At(31)} -Vendor Creality -Name Model -Percent 80 -Timeout 1.5");

        Assert.Equal(new[] { "PrinterTimeout" }, result.ErrorIds);
        Assert.Contains("not sent again", result.Errors[0].Exception.Message);
        Assert.Equal(new[] { "M106 P0 S204" }, printer.GcodeReceived);
        Assert.Equal(0, printer.Options.ModelFan);
    }

    [Fact]
    public void WhatIf_SendsNothing_AndASpeedOutside0To100IsRefusedByTheParameter()
    {
        var carbon = _farm.ElegooAt(20);
        var a4 = _farm.FlashForgeAt(10);
        carbon.ResetCounters();
        a4.ResetCounters();
        var speed = carbon.Options.AuxiliaryFan;

        var whatIf = _farm.Session.Run($"Set-PrinterFan -Address {At(20)},{At(10)} -Name Auxiliary -Percent 90 -WhatIf");
        var tooFast = _farm.Session.Run($"Set-PrinterFan -Address {At(20)} -Name Auxiliary -Percent 101");
        var noName = _farm.Session.Run($"Set-PrinterFan -Address {At(20)} -Name Nozzle -Percent 10");

        whatIf.AssertNoErrors();
        Assert.Empty(whatIf.Output);
        Assert.Empty(carbon.ReceivedCommands);
        Assert.Equal(0, a4.TotalConnections);
        Assert.Equal(speed, carbon.Options.AuxiliaryFan);
        Assert.Equal(new[] { "ParameterArgumentValidationError" }, tooFast.ErrorIds);
        Assert.Equal(new[] { "ParameterArgumentValidationError" }, noName.ErrorIds);
        Assert.Empty(carbon.ReceivedCommands);
    }
}
