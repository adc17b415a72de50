using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CrealityChannel = PrinterTools.Creality.CrealityChannel;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

// Shortens the Creality heartbeat for the whole process, so it runs alone, after the parallel collections.
[CollectionDefinition(nameof(CrealityHeartbeatCollection), DisableParallelization = true)]
public sealed class CrealityHeartbeatCollection
{
}

/// <summary>
/// A Creality printer whose WebSocket stays open but goes quiet (127.R.181.x): its merged state must not be taken
/// as its state for ever. The heartbeat is 0.1 s here, so the channel gives up after three unanswered ones.
/// </summary>
[Collection(nameof(CrealityHeartbeatCollection))]
public sealed class CrealitySilenceTests : IAsyncLifetime
{
    private static string At(int host) => $"{TestNet.Block}.181.{host}";

    private readonly TimeSpan _heartbeat = CrealityChannel.HeartbeatInterval;
    private VirtualPrinterFarm? _farm;
    private ModuleSession? _session;

    public async Task InitializeAsync()
    {
        CrealityChannel.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        var printer = new CrealityPrinterOptions
        {
            Address = IPAddress.Parse(At(10)), Model = CrealityModel.K2Plus, Name = "Quiet K2", MacAddress = "aabbcc018110",
            StoredFiles = new[] { "part.gcode" }, FileName = "part.gcode", TotalLayers = 100, State = CrealityJobState.Printing,
            Progress = 20, JobDuration = null, PushInterval = TimeSpan.FromMilliseconds(50),
        };
        _farm = await VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(), Array.Empty<ElegooPrinterOptions>(), new[] { printer }, null);
        _session = new ModuleSession();
    }

    public async Task DisposeAsync()
    {
        _session?.Dispose();
        if (_farm is not null)
        {
            await _farm.DisposeAsync();
        }
        CrealityChannel.HeartbeatInterval = _heartbeat;
    }

    [Fact]
    public async Task Wait_OnAPrinterWhoseOpenSocketGoesQuiet_EndsInPrinterTimeout_NotAtTheFarmDeadline()
    {
        var printer = _farm!.CrealityPrinters.Single();
        using var ps = _session!.Engine.CreatePowerShell();
        ps.AddScript($"Wait-PrinterJob -Address {At(10)} -Vendor Creality -PollInterval 0.1 -ReadTimeout 1 -Timeout 120");
        var running = ps.BeginInvoke();

        // The wait's socket is open and its heartbeats answered; then the printer keeps it open and says nothing more.
        await TestGuard.UntilAsync(() => printer.HeartbeatsAnswered >= 2, "the wait's heartbeats");
        printer.Options.Fault = CrealityFault.GoesSilent;
        var output = await Task.Factory.FromAsync(running, ps.EndInvoke).WaitAsync(TestGuard.Limit);

        Assert.Empty(output);
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("PrinterTimeout", error.FullyQualifiedErrorId.Split(',')[0]);
        // Ended by the printer's silence, not by the 120 s farm deadline (whose message says "after the -Timeout").
        Assert.Contains("stopped answering", error.Exception.Message);
    }
}
