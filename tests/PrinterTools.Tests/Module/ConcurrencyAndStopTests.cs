using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>Six slow printers on 127.R.63.x: each reply takes 150 ms, so queries overlap only if run concurrently.</summary>
public sealed class SlowFarmFixture : FarmFixture
{
    public SlowFarmFixture() : base(Enumerable.Range(10, 6).Select(i =>
        Printer($"{TestNet.Block}.63.{i}", FlashForgeModel.Adventurer4, o => o.Latency = TimeSpan.FromMilliseconds(150))))
    { }
}

/// <summary>Concurrency is proven by the virtual printers' own counters, not by timing.</summary>
[Collection("Slow farm")]
public sealed class ConcurrencyAndStopTests : IClassFixture<SlowFarmFixture>
{
    private readonly SlowFarmFixture _farm;

    public ConcurrencyAndStopTests(SlowFarmFixture farm) => _farm = farm;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void GetPrinterStatus_QueriesAsManyPrintersAtOnceAsTheThrottleAllows(int throttle)
    {
        _farm.Farm.ResetCounters();

        var result = _farm.Session.Run($"{_farm.AddressList} | Get-PrinterStatus -Vendor FlashForge -ThrottleLimit {throttle}");

        result.AssertNoErrors();
        Assert.Equal(6, result.Objects<PrinterStatus>().Count());
        Assert.Equal(throttle, _farm.Farm.MaxConcurrentConnections);
        // Status is read without the control session, which a slicer may hold meanwhile.
        Assert.Equal(0, _farm.Farm.MaxConcurrentControlSessions);
    }

    [Fact]
    public void GetPrinterStatus_WritesEachResultAsItArrives_NotInInputOrder()
    {
        // The first printer is slowed far beyond the others: it must come out last.
        var slow = _farm[0];
        slow.Options.Latency = TimeSpan.FromMilliseconds(600);
        try
        {
            var result = _farm.Session.Run($"{_farm.AddressList} | Get-PrinterStatus -Vendor FlashForge");

            result.AssertNoErrors();
            Assert.Equal(slow.Address.ToString(), result.Objects<PrinterStatus>().Last().Address);
        }
        finally
        {
            slow.Options.Latency = TimeSpan.FromMilliseconds(150);
        }
    }

    [Fact]
    public void Stop_EndsThePipelinePromptly_AndReleasesControl()
    {
        var printer = _farm[5];
        printer.Options.Latency = TimeSpan.FromSeconds(2);
        try
        {
            printer.ResetCounters();
            using var ps = _farm.Session.Engine.CreatePowerShell();
            ps.AddScript($"Get-PrinterStatus -Address {printer.Address} -Vendor FlashForge -Timeout 60");
            var running = ps.BeginInvoke();
            Assert.True(SpinWait.SpinUntil(() => printer.ControlHeld, TimeSpan.FromSeconds(10)), "control was never taken");

            var clock = Stopwatch.StartNew();
            ps.Stop();
            clock.Stop();

            Assert.True(running.IsCompleted);
            Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            // M602 goes out even though the user cancelled; the printer reads it once it is free.
            Assert.True(SpinWait.SpinUntil(() => printer.ReceivedCommands.Contains("M602") && !printer.ControlHeld, TimeSpan.FromSeconds(10)),
                "control was not released: " + string.Join(",", printer.ReceivedCommands));
            // Stopping waits only for the release (2 s at most), never for the 60 s timeout.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Stop took {clock.Elapsed}");
        }
        finally
        {
            printer.Options.Latency = TimeSpan.FromMilliseconds(150);
        }
    }
}
