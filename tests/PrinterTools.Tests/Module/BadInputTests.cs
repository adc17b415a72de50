using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>One virtual printer per fault, on 127.R.62.x, beside a healthy one.</summary>
public sealed class FaultyFarmFixture : FarmFixture
{
    public FaultyFarmFixture() : base(new[]
    {
        Printer($"{TestNet.Block}.62.10", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.Silent),
        Printer($"{TestNet.Block}.62.11", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.Truncated),
        Printer($"{TestNet.Block}.62.12", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.Garbage),
        Printer($"{TestNet.Block}.62.13", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.Oversized),
        Printer($"{TestNet.Block}.62.14", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.ResetOnConnect),
        Printer($"{TestNet.Block}.62.15", FlashForgeModel.Adventurer4, o => { o.Fault = FlashForgeFault.RefuseControl; o.StoredFiles = new[] { Stored }; }),
        Printer($"{TestNet.Block}.62.16", FlashForgeModel.Adventurer4, o => o.StoredFiles = new[] { Stored }),
        Printer($"{TestNet.Block}.62.17", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.WrongDiscoverySize),
        Printer($"{TestNet.Block}.62.18", FlashForgeModel.Adventurer5MPro, o => o.Fault = FlashForgeFault.Garbage),
        Printer($"{TestNet.Block}.62.19", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.SlowDrip),
    })
    { }

    public const string Stored = "cube.gx";
}

/// <summary>
/// Every bad reply gives one clear, non-terminating error with a stable id within the timeout,
/// and the other printers of the same pipeline are served as usual.
/// </summary>
public sealed class BadInputTests : IClassFixture<FaultyFarmFixture>
{
    private readonly FaultyFarmFixture _farm;

    public BadInputTests(FaultyFarmFixture farm) => _farm = farm;

    [Fact]
    public void EachFault_GivesItsErrorId_AndTheHealthyPrinterStillAnswers()
    {
        var expected = new Dictionary<string, (string Id, ErrorCategory Category)>
        {
            [$"{TestNet.Block}.62.10"] = ("PrinterTimeout", ErrorCategory.OperationTimeout),        // never answers
            [$"{TestNet.Block}.62.11"] = ("PrinterProtocolError", ErrorCategory.InvalidData),       // half a reply, then close
            [$"{TestNet.Block}.62.12"] = ("PrinterProtocolError", ErrorCategory.InvalidData),       // random bytes
            [$"{TestNet.Block}.62.13"] = ("PrinterProtocolError", ErrorCategory.InvalidData),       // endless line
            [$"{TestNet.Block}.62.14"] = ("PrinterUnreachable", ErrorCategory.ConnectionError),     // reset on connect
            [$"{TestNet.Block}.62.30"] = ("PrinterUnreachable", ErrorCategory.ConnectionError),     // nothing listens
        };
        var answering = new[] { $"{TestNet.Block}.62.15", $"{TestNet.Block}.62.16" };
        var addresses = string.Join(",", expected.Keys.Concat(answering).Select(a => $"'{a}'"));

        var result = _farm.Session.Run($"{addresses} | Get-PrinterStatus -Vendor FlashForge -Timeout 1");

        Assert.Null(result.Terminating);
        // .15 refuses control ("Control failed."): status needs none, so it answers too.
        Assert.Equal(answering, result.Objects<PrinterStatus>().Select(s => s.Address).OrderBy(a => a, StringComparer.Ordinal));
        var actual = result.Errors.ToDictionary(e => e.TargetObject?.ToString() ?? "", e => (e.FullyQualifiedErrorId.Split(',')[0], e.CategoryInfo.Category));
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        Assert.All(result.Errors, e => Assert.IsType<PrinterException>(e.Exception));
        Assert.All(result.Errors, e => Assert.Contains(e.TargetObject!.ToString()!, e.Exception.Message));
    }

    /// <summary>Each console fault against each cmdlet it applies to: the error id per printer; "" where it answers.</summary>
    public static TheoryData<string, string> FaultMatrix() => new()
    {
        { "Get-PrinterStatus -Vendor FlashForge", "Timeout Protocol Protocol Protocol Unreachable - Timeout" },
        { "Send-PrinterGcode -Vendor FlashForge -Gcode 'M105' -Force", "Timeout Protocol Protocol Protocol Unreachable Busy Timeout" },
        { $"Start-PrinterJob -Vendor FlashForge -FileName '{FaultyFarmFixture.Stored}'", "Timeout Protocol Protocol Protocol Unreachable Busy Timeout" },
        { $"Receive-PrinterFile -Vendor FlashForge -FileName '{FaultyFarmFixture.Stored}' -Thumbnail -Force -Destination ([System.IO.Path]::GetTempPath())", "Timeout Protocol Protocol Protocol Unreachable - Timeout" },
    };

