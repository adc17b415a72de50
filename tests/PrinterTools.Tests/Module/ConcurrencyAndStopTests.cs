using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
        Assert.Equal(throttle, _farm.Farm.MaxConcurrentCommands);
        // Status is read without the control session, which a slicer may hold meanwhile.
        Assert.Equal(0, _farm.Farm.MaxConcurrentControlSessions);
    }

    [Fact]
    public void GetPrinterStatus_WritesEachResultAsItArrives_NotInInputOrder()
    {
        // The first printer never answers: if results waited for input order, none would come out at all.
        var silent = _farm[0];
        silent.Options.Fault = FlashForgeFault.Silent;
        using var ps = _farm.Session.Engine.CreatePowerShell();
        try
        {
            ps.AddScript($"{_farm.AddressList} | Get-PrinterStatus -Vendor FlashForge -Timeout 3600");
            var output = new PSDataCollection<PSObject>();
            var running = ps.BeginInvoke<PSObject, PSObject>(null, output);

            Assert.True(SpinWait.SpinUntil(() => output.Count == 5, TimeSpan.FromSeconds(30)),
                $"only {output.Count} of the 5 answering printers' results came out while the first printer was silent");
            // Still running: the five were written while the first input's printer had not answered.
            Assert.False(running.IsCompleted);
            Assert.Equal(
                _farm.Farm.Addresses.Skip(1).Select(a => a.ToString()).OrderBy(a => a, StringComparer.Ordinal),
                output.Select(o => ((PrinterStatus)o.BaseObject).Address).OrderBy(a => a, StringComparer.Ordinal));
        }
        finally
        {
            ps.Stop();
            Assert.True(SpinWait.SpinUntil(() => silent.OpenConnections == 0, TimeSpan.FromSeconds(30)), "the silent printer's connection stayed open");
            silent.Options.Fault = FlashForgeFault.None;
        }
    }

    [Fact]
    public async Task Stop_EndsAStatusRead_AndClosesItsConnection()
    {
        // Silent: M115 is read but never answered, so the read waits for as long as -Timeout allows.
        var printer = _farm[4];
        printer.Options.Fault = FlashForgeFault.Silent;
        try
        {
            printer.ResetCounters();
            using var ps = _farm.Session.Engine.CreatePowerShell();
            ps.AddScript($"Get-PrinterStatus -Address {printer.Address} -Vendor FlashForge -Timeout 3600");
            var running = ps.BeginInvoke();
            await TestGuard.AgainstHangAsync(printer.WhenCommandReceived("M115"), "M115 never arrived");

            await TestGuard.AgainstHangAsync(Task.Run(ps.Stop), "Stop did not return: it waited on the hour-long timeout");

            Assert.True(running.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.True(SpinWait.SpinUntil(() => printer.OpenConnections == 0, TimeSpan.FromSeconds(30)), "the connection stayed open after Stop");
            // A status read takes no control, so there is nothing to release.
            Assert.Equal(new[] { "M115" }, printer.ReceivedCommands);
        }
        finally
        {
            printer.Options.Fault = FlashForgeFault.None;
        }
    }

    [Fact]
    public async Task Stop_EndsTheWaitForControl_AndStillSendsTheRelease()
    {
        // Silent: M601 is read but never answered, so the cmdlet waits on it for as long as -Timeout allows.
        var printer = _farm[5];
        printer.Options.Fault = FlashForgeFault.Silent;
        try
        {
            printer.ResetCounters();
            using var ps = _farm.Session.Engine.CreatePowerShell();
            ps.AddScript($"Send-PrinterGcode -Address {printer.Address} -Vendor FlashForge -Gcode 'G28' -Force -Timeout 3600");
            var running = ps.BeginInvoke();
            await TestGuard.AgainstHangAsync(printer.WhenCommandReceived("M601"), "M601 never arrived");

            // Stop blocks until the release went out; without the cancel it would wait out the hour.
            await TestGuard.AgainstHangAsync(Task.Run(ps.Stop), "Stop did not return: it waited on the hour-long timeout");

            Assert.True(running.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.True(SpinWait.SpinUntil(() => printer.OpenConnections == 0, TimeSpan.FromSeconds(30)), "the connection stayed open after Stop");
            // M602 went out though the user cancelled and the printer never answered; G28 never did.
            Assert.Equal(new[] { "M601 S1", "M602" }, printer.ReceivedCommands);
        }
        finally
        {
            printer.Options.Fault = FlashForgeFault.None;
        }
    }
}
