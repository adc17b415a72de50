using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>Printers for G-code and -Wait on 127.R.69.x.</summary>
public sealed class GcodeFarmFixture : FarmFixture
{
    public GcodeFarmFixture() : base(new[]
    {
        Printer($"{TestNet.Block}.69.10", FlashForgeModel.Adventurer4),
        Printer($"{TestNet.Block}.69.11", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.RefuseControl),
        Printer($"{TestNet.Block}.69.12", FlashForgeModel.Adventurer4, o => o.StoredFiles = new[] { "wait-for-me.gx" }),
        Printer($"{TestNet.Block}.69.13", FlashForgeModel.Adventurer5MPro),
        Printer($"{TestNet.Block}.69.14", FlashForgeModel.Adventurer4, o => o.StoredFiles = new[] { "x\u2019; Write-Host INJECTED; \u2019.gx", "plain.gx" }),
        Printer($"{TestNet.Block}.69.15", FlashForgeModel.Adventurer4),
    })
    { }
}

public sealed class GcodeAndWaitTests : IClassFixture<GcodeFarmFixture>
{
    private readonly GcodeFarmFixture _farm;

    public GcodeAndWaitTests(GcodeFarmFixture farm) => _farm = farm;

    [Fact]
    public void PipedLines_GoOverOneControlSession_OneReplyEach()
    {
        var printer = _farm.At($"{TestNet.Block}.69.10");
        printer.ResetCounters();

        var result = _farm.Session.Run($"'; purge script', 'G28', '', '~M105 ; read temperatures', 'M146 r255 g255 b255 F0' | Send-PrinterGcode -Address {TestNet.Block}.69.10 -Vendor FlashForge -Force");

        result.AssertNoErrors();
        var replies = result.Objects<PrinterGcodeReply>().ToList();
        Assert.Equal(new[] { "G28", "M105", "M146 r255 g255 b255 F0" }, replies.Select(r => r.Command));
        Assert.All(replies, r => Assert.True(r.Succeeded));
        Assert.Matches(@"T0:\d+", replies[1].Response);
        // Control taken once, released once, at the end.
        Assert.Equal(new[] { "M601 S1", "G28", "M105", "M146 r255 g255 b255 F0", "M602" }, printer.ReceivedCommands);
        Assert.Equal(1, printer.TotalConnections);
        Assert.False(printer.ControlHeld);
        Assert.True(printer.Options.LightOn);
    }

    [Fact]
    public void WithoutForce_TheHighImpactPromptFailsInAHostThatCannotAsk_AndNothingIsSent()
    {
        var printer = _farm.At($"{TestNet.Block}.69.10");
        printer.ResetCounters();

        var prompted = _farm.Session.Run($"Send-PrinterGcode -Address {TestNet.Block}.69.10 -Vendor FlashForge -Gcode 'G28'");
        var confirmedOff = _farm.Session.Run($"Send-PrinterGcode -Address {TestNet.Block}.69.10 -Vendor FlashForge -Gcode 'M105' -Confirm:$false");

        Assert.Empty(prompted.Output);
        // The host's own refusal to prompt, as one non-terminating error of the cmdlet.
        Assert.Null(prompted.Terminating);
        var refused = Assert.Single(prompted.Errors);
        Assert.Equal("HostFunctionNotImplemented,PrinterTools.Commands.SendPrinterGcodeCommand", refused.FullyQualifiedErrorId);
        Assert.IsType<System.Management.Automation.Host.HostException>(refused.Exception);
        confirmedOff.AssertNoErrors();
        Assert.Single(confirmedOff.Objects<PrinterGcodeReply>());
        Assert.DoesNotContain("G28", printer.ReceivedCommands);
    }

    [Fact]
    public void ControlHeldElsewhere_IsOneBusyError_NotOnePerLine()
    {
        var result = _farm.Session.Run($"'G28', 'M105', 'M114' | Send-PrinterGcode -Address {TestNet.Block}.69.11 -Vendor FlashForge -Force");

        Assert.Empty(result.Output);
        Assert.Equal(new[] { "PrinterBusy" }, result.ErrorIds);
    }

    [Fact]
    public void LineWithAControlCharacter_IsRefused_TheOthersAreSent()
    {
        var result = _farm.Session.Run($"\"G28`r`nM112\", 'M105' | Send-PrinterGcode -Address {TestNet.Block}.69.10 -Vendor FlashForge -Force");

        Assert.Equal(new[] { "PrinterInvalidArgument" }, result.ErrorIds);
        Assert.Equal("M105", Assert.Single(result.Objects<PrinterGcodeReply>()).Command);
    }

    [Fact]
    public void Wait_FollowsTheJobUntilItEnds_AndReturnsTheFinalStatus()
    {
        var printer = _farm.At($"{TestNet.Block}.69.12");
        using var ps = _farm.Session.Engine.CreatePowerShell();
        ps.AddScript($"Start-PrinterJob -Address {TestNet.Block}.69.12 -Vendor FlashForge -FileName 'wait-for-me.gx' -Wait -PollInterval 0.2 -LevelBed");
        var output = new PSDataCollection<PSObject>();
        var running = ps.BeginInvoke<PSObject, PSObject>(null, output);

        Assert.True(SpinWait.SpinUntil(() => printer.JobsStarted == 1, TimeSpan.FromSeconds(10)), "the job never started");
        Assert.True(SpinWait.SpinUntil(() => ps.Streams.Progress.Any(p => p.StatusDescription.Contains("Printing")), TimeSpan.FromSeconds(10)), "no progress while printing");
        Assert.False(running.IsCompleted);
        printer.Options.ProgressPercent = 100;
        printer.Options.State = VirtualJobState.Completed;
        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "-Wait did not notice the end");
        ps.EndInvoke(running);

