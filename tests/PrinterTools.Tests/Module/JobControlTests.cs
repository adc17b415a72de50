using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>A farm of all three vendors on 127.R.171.x: printing and idle printers of each, and one Creality printer that ignores job commands.</summary>
public sealed class JobControlFarmFixture : MixedFarmFixture
{
    public static string At(int host) => $"{TestNet.Block}.171.{host}";

    public JobControlFarmFixture() : base(Printers()) { }

    private static (FlashForgePrinterOptions[], ElegooPrinterOptions[], CrealityPrinterOptions[]) Printers()
    {
        var flashForge = new[]
        {
            FlashForge(10, FlashForgeModel.Adventurer5MPro, VirtualJobState.Printing),
            FlashForge(11, FlashForgeModel.Adventurer4, VirtualJobState.Printing),
            FlashForge(12, FlashForgeModel.Adventurer4, VirtualJobState.Idle),
            FlashForge(13, FlashForgeModel.Adventurer5MPro, VirtualJobState.Printing),
            FlashForge(14, FlashForgeModel.Adventurer5MPro, VirtualJobState.Printing),
            FlashForge(15, FlashForgeModel.Adventurer5MPro, VirtualJobState.Printing),
        };
        var elegoo = new[]
        {
            Elegoo(20, ElegooFamily.CentauriCarbon, ElegooJobState.Printing),
            Elegoo(21, ElegooFamily.Saturn4Ultra, ElegooJobState.Printing),
            Elegoo(22, ElegooFamily.CentauriCarbon, ElegooJobState.Idle),
        };
        var creality = new[]
        {
            Creality(30, CrealityModel.K1C, CrealityJobState.Printing),
            Creality(31, CrealityModel.K2Plus, CrealityJobState.Printing),
            Creality(32, CrealityModel.K1C, CrealityJobState.Printing, o => o.Fault = CrealityFault.IgnoreChangeCommands),
            Creality(33, CrealityModel.K1C, CrealityJobState.Completed),
        };
        return (flashForge, elegoo, creality);
    }


    private static FlashForgePrinterOptions FlashForge(int host, FlashForgeModel model, VirtualJobState state) => new()
    {
        Address = IPAddress.Parse(At(host)),
        Model = model,
        Name = $"FF {host}",
        SerialNumber = $"SNJOB0171{host:D3}",
        State = state,
        CurrentFile = state == VirtualJobState.Idle ? null : "part.gcode",
        ProgressPercent = state == VirtualJobState.Idle ? 0 : 40,
        StoredFiles = new[] { "part.gcode" },
    };

    private static ElegooPrinterOptions Elegoo(int host, ElegooFamily family, ElegooJobState state) => new()
    {
        Address = IPAddress.Parse(At(host)),
        Family = family,
        Name = $"Elegoo {host}",
        MainboardId = family == ElegooFamily.CentauriCarbon ? $"385b1f950107625d00004c0000171{host:x3}" : $"ed5847f5c171{host:x4}",
        State = state,
        CurrentFile = state == ElegooJobState.Idle ? null : family == ElegooFamily.CentauriCarbon ? "part.gcode" : "part.goo",
        CurrentLayer = 10,
        TotalLayers = 100,
    };

    private static CrealityPrinterOptions Creality(int host, CrealityModel model, CrealityJobState state, Action<CrealityPrinterOptions>? configure = null)
    {
        var options = new CrealityPrinterOptions
        {
            Address = IPAddress.Parse(At(host)),
            Model = model,
            Name = $"Creality {host}",
            MacAddress = $"aabbcc0171{host:x2}",
            State = state,
            StoredFiles = new[] { "part.gcode" },
            FileName = "part.gcode",
            Progress = state == CrealityJobState.Completed ? 100 : 40,
            Layer = 40,
            TotalLayers = 100,
            PushInterval = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return options;
    }
}

/// <summary>Suspend-, Resume- and Stop-PrinterJob end to end on every vendor's virtual printers, each result proven by the printer's own state.</summary>
public sealed class JobControlTests : IClassFixture<JobControlFarmFixture>
{
    private readonly JobControlFarmFixture _farm;

    public JobControlTests(JobControlFarmFixture farm) => _farm = farm;

    private static string At(int host) => JobControlFarmFixture.At(host);

    private static string List(params int[] hosts) => string.Join(",", hosts.Select(At));

