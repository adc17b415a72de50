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
/// Heaters of every vendor on 127.R.175.x: an Adventurer 4 (console), two 5M Pro (HTTP; one reporting itself a Creator 5,
/// the family with a chamber heater), a Centauri Carbon, a Saturn 4 Ultra, a K1C, a K2 Plus, and a Carbon and a K1C that take
/// changes and ignore them.
/// </summary>
public sealed class TemperatureFarmFixture : MixedFarmFixture
{
    public static string At(int host) => $"{TestNet.Block}.175.{host}";

    public TemperatureFarmFixture() : base(Printers()) { }

    private static (FlashForgePrinterOptions[], ElegooPrinterOptions[], CrealityPrinterOptions[]) Printers()
    {
        var flashForge = new[]
        {
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(10)), Model = FlashForgeModel.Adventurer4, SerialNumber = "SNHEAT175010" },
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(11)), Model = FlashForgeModel.Adventurer5MPro, SerialNumber = "SNHEAT175011", NozzleTarget = 180 },
            // pid 40 is the Creator 5 (flashforge.md §3.3).
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(12)), Model = FlashForgeModel.Adventurer5MPro, SerialNumber = "SNHEAT175012", ProductId = 0x28, ChamberTemperature = 24 },
        };
        var elegoo = new[]
        {
            new ElegooPrinterOptions { Address = IPAddress.Parse(At(20)), Family = ElegooFamily.CentauriCarbon, MainboardId = "385b1f950107625d00004c0000175020" },
            new ElegooPrinterOptions { Address = IPAddress.Parse(At(21)), Family = ElegooFamily.Saturn4Ultra, MainboardId = "ed5847f5c1750021" },
            new ElegooPrinterOptions { Address = IPAddress.Parse(At(22)), Family = ElegooFamily.CentauriCarbon, MainboardId = "385b1f950107625d00004c0000175022", Fault = ElegooFault.IgnoreChangeCommands },
        };
        var creality = new[]
        {
            Creality(30, CrealityModel.K1C, "aabbcc01751e"),
            Creality(31, CrealityModel.K2Plus, "aabbcc01751f"),
            Creality(32, CrealityModel.K1C, "aabbcc017520", CrealityFault.IgnoreChangeCommands),
        };
        return (flashForge, elegoo, creality);
    }

    private static CrealityPrinterOptions Creality(int host, CrealityModel model, string mac, CrealityFault fault = CrealityFault.None) => new()
    {
        Address = IPAddress.Parse(At(host)),
        Model = model,
        MacAddress = mac,
        Fault = fault,
        PushInterval = TimeSpan.FromMilliseconds(50),
    };
}

/// <summary>Set-PrinterTemperature end to end on every vendor, each change proven by the printer's own targets.</summary>
public sealed class SetPrinterTemperatureTests : IClassFixture<TemperatureFarmFixture>
{
    private static readonly string[] TemperatureKeys = { "nozzleTempControl", "bedTempControl", "boxTempControl" };

    private readonly TemperatureFarmFixture _farm;

    public SetPrinterTemperatureTests(TemperatureFarmFixture farm) => _farm = farm;

    private static string At(int host) => TemperatureFarmFixture.At(host);

    [Fact]
    public void NozzleAndBed_AreSetOnEveryVendor_AsThePrintersThemselvesShow()
    {
        var a4 = _farm.FlashForgeAt(10);
        var carbon = _farm.ElegooAt(20);
        var k1c = _farm.CrealityAt(30);
        a4.ResetCounters();
        carbon.ResetCounters();
        k1c.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(10)},{At(20)},{At(30)} -Nozzle 205 -Bed 60 -Force -PassThru");

