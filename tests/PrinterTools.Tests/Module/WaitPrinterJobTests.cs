using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>Printers of every vendor on 127.R.172.x whose jobs finish, are stopped on the printer, or whose printer goes silent.</summary>
public sealed class WaitFarmFixture : MixedFarmFixture
{
    public static string At(int host) => $"{TestNet.Block}.172.{host}";

    public static readonly TimeSpan JobLength = TimeSpan.FromSeconds(3);

    public WaitFarmFixture() : base(Printers()) { }

    private static (FlashForgePrinterOptions[], ElegooPrinterOptions[], CrealityPrinterOptions[]) Printers()
    {
        var flashForge = new[] { 10, 11, 12, 13 }.Select(host => new FlashForgePrinterOptions
        {
            Address = IPAddress.Parse(At(host)),
            Model = host == 11 ? FlashForgeModel.Adventurer4 : FlashForgeModel.Adventurer5MPro,
            Name = $"FF {host}",
            SerialNumber = $"SNWAIT0172{host:D3}",
            State = host == 12 ? VirtualJobState.Idle : VirtualJobState.Printing,
            CurrentFile = host == 12 ? null : "part.gcode",
            // 11 prints on until the test silences it.
            JobDuration = host == 11 ? null : JobLength,
        }).ToArray();
        var elegoo = new[]
        {
            new ElegooPrinterOptions
            {
                Address = IPAddress.Parse(At(20)), Family = ElegooFamily.CentauriCarbon, Name = "Elegoo 20",
                MainboardId = "385b1f950107625d00004c0000172020", State = ElegooJobState.Printing, CurrentFile = "part.gcode",
                TotalLayers = 100, JobDuration = JobLength,
            },
        };
        var creality = new[] { 30, 31, 32 }.Select(host => new CrealityPrinterOptions
        {
            Address = IPAddress.Parse(At(host)),
            Model = host == 31 ? CrealityModel.K2Plus : CrealityModel.K1C,
            Name = $"Creality {host}",
            MacAddress = $"aabbcc0172{host:x2}",
            StoredFiles = new[] { "part.gcode" },
            FileName = "part.gcode",
            TotalLayers = 100,
            State = host == 32 ? CrealityJobState.Stopped : CrealityJobState.Printing,
            Progress = host == 32 ? 35 : 0,
            // 31 prints on until the test stops it on the printer.
            JobDuration = host == 30 ? JobLength : null,
            PhaseTime = TimeSpan.Zero,
            PushInterval = TimeSpan.FromMilliseconds(50),
        }).ToArray();
        return (flashForge, elegoo, creality);
    }
}

/// <summary>Wait-PrinterJob end to end: a farm's jobs that finish, fail and go silent, told apart by outputs and errors.</summary>
public sealed class WaitPrinterJobTests : IClassFixture<WaitFarmFixture>
{
    private readonly WaitFarmFixture _farm;

    public WaitPrinterJobTests(WaitFarmFixture farm) => _farm = farm;

    private static string At(int host) => WaitFarmFixture.At(host);

    /// <summary>Starts the job of each printer again from 0 %: the fixture's jobs may have ended before the test runs.</summary>
    private void Restart(params int[] hosts)
    {
        foreach (var printer in _farm.Farm.Printers.Where(p => hosts.Contains(p.Address.GetAddressBytes()[3])))
        {
            printer.Options.ProgressPercent = 0;
            printer.Options.State = VirtualJobState.Printing;
        }
        foreach (var printer in _farm.Farm.ElegooPrinters.Where(p => hosts.Contains(p.Address.GetAddressBytes()[3])))
        {
            printer.Options.ProgressPercent = 0;
            printer.Options.State = ElegooJobState.Printing;
        }
        foreach (var printer in _farm.Farm.CrealityPrinters.Where(p => hosts.Contains(p.Address.GetAddressBytes()[3])))
        {
            printer.Options.Progress = 0;
            printer.Options.State = CrealityJobState.Printing;
        }
    }