    [Fact]
    public void TheFarmsPrintingPrinters_ArePaused_Resumed_AndStopped_AndOnlyThey()
    {
        // Every vendor's printing printers and an idle (or finished) one of each; 13, 14, 15 and 32 belong to other tests.
        var all = List(10, 11, 12, 20, 21, 22, 30, 31, 33);
        var printing = new[] { At(10), At(11), At(20), At(21), At(30), At(31) };

        var paused = _farm.Session.Run($"Get-PrinterStatus -Address {all} | Where-Object State -eq Printing | Suspend-PrinterJob -Timeout 10");

        paused.AssertNoErrors();
        Assert.Equal(printing.OrderBy(a => a), paused.Objects<PrinterStatus>().Select(s => s.Address).OrderBy(a => a));
        Assert.All(paused.Objects<PrinterStatus>(), s => Assert.Equal(PrinterState.Paused, s.State));
        Assert.Equal(VirtualJobState.Paused, _farm.FlashForgeAt(10).Options.State);
        Assert.Equal(VirtualJobState.Paused, _farm.FlashForgeAt(11).Options.State);
        Assert.Equal(ElegooJobState.Paused, _farm.ElegooAt(20).Options.State);
        Assert.Equal(ElegooJobState.Paused, _farm.ElegooAt(21).Options.State);
        Assert.Equal(CrealityJobState.Paused, _farm.CrealityAt(30).Options.State);
        Assert.Equal(CrealityJobState.Paused, _farm.CrealityAt(31).Options.State);
        Assert.Equal(VirtualJobState.Idle, _farm.FlashForgeAt(12).Options.State);
        Assert.Equal(ElegooJobState.Idle, _farm.ElegooAt(22).Options.State);
        Assert.Equal(CrealityJobState.Completed, _farm.CrealityAt(33).Options.State);

        var resumed = _farm.Session.Run($"Get-PrinterStatus -Address {all} | Where-Object State -eq Paused | Resume-PrinterJob -Timeout 10");

        resumed.AssertNoErrors();
        Assert.Equal(printing.OrderBy(a => a), resumed.Objects<PrinterStatus>().Select(s => s.Address).OrderBy(a => a));
        Assert.All(resumed.Objects<PrinterStatus>(), s => Assert.Equal(PrinterState.Printing, s.State));
        Assert.Equal(VirtualJobState.Printing, _farm.FlashForgeAt(10).Options.State);
        Assert.Equal(ElegooJobState.Printing, _farm.ElegooAt(21).Options.State);
        Assert.Equal(CrealityJobState.Printing, _farm.CrealityAt(31).Options.State);

        var stopped = _farm.Session.Run($"Get-PrinterStatus -Address {all} | Where-Object State -eq Printing | Stop-PrinterJob -Force -Timeout 10");

        stopped.AssertNoErrors();
        Assert.Equal(printing.OrderBy(a => a), stopped.Objects<PrinterStatus>().Select(s => s.Address).OrderBy(a => a));
        Assert.All(stopped.Objects<PrinterStatus>(), s => Assert.Contains(s.State, new[] { PrinterState.Stopped, PrinterState.Idle }));
        // Over the console a 5M keeps its cancelled-job dialog: the printer says so, and reads READY.
        Assert.Equal(VirtualJobState.Cancelled, _farm.FlashForgeAt(10).Options.State);
        Assert.Contains("M26", _farm.FlashForgeAt(11).ReceivedCommands.Select(c => c.Split(' ')[0].TrimStart('~')));
        Assert.Equal(ElegooJobState.Stopped, _farm.ElegooAt(20).Options.State);
        Assert.Equal(ElegooJobState.Stopped, _farm.ElegooAt(21).Options.State);
        Assert.Equal(CrealityJobState.Stopped, _farm.CrealityAt(30).Options.State);
        Assert.Equal(CrealityJobState.Stopped, _farm.CrealityAt(31).Options.State);
        // The Creality printer keeps showing the stopped job (creality.md §4).
        var k2 = stopped.Objects<PrinterStatus>().Single(s => s.Address == At(31));
        Assert.Equal((PrinterState.Stopped, "part.gcode"), (k2.State, k2.FileName));
    }

