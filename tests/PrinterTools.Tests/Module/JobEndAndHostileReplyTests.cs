using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>Printers whose jobs move, stall or go away, and printers that send hostile replies, on 127.R.77.x.</summary>
public sealed class JobEndFarmFixture : FarmFixture
{
    public const string Stored = "long-print.gx";

    public JobEndFarmFixture() : base(new[]
    {
        // Jobs here take two seconds from start to Completed, on the real clock.
        Printer($"{TestNet.Block}.77.10", FlashForgeModel.Adventurer4, o => { o.StoredFiles = new[] { Stored }; o.JobDuration = TimeSpan.FromSeconds(2); }),
        // Jobs here take a day: they end only when a test says so.
        Printer($"{TestNet.Block}.77.11", FlashForgeModel.Adventurer4, o => { o.StoredFiles = new[] { Stored }; o.JobDuration = TimeSpan.FromDays(1); }),
        Printer($"{TestNet.Block}.77.12", FlashForgeModel.Adventurer4, o => { o.StoredFiles = new[] { Stored }; o.JobDuration = TimeSpan.FromSeconds(1); o.Fault = FlashForgeFault.StalledJob; }),
        Printer($"{TestNet.Block}.77.13", FlashForgeModel.Adventurer4, o => { o.StoredFiles = new[] { Stored }; o.JobDuration = TimeSpan.FromDays(1); }),
        Printer($"{TestNet.Block}.77.14", FlashForgeModel.Adventurer5MPro, o => { o.StoredFiles = new[] { Stored }; o.JobDuration = TimeSpan.FromDays(1); }),
        Printer($"{TestNet.Block}.77.15", FlashForgeModel.Adventurer5MPro, o => o.Fault = FlashForgeFault.EchoCheckCode),
        Printer($"{TestNet.Block}.77.16", FlashForgeModel.Adventurer5MPro, o => o.Fault = FlashForgeFault.NoisySnapshot),
        Printer($"{TestNet.Block}.77.17", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.RefuseUpload),
        Printer($"{TestNet.Block}.77.18", FlashForgeModel.Adventurer4),
        Printer($"{TestNet.Block}.77.19", FlashForgeModel.Adventurer4, o => { o.StoredFiles = new[] { Stored }; o.JobDuration = TimeSpan.FromDays(1); }),
        Printer($"{TestNet.Block}.77.20", FlashForgeModel.Adventurer4, o => { o.StoredFiles = new[] { Stored }; o.JobDuration = TimeSpan.FromDays(1); }),
    })
    {
        Folder = Directory.CreateTempSubdirectory("printertools-jobend-").FullName;
        GcodeFile = Path.Combine(Folder, "cube.gx");
        // G-code text: sent after a refused M28, the console would read it as commands.
        File.WriteAllText(GcodeFile, string.Concat(Enumerable.Repeat("G1 X10 Y10 F3000\nG1 X20 Y20\n", 400)));
    }

    public string Folder { get; }
    public string GcodeFile { get; }

    public string Address(int last) => $"{TestNet.Block}.77.{last}";

    public System.Collections.Generic.Dictionary<string, object?> Credential(int last)
    {
        var options = At(Address(last)).Options;
        return new() { ["cred"] = new PSCredential(options.SerialNumber, ModuleSession.Secure(options.CheckCode)) };
    }
}