    [Fact]
    public void JobsThatFinish_EndCompleted_OnePrinterIdleFromTheStart_WithAProgressBarPerPrinter()
    {
        Restart(10, 20, 30);
        var result = _farm.Session.Run($"Wait-PrinterJob -Address {At(10)},{At(20)},{At(30)},{At(12)} -PollInterval 0.1");

        result.AssertNoErrors();
        var statuses = result.Objects<PrinterStatus>().ToDictionary(s => s.Address);
        Assert.Equal(4, statuses.Count);
        Assert.Equal(PrinterState.Completed, statuses[At(10)].State);
        Assert.Equal(PrinterState.Completed, statuses[At(20)].State);
        Assert.Equal(PrinterState.Completed, statuses[At(30)].State);
        Assert.Equal(PrinterState.Idle, statuses[At(12)].State);
        // Each waiting printer had a bar of its own, and each bar was closed.
        var bars = result.Progress.GroupBy(p => p.ActivityId).ToList();
        Assert.True(bars.Count >= 3, $"{bars.Count} progress bars");
        Assert.All(bars, bar => Assert.Equal(ProgressRecordType.Completed, bar.Last().RecordType));
        Assert.Contains(result.Progress, p => p.StatusDescription.StartsWith("Printing 'part.gcode'", StringComparison.Ordinal) && p.PercentComplete < 100);
    }

    [Fact]
    public async Task AFarmThatFinishes_Fails_AndGoesSilent_GivesTheRightMixOfStatusesAndErrors()
    {
        var stoppedOnItsScreen = _farm.CrealityAt(31);
        var goesSilent = _farm.FlashForgeAt(11);
        Restart(13);
        goesSilent.ResetCounters();
        stoppedOnItsScreen.ResetCounters();
        using var ps = _farm.Session.Engine.CreatePowerShell();
        ps.AddScript($"Wait-PrinterJob -Address {At(13)},{At(31)},{At(11)} -PollInterval 0.1 -ReadTimeout 1");
        var running = ps.BeginInvoke();

        // Both are being waited on (the FlashForge printer's second connection is the wait's own first read, after
        // the one that found its job); then one is stopped on the printer and the other stops answering.
        await TestGuard.AgainstHangAsync(Task.Run(() => SpinWait.SpinUntil(() => stoppedOnItsScreen.TotalWebSockets >= 1 && goesSilent.TotalConnections >= 2, TestGuard.Limit)), "the first reads");
        Assert.True(stoppedOnItsScreen.Options.Stop());
        goesSilent.Options.Fault = FlashForgeFault.Silent;
        var output = await Task.Factory.FromAsync(running, ps.EndInvoke).WaitAsync(TestGuard.Limit);
        goesSilent.Options.Fault = FlashForgeFault.None;

        var statuses = output.Select(o => o.BaseObject).OfType<PrinterStatus>().ToDictionary(s => s.Address);
        Assert.Equal(PrinterState.Completed, statuses[At(13)].State);
        Assert.Equal(PrinterState.Stopped, statuses[At(31)].State);
        Assert.False(statuses.ContainsKey(At(11)));
        var errors = ps.Streams.Error.ToDictionary(e => e.TargetObject?.ToString() ?? "", e => e.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal("PrinterJobFailed", errors[At(31)]);
        Assert.Equal("PrinterTimeout", errors[At(11)]);
        Assert.Equal(2, errors.Count);
        Assert.Contains("stopped answering", ps.Streams.Error.Single(e => e.TargetObject?.ToString() == At(11)).Exception.Message);
    }

    [Fact]
    public void AFailedJob_SetsDollarQuestionFalse_AndTheHostsExitCode()
    {
        var script = $"Wait-PrinterJob -Address {At(32)} -PollInterval 0.1 -ErrorAction SilentlyContinue; $?";

        var result = _farm.Session.Run(script);
        var exitCode = _farm.Session.Engine.RunScript($"Wait-PrinterJob -Address {At(32)} -PollInterval 0.1");

        Assert.Equal(PrinterState.Stopped, Assert.Single(result.Objects<PrinterStatus>()).State);
        Assert.Equal(false, result.Output.Last().BaseObject);
        Assert.Equal(1, exitCode);
    }
}