        var job = (PrinterJob)Assert.Single(output).BaseObject;
        // The console cannot level before a print: said, not silently dropped.
        Assert.Contains("-LevelBed", Assert.Single(ps.Streams.Warning).Message);
        Assert.Equal(PrinterState.Completed, job.State);
        Assert.Equal(PrinterState.Completed, job.FinalStatus!.State);
        Assert.Equal(100, job.FinalStatus.Progress);
    }

    [Theory]
    [InlineData("& { $WhatIfPreference = $true; Send-PrinterGcode -Address @net.69.10 -Vendor FlashForge -Gcode 'G28' -Force }")]
    [InlineData("function Invoke-Homing { [CmdletBinding(SupportsShouldProcess)] param() Send-PrinterGcode -Address @net.69.10 -Vendor FlashForge -Gcode 'G28' -Force }; Invoke-Homing -WhatIf")]
    public void Force_NeverOverridesWhatIf(string script)
    {
        script = TestNet.Expand(script);
        var printer = _farm.At($"{TestNet.Block}.69.10");
        printer.ResetCounters();

        var result = _farm.Session.Run(script);

        result.AssertNoErrors();
        Assert.Empty(result.Output);
        Assert.Equal(0, printer.TotalConnections);
    }

    [Fact]
    public void ObjectsThatAreNotLines_AreNeverSentAsGcode()
    {
        var printer = _farm.At($"{TestNet.Block}.69.10");
        printer.ResetCounters();

        var result = _farm.Session.Run($"[PrinterTools.PrinterInfo]@{{ Name = 'G28 Farm'; Address = '{TestNet.Block}.69.10' }} | Send-PrinterGcode -Address {TestNet.Block}.69.10 -Vendor FlashForge -Force");

        Assert.Empty(result.Output);
        Assert.Contains("ParameterArgumentTransformationError", result.Errors.Single().FullyQualifiedErrorId);
        Assert.Equal(0, printer.TotalConnections);
    }

    [Fact]
    public void FileNameCompletion_QuotesNamesFromThePrinterSoTheyStayOneString()
    {
        using var ps = _farm.Session.Engine.CreatePowerShell();
        var line = $"Receive-PrinterFile -Address {TestNet.Block}.69.14 -Vendor FlashForge -Thumbnail -FileName ";
        var completion = CommandCompletion.CompleteInput(line, line.Length, null, ps);

        Assert.Equal(2, completion.CompletionMatches.Count);
        foreach (var match in completion.CompletionMatches)
        {
            var ast = System.Management.Automation.Language.Parser.ParseInput(line + match.CompletionText, out _, out var errors);
            Assert.Empty(errors);
            Assert.Single(ast.EndBlock.Statements);
        }
    }

    [Fact]
    public void FileNameWithALineBreak_IsRefusedBeforeAnythingIsSent()
    {
        var printer = _farm.At($"{TestNet.Block}.69.10");
        printer.ResetCounters();

        var result = _farm.Session.Run($"try {{ Receive-PrinterFile -Address {TestNet.Block}.69.10 -Vendor FlashForge -Thumbnail -FileName \"a.gx`r`n~M26\" }} catch {{ $_.FullyQualifiedErrorId }}");

        Assert.Equal("PrinterInvalidArgument,PrinterTools.Commands.ReceivePrinterFileCommand", Assert.Single(result.Output).ToString());
        Assert.Equal(0, printer.TotalConnections);
    }

    [Theory]
    [InlineData("Start-PrinterJob -Address @net.69.12 -Vendor FlashForge -FileName wa")]
    [InlineData("Receive-PrinterFile -Address @net.69.12 -FileName wa")]
    public void FileName_CompletesFromTheFilesOnThePrinter(string line)
    {
        line = TestNet.Expand(line);
        using var ps = _farm.Session.Engine.CreatePowerShell();
        var completion = CommandCompletion.CompleteInput(line, line.Length, null, ps);

        Assert.Equal(new[] { "'wait-for-me.gx'" }, completion.CompletionMatches.Select(m => m.CompletionText));
        Assert.False(_farm.At($"{TestNet.Block}.69.12").ControlHeld);
    }

    [Fact]
    public void ModernPrinterWithoutCheckCode_ExplainsThatUploadsNeedIt()
    {
        var printer = _farm.At($"{TestNet.Block}.69.13");
        var file = System.IO.Path.Combine(System.IO.Directory.CreateTempSubdirectory("printertools-5m-").FullName, "part.gx");
        System.IO.File.WriteAllText(file, "G28\n");

        var result = _farm.Session.Run($"Start-PrinterJob -Address {TestNet.Block}.69.13 -Vendor FlashForge -Path $path", new() { ["path"] = file });

        Assert.Equal(new[] { "PrinterAuthenticationFailed" }, result.ErrorIds);
        Assert.Contains("check code", result.Errors[0].Exception.Message);
        Assert.Equal(0, printer.BytesReceived);
        Assert.False(printer.ControlHeld);
    }
}