        result.AssertNoErrors();
        var statuses = result.Objects<PrinterStatus>().ToList();
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.Equal((205.0, 60.0), (s.NozzleTargetTemperature, s.BedTargetTemperature)));
        Assert.Equal((205.0, 60.0), (a4.Options.NozzleTarget, a4.Options.BedTarget));
        Assert.Equal((205.0, 60.0), (carbon.Options.NozzleTarget, carbon.Options.BedTarget));
        Assert.Equal((205, 60), (k1c.Options.NozzleTarget, k1c.Options.BedTarget));
        // Whole numbers over the console, each once, in the one control session.
        Assert.Equal(new[] { "M601 S1", "M104 S205", "M140 S60", "M602" }, a4.ReceivedCommands.Where(c => !IsStatusRead(c)));
        var settings = Assert.Single(carbon.ReceivedCommands, c => c.Cmd == 403);
        Assert.Equal(new[] { "TempTargetNozzle", "TempTargetHotbed" }, JsonDocument.Parse(settings.Data).RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "nozzleTempControl", "bedTempControl" }, k1c.ReceivedRequests.Where(r => TemperatureKeys.Contains(r.Key)).Select(r => r.Key));
    }

    [Fact]
    public void OverHttp_ZeroSwitchesTheNozzleOff_AndTheBedIsLeftAsItWas()
    {
        var five = _farm.FlashForgeAt(11);
        five.ResetCounters();
        var bedBefore = five.Options.BedTarget;

        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(11)} -Vendor FlashForge -Credential $credential -Nozzle 0 -Force -PassThru", _farm.CredentialOf(11));

        result.AssertNoErrors();
        Assert.Equal(0.0, Assert.Single(result.Objects<PrinterStatus>()).NozzleTargetTemperature);
        Assert.Equal(0.0, five.Options.NozzleTarget);
        Assert.Equal(bedBefore, five.Options.BedTarget);
        Assert.DoesNotContain(five.ReceivedCommands, c => c.StartsWith("M104", StringComparison.Ordinal) || c.StartsWith("M601", StringComparison.Ordinal));
    }

    [Fact]
    public void Chamber_IsSetWhereThePrinterHasAChamberHeater()
    {
        var k2 = _farm.CrealityAt(31);
        var creator = _farm.FlashForgeAt(12);

        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(31)} -Chamber 45 -Force -PassThru");
        var http = _farm.Session.Run($"Set-PrinterTemperature -Address {At(12)} -Vendor FlashForge -Credential $credential -Chamber 50 -Force -PassThru", _farm.CredentialOf(12));

        result.AssertNoErrors();
        http.AssertNoErrors();
        Assert.Equal(45.0, Assert.Single(result.Objects<PrinterStatus>()).ChamberTargetTemperature);
        Assert.Equal(45, k2.Options.ChamberTarget);
        Assert.Single(k2.ReceivedRequests, r => r.Key == "boxTempControl");
        Assert.Equal(50.0, Assert.Single(http.Objects<PrinterStatus>()).ChamberTargetTemperature);
        Assert.Equal(50.0, creator.Options.ChamberTarget);
    }

    [Fact]
    public void ThePrintersOwnMaximum_IsUsed_AboveTheConservativeBound()
    {
        // The K2 Plus reports maxNozzleTemp 350: 340 is above the 260 assumed for a printer that reports nothing.
        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(31)} -Nozzle 340 -Force");
        var above = _farm.Session.Run($"Set-PrinterTemperature -Address {At(31)} -Nozzle 351 -Force");

        result.AssertNoErrors();
        Assert.Equal(340, _farm.CrealityAt(31).Options.NozzleTarget);
        Assert.Equal(new[] { "PrinterTemperatureOutOfRange" }, above.ErrorIds);
        Assert.Contains("maxNozzleTemp", above.Errors[0].Exception.Message);
        Assert.Equal(ErrorCategory.InvalidArgument, above.Errors[0].CategoryInfo.Category);
    }

    [Theory]
    [InlineData(10, "-Nozzle 261", "260")] // FlashForge reports no limit: the conservative bound
    [InlineData(20, "-Bed 111", "110")] // the Centauri Carbon's range
    [InlineData(30, "-Nozzle 301", "300")] // the K1C's own maxNozzleTemp
    [InlineData(30, "-Bed -1", "0 to 100")]
    [InlineData(20, "-Nozzle 200 -Bed -5", "0 to 110")] // one bad value: nothing at all is sent
    public void AValueOutsideThePrintersRange_IsRefused_AndNothingIsSent(int host, string values, string limit)
    {
        var a4 = _farm.FlashForgeAt(10);
        var carbon = _farm.ElegooAt(20);
        var k1c = _farm.CrealityAt(30);
        a4.ResetCounters();
        carbon.ResetCounters();
        k1c.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(host)} {values} -Force");

        Assert.Equal(new[] { "PrinterTemperatureOutOfRange" }, result.ErrorIds);
        Assert.Contains(limit, result.Errors[0].Exception.Message);
        Assert.Contains("nothing was sent", result.Errors[0].Exception.Message);
        Assert.DoesNotContain(a4.ReceivedCommands, c => c.StartsWith("M104 ", StringComparison.Ordinal) || c.StartsWith("M140 ", StringComparison.Ordinal) || c.StartsWith("M601", StringComparison.Ordinal));
        Assert.DoesNotContain(carbon.ReceivedCommands, c => c.Cmd == 403);
        Assert.DoesNotContain(k1c.ReceivedRequests, r => TemperatureKeys.Contains(r.Key));
    }

    [Theory]
    [InlineData(30, "")] // K1C: no maxBoxTemp, no chamber heater
    [InlineData(10, "")] // FlashForge over the console: no chamber command
    [InlineData(11, "-Credential $credential")] // 5M Pro over HTTP: a chamber temperature, but no heater
    [InlineData(21, "")] // resin
    public void AChamberThePrinterDoesNotHave_IsNotSupported_AndNothingIsSent(int host, string credential)
    {
        foreach (var p in _farm.Farm.Printers) p.ResetCounters();
        foreach (var p in _farm.Farm.ElegooPrinters) p.ResetCounters();
        var k1c = _farm.CrealityAt(30);
        k1c.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(host)} {credential} -Chamber 40 -Force", host == 11 ? _farm.CredentialOf(11) : null);

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
        Assert.Contains("nothing was sent", result.Errors[0].Exception.Message);
        Assert.All(_farm.Farm.Printers, p => Assert.DoesNotContain(p.ReceivedCommands, c => c.StartsWith("M601", StringComparison.Ordinal)));
        Assert.Equal(0, _farm.FlashForgeAt(11).Options.ChamberTarget);
        Assert.All(_farm.Farm.ElegooPrinters, p => Assert.DoesNotContain(p.ReceivedCommands, c => c.Cmd == 403));
        Assert.Equal(0, _farm.ElegooAt(21).Crashes);
        Assert.DoesNotContain(k1c.ReceivedRequests, r => TemperatureKeys.Contains(r.Key));
    }

    [Fact]
    public void ACarbonThatAcknowledgesAndDoesNothing_IsPrinterTimeout_AndCmd403IsSentOnce()
    {
        var printer = _farm.ElegooAt(22);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(22)} -Vendor Elegoo -Bed 70 -Force -Timeout 1.5");

        Assert.Equal(new[] { "PrinterTimeout" }, result.ErrorIds);
        Assert.Contains("a bed target of 0 °C", result.Errors[0].Exception.Message);
        Assert.Single(printer.ReceivedCommands, c => c.Cmd == 403);
        Assert.Equal(0.0, printer.Options.BedTarget);
    }

    [Fact]
    public void APrinterThatTakesTheCommandAndDoesNothing_IsPrinterTimeout_AndTheCommandIsSentOnce()
    {
        var printer = _farm.CrealityAt(32);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(32)} -Vendor Creality -Nozzle 190 -Force -Timeout 1.5");

        Assert.Equal(new[] { "PrinterTimeout" }, result.ErrorIds);
        Assert.Contains("not sent again", result.Errors[0].Exception.Message);
        Assert.Single(printer.ReceivedRequests, r => r.Key == "nozzleTempControl");
        Assert.Equal(0, printer.Options.NozzleTarget);
    }

    [Fact]
    public void WhatIf_SendsNothing_WithOrWithoutForce_AndWithoutForceAHostThatCannotAskChangesNothing()
    {
        var a4 = _farm.FlashForgeAt(10);
        var k1c = _farm.CrealityAt(30);
        a4.ResetCounters();
        k1c.ResetCounters();
        var target = a4.Options.NozzleTarget;

        var whatIf = _farm.Session.Run($"Set-PrinterTemperature -Address {At(10)},{At(30)} -Nozzle 215 -WhatIf; Set-PrinterTemperature -Address {At(10)},{At(30)} -Nozzle 215 -Force -WhatIf");
        var unasked = _farm.Session.Run($"Set-PrinterTemperature -Address {At(10)},{At(30)} -Nozzle 215");

        whatIf.AssertNoErrors();
        Assert.Empty(whatIf.Output);
        Assert.Empty(unasked.Output);
        Assert.Equal(0, a4.TotalConnections);
        Assert.Equal(0, k1c.TotalWebSockets);
        Assert.Equal(target, a4.Options.NozzleTarget);

        var forced = _farm.Session.Run($"Set-PrinterTemperature -Address {At(10)} -Vendor FlashForge -Nozzle 215 -Force");

        forced.AssertNoErrors();
        Assert.Equal(215.0, a4.Options.NozzleTarget);
    }

    [Fact]
    public void NoHeaterGiven_StopsTheCommand_BeforeAnyPrinterIsContacted()
    {
        var a4 = _farm.FlashForgeAt(10);
        a4.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterTemperature -Address {At(10)} -Vendor FlashForge -Force");

        Assert.Equal(new[] { "PrinterInvalidArgument" }, result.ErrorIds);
        Assert.Equal(0, a4.TotalConnections);
    }

    /// <summary>The console commands of a status read (M115 identity, M119, M27, M105), which carry no change.</summary>
    private static bool IsStatusRead(string command) => command is "M115" or "M119" or "M27" or "M105";
}
