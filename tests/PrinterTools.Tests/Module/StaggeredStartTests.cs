using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using PrinterTools.Vendors;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>
/// Start-PrinterJob -StaggerSeconds on one printer of each vendor (127.R.174.x): the starts go out one per turn, and
/// each turn after the first waits the interval. The clock is the test's: a turn's wait ends when the test says so.
/// </summary>
public sealed class StaggeredStartTests
{
    private static string At(int host) => $"{TestNet.Block}.174.{host}";

    [Fact]
    public async Task EachStartAfterTheFirst_WaitsItsTurn_OfTheWholeInterval()
    {
        await using var farm = await VirtualPrinterFarm.StartAsync(
            new[] { new FlashForgePrinterOptions { Address = IPAddress.Parse(At(10)), Model = FlashForgeModel.Adventurer4, StoredFiles = new[] { "part.gcode" } } },
            new[] { new ElegooPrinterOptions { Address = IPAddress.Parse(At(20)), Family = ElegooFamily.CentauriCarbon, MainboardId = "385b1f950107625d00004c0000174020", StoredFiles = new[] { "part.gcode" } } },
            new[] { new CrealityPrinterOptions { Address = IPAddress.Parse(At(30)), Model = CrealityModel.K1C, MacAddress = "aabbcc01741e", StoredFiles = new[] { "part.gcode" }, PhaseTime = TimeSpan.Zero } },
            null);
        using var session = new ModuleSession();
        var waits = new ConcurrentQueue<TimeSpan>();
        var turns = new BlockingCollection<TaskCompletionSource>();
        var now = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
        var original = StartStagger.Factory;
        StartStagger.Factory = interval => new StartStagger(interval, () => now, (wait, cancel) =>
        {
            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waits.Enqueue(wait);
            turns.Add(turn);
            return turn.Task.WaitAsync(cancel);
        });
        try
        {
            int Started() => farm.Printers.Sum(p => p.JobsStarted) + farm.ElegooPrinters.Sum(p => p.JobsStarted) + farm.CrealityPrinters.Sum(p => p.JobsStarted);
            using var ps = session.Engine.CreatePowerShell();
            ps.AddScript($"Start-PrinterJob -Address {At(10)},{At(20)},{At(30)} -FileName part.gcode -StaggerSeconds 90 -Confirm:$false");
            var running = ps.BeginInvoke();

            // One start at once; the next waits its turn, and no third is let through meanwhile.
            await TestGuard.AgainstHangAsync(Task.Run(() => SpinWait.SpinUntil(() => Started() == 1 && turns.Count == 1, TestGuard.Limit)), "the first start");
            Assert.Equal(1, Started());
            turns.Take().SetResult();
            await TestGuard.AgainstHangAsync(Task.Run(() => SpinWait.SpinUntil(() => Started() == 2 && turns.Count == 1, TestGuard.Limit)), "the second start");
            Assert.Equal(2, Started());
            turns.Take().SetResult();
            var output = await Task.Factory.FromAsync(running, ps.EndInvoke).WaitAsync(TestGuard.Limit);

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(3, output.Count);
            Assert.Equal(3, Started());
            Assert.Equal(new[] { TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(90) }, waits);
        }
        finally
        {
            StartStagger.Factory = original;
        }
    }
}