    [Theory]
    [MemberData(nameof(FaultMatrix))]
    public void EveryConsoleFault_GivesItsOwnErrorId_InEveryCmdlet_AndTheHealthyPrinterIsServed(string command, string ids)
    {
        // Silent, Truncated, Garbage, Oversized, ResetOnConnect, RefuseControl, SlowDrip; then the healthy one.
        var faulty = new[] { 10, 11, 12, 13, 14, 15, 19 }.Select(i => $"{TestNet.Block}.62.{i}").ToArray();
        var expected = faulty.Zip(ids.Split(' '), (address, id) => (address, id)).Where(e => e.id != "-")
            .ToDictionary(e => e.address, e => "Printer" + (e.id == "Protocol" ? "ProtocolError" : e.id));
        var addresses = string.Join(",", faulty.Append($"{TestNet.Block}.62.16").Select(a => $"'{a}'"));
        var parameter = command.StartsWith("Send-", StringComparison.Ordinal) ? "-Address " + addresses : "";
        var script = parameter.Length > 0 ? $"Send-PrinterGcode {parameter} {command.Substring("Send-PrinterGcode ".Length)} -Timeout 1" : $"{addresses} | {command} -Timeout 1";

        var result = _farm.Session.Run(script);

        Assert.Null(result.Terminating);
        var actual = result.Errors.ToDictionary(e => e.TargetObject?.ToString() ?? "", e => e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        // Every printer that had no error answered: the healthy one, and the fault that does not apply.
        Assert.Equal(faulty.Length + 1 - expected.Count, result.Output.Count);
    }

    [Fact]
    public void RefusedControl_IsNeverReleasedByUs_AndGrantedControlAlwaysIs()
    {
        var busy = _farm.Farm.Printers.Single(p => p.Options.Fault == FlashForgeFault.RefuseControl);
        var healthy = _farm.Farm.Printers.Single(p => p.Address.ToString() == $"{TestNet.Block}.62.16");
        busy.ResetCounters();
        healthy.ResetCounters();

        var result = _farm.Session.Run($"Send-PrinterGcode -Address '{TestNet.Block}.62.15', '{TestNet.Block}.62.16' -Vendor FlashForge -Gcode 'M105' -Force -Timeout 2");

        Assert.Equal(new[] { "PrinterBusy" }, result.ErrorIds);
        // M602 on a session we never got would release someone else's.
        Assert.DoesNotContain("M602", busy.ReceivedCommands);
        Assert.Equal("M602", healthy.ReceivedCommands.Last());
        Assert.False(healthy.ControlHeld);
    }

    [Fact]
    public void ErrorActionStop_MakesThePrinterErrorTerminating()
    {
        var result = _farm.Session.Run($"try {{ Get-PrinterStatus -Address {TestNet.Block}.62.10 -Vendor FlashForge -Timeout 0.5 -ErrorAction Stop; 'not reached' }} catch {{ $_.FullyQualifiedErrorId }}");

        Assert.Equal("PrinterTimeout,PrinterTools.Commands.GetPrinterStatusCommand", Assert.Single(result.Output).ToString());
    }

    [Fact]
    public void DiscoveryReplyOfTheWrongSize_IsAProtocolError_AndTheHostIsStillIdentifiedOverTcp()
    {
        var result = _farm.Session.Run($"Find-Printer -Address {TestNet.Block}.62.17 -Timeout 1");

        var error = Assert.Single(result.Errors);
        Assert.Equal("PrinterProtocolError,PrinterTools.Commands.FindPrinterCommand", error.FullyQualifiedErrorId);
        Assert.Contains("100-byte", error.Exception.Message);
        var printer = Assert.Single(result.Objects<PrinterInfo>());
        Assert.Equal("Adventurer 4", printer.Model);
    }

    [Fact]
    public void SilentAddress_IsReportedByFindPrinter()
    {
        var result = _farm.Session.Run($"Find-Printer -Address {TestNet.Block}.62.31 -Timeout 0.5");

        Assert.Empty(result.Output);
        Assert.Equal(new[] { "PrinterUnreachable" }, result.ErrorIds);
    }

    [Fact]
    public void GarbageOverHttp_IsAProtocolError()
    {
        var result = _farm.Session.Run($"Get-PrinterStatus -Address {TestNet.Block}.62.18 -Vendor FlashForge -Credential ([pscredential]::new('SN1', $code)) -Timeout 1",
            new() { ["code"] = ModuleSession.Secure("1234") });

        Assert.Equal(new[] { "PrinterProtocolError" }, result.ErrorIds);
    }
}