/// <summary>Start-PrinterJob -Wait ends for every reason a job ends; hostile replies reach no stream.</summary>
public sealed class JobEndAndHostileReplyTests : IClassFixture<JobEndFarmFixture>
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly JobEndFarmFixture _farm;

    public JobEndAndHostileReplyTests(JobEndFarmFixture farm) => _farm = farm;

    [Fact]
    public void Wait_FollowsAJobThatProgresses_ToCompleted()
    {
        var result = _farm.Session.Run(
            $"Start-PrinterJob -Address {_farm.Address(10)} -Vendor FlashForge -FileName '{JobEndFarmFixture.Stored}' -Wait -PollInterval 0.2");

        result.AssertNoErrors();
        var job = Assert.Single(result.Objects<PrinterJob>());
        Assert.Equal(PrinterState.Completed, job.State);
        Assert.Equal(100, job.FinalStatus!.Progress);
        // The progress bar saw the job on its way, not only its end.
        Assert.Contains(result.Progress, p => p.StatusDescription.StartsWith("Printing", StringComparison.Ordinal) && p.PercentComplete is > 0 and < 100);
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(14, true)]
    public async Task Wait_EndsAsStopped_WhenTheJobIsCancelledOnThePrinter(int last, bool overHttp)
    {
        var printer = _farm.At(_farm.Address(last));
        printer.ResetCounters();
        using var wait = WaitSeesPrinting(last, "-PollInterval 0.2" + (overHttp ? " -Credential $cred" : ""), overHttp ? _farm.Credential(last)["cred"] : null);
        // As if someone pressed cancel on the printer's screen.
        Assert.True(printer.CancelJob());

        await wait.EndedAsync("-Wait did not notice the cancel");

        var job = (PrinterJob)Assert.Single(wait.Output).BaseObject;
        Assert.Equal(PrinterState.Stopped, job.State);
        Assert.Contains(wait.Ps.Streams.Warning, w => w.Message.Contains("ended Stopped"));
        Assert.Empty(wait.Ps.Streams.Error);
    }

    [Fact]
    public void Wait_EndsAtTheWaitTimeout_ForAJobThatNeverProgresses()
    {
        var result = _farm.Session.Run(
            $"Start-PrinterJob -Address {_farm.Address(12)} -Vendor FlashForge -FileName '{JobEndFarmFixture.Stored}' -Wait -PollInterval 0.2 -WaitTimeout 2");

        Assert.Empty(result.Output);
        Assert.Equal(new[] { "PrinterTimeout" }, result.ErrorIds);
        Assert.Contains("still Printing at 0 % after the -WaitTimeout of 2 s", result.Errors[0].Exception.Message);
    }

    [Fact]
    public async Task Wait_EndsWithAnError_WhenThePrinterStopsAnswering()
    {
        var printer = _farm.At(_farm.Address(13));
        using var wait = WaitSeesPrinting(13, "-PollInterval 0.2 -Timeout 1");
        try
        {
            printer.Options.Fault = FlashForgeFault.Silent;

            await wait.EndedAsync("-Wait went on waiting for a printer that stopped answering");

            var error = Assert.Single(wait.Ps.Streams.Error);
            Assert.StartsWith("PrinterTimeout", error.FullyQualifiedErrorId);
            Assert.Contains("stopped answering", error.Exception.Message);
        }
        finally
        {
            printer.Options.Fault = FlashForgeFault.None;
            printer.CancelJob();
        }
    }

    [Fact]
    public async Task Wait_EndsAtTheWaitTimeout_WhileThePrinterRefusesConnections_WithoutHammeringIt()
    {
        var printer = _farm.At(_farm.Address(19));
        // A -WaitTimeout well past the set-up, so that a loaded machine cannot spend it before the fault is on.
        using var wait = WaitSeesPrinting(19, "-PollInterval 0.5 -WaitTimeout 6 -Timeout 30");
        try
        {
            var before = printer.TotalConnections;
            printer.Options.Fault = FlashForgeFault.ResetOnConnect;

            await wait.EndedAsync("-Wait went past its -WaitTimeout");

            var error = Assert.Single(wait.Ps.Streams.Error);
            Assert.StartsWith("PrinterTimeout", error.FullyQualifiedErrorId);
            Assert.Contains("-WaitTimeout of 6 s", error.Exception.Message);
            // One attempt per -PollInterval at most: 6 s / 0.5 s, and a little slack. Failing reads
            // once came back at once, tens of thousands of connections a second.
            Assert.InRange(printer.TotalConnections - before, 1, 6 / 0.5 + 2);
        }
        finally
        {
            printer.Options.Fault = FlashForgeFault.None;
            printer.CancelJob();
        }
    }

    [Fact]
    public async Task Wait_GoesOn_AfterOneFailedRead_EvenWhenThePollIntervalIsLongerThanTheTimeout()
    {
        var printer = _farm.At(_farm.Address(20));
        using var wait = WaitSeesPrinting(20, "-PollInterval 1.5 -Timeout 1");
        try
        {
            // Exactly one read fails: the printer resets one connection, then answers again.
            var before = printer.TotalConnections;
            printer.Options.Fault = FlashForgeFault.ResetOnConnect;
            Assert.True(SpinWait.SpinUntil(() => printer.TotalConnections > before, Guard), "no read was tried");
            printer.Options.Fault = FlashForgeFault.None;
            var afterFailure = printer.TotalConnections;
            Assert.True(SpinWait.SpinUntil(() => printer.TotalConnections > afterFailure, Guard), "-Wait did not read again");
            Assert.True(printer.FinishJob());

            await wait.EndedAsync("-Wait did not notice the end");

            Assert.Empty(wait.Ps.Streams.Error);
            Assert.Equal(PrinterState.Completed, ((PrinterJob)Assert.Single(wait.Output).BaseObject).State);
        }
        finally
        {
            printer.Options.Fault = FlashForgeFault.None;
        }
    }

    /// <summary>Starts Start-PrinterJob -Wait on a printer in the background; returns once -Wait has seen the job printing.</summary>
    private WaitInBackground WaitSeesPrinting(int last, string options, object? credential = null)
    {
        var ps = _farm.Session.Engine.CreatePowerShell();
        ps.Runspace.SessionStateProxy.SetVariable("cred", credential);
        ps.AddScript($"Start-PrinterJob -Address {_farm.Address(last)} -Vendor FlashForge -FileName '{JobEndFarmFixture.Stored}' -Wait {options}");
        var wait = new WaitInBackground(ps);
        Assert.True(SpinWait.SpinUntil(() => ps.Streams.Progress.Any(p => p.StatusDescription.StartsWith("Printing", StringComparison.Ordinal)), Guard), "-Wait never saw the job printing");
        return wait;
    }

    private sealed class WaitInBackground : IDisposable
    {
        private readonly IAsyncResult _running;

        public WaitInBackground(PowerShell ps)
        {
            Ps = ps;
            _running = ps.BeginInvoke<PSObject, PSObject>(null, Output);
        }

        public PowerShell Ps { get; }
        public PSDataCollection<PSObject> Output { get; } = new();

        public Task EndedAsync(string hung) => TestGuard.AgainstHangAsync(Task.Factory.FromAsync(_running, _ => { }), hung);

        public void Dispose() => Ps.Dispose();
    }

    [Fact]
    public void ACheckCodeThePrinterRepeats_ReachesNoStream()
    {
        var options = _farm.At(_farm.Address(15)).Options;
        var result = _farm.Session.Run(
            $"Get-PrinterStatus -Address {_farm.Address(15)} -Vendor FlashForge -Credential $cred -Verbose; " +
            $"Start-PrinterJob -Address {_farm.Address(15)} -Vendor FlashForge -Credential $cred -Path '{_farm.GcodeFile}' -Verbose",
            _farm.Credential(15));

        Assert.Equal(2, result.Errors.Count);
        // The printer's own words are kept, minus the secret.
        Assert.Contains(result.Errors, e => e.Exception.Message.Contains("check code *** is wrong"));
        Assert.DoesNotContain(options.CheckCode, result.AllText());
    }

    [Fact]
    public void NoiseBetweenJpegMarkers_IsAProtocolError_AndNoFileIsWritten()
    {
        var destination = Path.Combine(_farm.Folder, "snapshot-" + Guid.NewGuid().ToString("N") + ".jpg");

        var result = _farm.Session.Run($"Receive-PrinterFile -Address {_farm.Address(16)} -Vendor FlashForge -Snapshot -Destination '{destination}' -Timeout 5");

        Assert.Empty(result.Output);
        Assert.Equal(new[] { "PrinterProtocolError" }, result.ErrorIds);
        Assert.Contains("not a JPEG picture", result.Errors[0].Exception.Message);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public void AnUploadRefusedWithAnError_SendsNoByteOfTheFile()
    {
        var printer = _farm.At(_farm.Address(17)); // M28: "Error: cannot open file"
        printer.ResetCounters();

        var result = _farm.Session.Run($"Start-PrinterJob -Address {_farm.Address(17)} -Vendor FlashForge -Path '{_farm.GcodeFile}'");

        Assert.Equal(new[] { "PrinterProtocolError" }, result.ErrorIds);
        Assert.Contains("cannot open file", result.Errors[0].Exception.Message);
        Assert.True(SpinWait.SpinUntil(() => printer.OpenConnections == 0, Guard));
        Assert.Equal(0, printer.BytesReceivedAfterRefusedUpload);
        Assert.Equal(0, printer.JobsStarted);
        Assert.DoesNotContain(printer.ReceivedCommands, c => c.StartsWith("G1", StringComparison.Ordinal));
    }

    [Fact]
    public void StatusIsRead_WhileAnotherClientHoldsControl()
    {
        var printer = _farm.At(_farm.Address(18));
        Assert.True(printer.HoldControlByAnotherClient());
        try
        {
            var status = _farm.Session.Run($"Get-PrinterStatus -Address {_farm.Address(18)} -Vendor FlashForge");
            var gcode = _farm.Session.Run($"Send-PrinterGcode -Address {_farm.Address(18)} -Vendor FlashForge -Gcode 'M105' -Force");

            status.AssertNoErrors();
            Assert.Single(status.Objects<PrinterStatus>());
            Assert.Equal(new[] { "PrinterBusy" }, gcode.ErrorIds);
        }
        finally
        {
            printer.ReleaseControlByAnotherClient();
        }
    }
}

/// <summary>A farm that answers discovery sent to its loopback segment address, as printers on one LAN answer a broadcast.</summary>
public sealed class LoopbackBroadcastTests : IAsyncLifetime
{
    private VirtualPrinterFarm? _farm;
    private ModuleSession? _session;

    public async Task InitializeAsync()
    {
        _farm = await VirtualPrinterFarm.StartDefaultAsync(TestNet.Ip("78.10"), TestNet.Ip("78.1"), jobDuration: null);
        _session = new ModuleSession();
    }

    [Fact]
    public void FindPrinter_WithTheSegmentAsBroadcastAddress_FindsTheWholeFarm()
    {
        var result = _session!.Run($"Find-Printer -BroadcastAddress {TestNet.At("78.1")} -Timeout 2");

        result.AssertNoErrors();
        Assert.Equal(
            _farm!.Addresses.Select(a => a.ToString()).OrderBy(a => a, StringComparer.Ordinal),
            result.Objects<PrinterInfo>().Select(p => p.Address).OrderBy(a => a, StringComparer.Ordinal));
    }

    public async Task DisposeAsync()
    {
        _session?.Dispose();
        if (_farm is not null)
        {
            await _farm.DisposeAsync();
        }
    }
}
