using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>Lights of every vendor on 127.R.173.x, off to begin with: an Adventurer 4, a 5M Pro, a Centauri Carbon, a Saturn 4 Ultra, a K1C.</summary>
public sealed class LightFarmFixture : MixedFarmFixture
{
    public static string At(int host) => $"{TestNet.Block}.173.{host}";

    public LightFarmFixture() : base(Printers()) { }

    private static (FlashForgePrinterOptions[], ElegooPrinterOptions[], CrealityPrinterOptions[]) Printers()
    {
        var flashForge = new[]
        {
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(10)), Model = FlashForgeModel.Adventurer4, SerialNumber = "SNLIGHT173010", LightOn = false },
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(11)), Model = FlashForgeModel.Adventurer5MPro, SerialNumber = "SNLIGHT173011", LightOn = false },
            new FlashForgePrinterOptions { Address = IPAddress.Parse(At(12)), Model = FlashForgeModel.Adventurer4, SerialNumber = "SNLIGHT173012", LightOn = true },
        };
        var elegoo = new[]
        {
            new ElegooPrinterOptions { Address = IPAddress.Parse(At(20)), Family = ElegooFamily.CentauriCarbon, MainboardId = "385b1f950107625d00004c0000173020", LightOn = false },
            new ElegooPrinterOptions { Address = IPAddress.Parse(At(21)), Family = ElegooFamily.Saturn4Ultra, MainboardId = "ed5847f5c1730021" },
        };
        var creality = new[]
        {
            new CrealityPrinterOptions { Address = IPAddress.Parse(At(30)), Model = CrealityModel.K1C, MacAddress = "aabbcc01731e", LightOn = false, PushInterval = TimeSpan.FromMilliseconds(50) },
        };
        return (flashForge, elegoo, creality);
    }
}

/// <summary>Set-PrinterLight end to end on every vendor, each change proven by the printer's own light.</summary>
public sealed class SetPrinterLightTests : IClassFixture<LightFarmFixture>
{
    private readonly LightFarmFixture _farm;

    public SetPrinterLightTests(LightFarmFixture farm) => _farm = farm;

    private static string At(int host) => LightFarmFixture.At(host);

    [Fact]
    public void On_SwitchesEveryVendorsLight_AndPassThruShowsItRead()
    {
        var five = _farm.FlashForgeAt(11);
        var credential = new PSCredential(five.Options.SerialNumber, ModuleSession.Secure(five.Options.CheckCode));

        var console = _farm.Session.Run($"Set-PrinterLight -Address {At(10)},{At(20)},{At(30)} -On -PassThru");
        var http = _farm.Session.Run($"Set-PrinterLight -Address {At(11)} -Vendor FlashForge -Credential $credential -On -PassThru", new Dictionary<string, object?> { ["credential"] = credential });

        console.AssertNoErrors();
        http.AssertNoErrors();
        Assert.All(console.Objects<PrinterStatus>().Concat(http.Objects<PrinterStatus>()), s => Assert.True(s.LightOn));
        Assert.Equal(4, console.Objects<PrinterStatus>().Count() + http.Objects<PrinterStatus>().Count());
        Assert.True(_farm.FlashForgeAt(10).Options.LightOn);
        Assert.Contains(_farm.FlashForgeAt(10).ReceivedCommands, c => c.StartsWith("M146 r255 g255 b255", StringComparison.Ordinal));
        Assert.True(five.Options.LightOn);
        Assert.DoesNotContain(five.ReceivedCommands, c => c.StartsWith("M146", StringComparison.Ordinal));
        Assert.True(_farm.ElegooAt(20).Options.LightOn);
        Assert.True(_farm.Farm.CrealityPrinters.Single().Options.LightOn);

        var off = _farm.Session.Run($"Set-PrinterLight -Address {At(20)},{At(30)} -Off");

        off.AssertNoErrors();
        Assert.Empty(off.Output);
        Assert.False(_farm.ElegooAt(20).Options.LightOn);
        Assert.False(_farm.Farm.CrealityPrinters.Single().Options.LightOn);
    }

    [Fact]
    public void ALightAlreadySo_IsSentNothing()
    {
        var printer = _farm.FlashForgeAt(12);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Set-PrinterLight -Address {At(12)} -Vendor FlashForge -On -PassThru");

        result.AssertNoErrors();
        Assert.True(Assert.Single(result.Objects<PrinterStatus>()).LightOn);
        Assert.DoesNotContain(printer.ReceivedCommands, c => c.StartsWith("M146", StringComparison.Ordinal) || c.StartsWith("M601", StringComparison.Ordinal));
    }

    [Fact]
    public void AResinPrinter_IsNotSupported_AndIsSentNoSettingsCommand()
    {
        var result = _farm.Session.Run($"Set-PrinterLight -Address {At(21)} -Vendor Elegoo -On");

        Assert.Equal(new[] { "PrinterNotSupported" }, result.ErrorIds);
        Assert.DoesNotContain(_farm.ElegooAt(21).ReceivedCommands, c => c.Cmd == 403);
        Assert.Equal(0, _farm.ElegooAt(21).Crashes);
    }

    [Fact]
    public void WhatIf_SendsNothing_AndOnOrOffMustBeGivenOnce()
    {
        var printer = _farm.FlashForgeAt(12);
        printer.ResetCounters();

        var whatIf = _farm.Session.Run($"Set-PrinterLight -Address {At(12)} -Vendor FlashForge -Off -WhatIf");
        var neither = _farm.Session.Run($"Set-PrinterLight -Address {At(12)} -Vendor FlashForge");
        var both = _farm.Session.Run($"Set-PrinterLight -Address {At(12)} -Vendor FlashForge -On -Off");

        whatIf.AssertNoErrors();
        Assert.Equal(0, printer.TotalConnections);
        Assert.True(printer.Options.LightOn);
        Assert.Equal(new[] { "PrinterInvalidArgument" }, neither.ErrorIds);
        Assert.Equal(new[] { "PrinterInvalidArgument" }, both.ErrorIds);
        Assert.Equal(0, printer.TotalConnections);
    }
}