    [Theory]
    [InlineData("Suspend-PrinterJob", 12, "pause")]
    [InlineData("Resume-PrinterJob", 22, "resume")]
    [InlineData("Stop-PrinterJob -Force", 33, "stop")]
    public void NoJobToActOn_IsPrinterNoJob_AndNothingIsSent(string command, int host, string verb)
    {
        var result = _farm.Session.Run($"{command} -Address {At(host)} -Timeout 5");

        Assert.Equal(new[] { "PrinterNoJob" }, result.ErrorIds);
        Assert.Contains($"no job to {verb}", result.Errors[0].Exception.Message);
        Assert.Empty(result.Output);
        if (host == 12)
        {
            Assert.DoesNotContain(_farm.FlashForgeAt(12).ReceivedCommands, c => c.Contains("M25", StringComparison.Ordinal));
        }
        if (host == 22)
        {
            Assert.DoesNotContain(_farm.ElegooAt(22).ReceivedCommands, c => c.Cmd == 131);
        }
        if (host == 33)
        {
            Assert.DoesNotContain(_farm.CrealityAt(33).ReceivedRequests, r => r.Key == "stop");
        }
    }

    [Fact]
    public void ResumeOfAPrintingPrinter_IsPrinterNoJob()
    {
        var result = _farm.Session.Run($"Resume-PrinterJob -Address {At(14)} -Vendor FlashForge -Timeout 5");

        Assert.Equal(new[] { "PrinterNoJob" }, result.ErrorIds);
        Assert.Contains("Printing", result.Errors[0].Exception.Message);
        Assert.Equal(VirtualJobState.Printing, _farm.FlashForgeAt(14).Options.State);
    }

    [Fact]
    public void APrinterThatTakesTheCommandAndDoesNothing_IsPrinterTimeout_AndTheCommandIsSentOnce()
    {
        var printer = _farm.CrealityAt(32);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Suspend-PrinterJob -Address {At(32)} -Vendor Creality -Timeout 1.5");

        Assert.Equal(new[] { "PrinterTimeout" }, result.ErrorIds);
        Assert.Contains("still showed Printing", result.Errors[0].Exception.Message);
        Assert.Contains("not sent again", result.Errors[0].Exception.Message);
        Assert.Single(printer.ReceivedRequests, r => r.Key == "pause");
        Assert.Equal(CrealityJobState.Printing, printer.Options.State);
    }

    [Fact]
    public void WhatIf_SendsNothing_AndStopWithoutForceDoesNotStopInAHostThatCannotAsk()
    {
        var printer = _farm.FlashForgeAt(14);
        printer.ResetCounters();

        var whatIf = _farm.Session.Run($"Stop-PrinterJob -Address {At(14)} -Vendor FlashForge -Force -WhatIf; Suspend-PrinterJob -Address {At(14)} -Vendor FlashForge -WhatIf");
        var unasked = _farm.Session.Run($"Stop-PrinterJob -Address {At(14)} -Vendor FlashForge");

        whatIf.AssertNoErrors();
        Assert.Empty(whatIf.Output);
        Assert.Equal(0, printer.TotalConnections);
        Assert.Empty(unasked.Output);
        Assert.DoesNotContain(printer.ReceivedCommands, c => c.Contains("M26", StringComparison.Ordinal));
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
    }

    [Fact]
    public void Stop_WithTheCheckCode_GoesOverHttp_AndLeavesNoDialogToClearByHand()
    {
        var printer = _farm.FlashForgeAt(13);
        printer.ResetCounters();
        var result = _farm.Session.Run($"Stop-PrinterJob -Address {At(13)} -Vendor FlashForge -Credential $credential -Force -Timeout 10", _farm.CredentialOf(13));

        result.AssertNoErrors();
        // Cancelled, then its dialog cleared over HTTP too: ready for the next job with nobody at the screen.
        Assert.Equal(PrinterState.Idle, Assert.Single(result.Objects<PrinterStatus>()).State);
        Assert.Equal(VirtualJobState.Idle, printer.Options.State);
        Assert.Equal(1, printer.JobsCancelled);
        Assert.DoesNotContain(printer.ReceivedCommands, c => c.Contains("M26", StringComparison.Ordinal));
    }

    [Fact]
    public void WithTheCheckCodeAlone_TheSerialNumberIsAskedOnce_NotBeforeEveryRead()
    {
        var printer = _farm.FlashForgeAt(15);
        printer.ResetCounters();

        var result = _farm.Session.Run($"Suspend-PrinterJob -Address {At(15)} -Vendor FlashForge -AccessCode $code -Timeout 10",
            new() { ["code"] = ModuleSession.Secure(printer.Options.CheckCode) });

        result.AssertNoErrors();
        Assert.Equal(VirtualJobState.Paused, printer.Options.State);
        // A read, the pause over /control and at least one read back, all over HTTP with the serial M115 gave the first time.
        Assert.InRange(printer.HttpRequests, 3, int.MaxValue);
        Assert.Single(printer.ReceivedCommands, c => c.TrimStart('~').StartsWith("M115", StringComparison.Ordinal));
    }
}
