using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>Farms of hundreds of printers: run alone, so that no other test competes for the machine meanwhile.</summary>
[CollectionDefinition(nameof(FleetCollection), DisableParallelization = true)]
public sealed class FleetCollection
{
}

/// <summary>
/// The fleet-scale issue's promises at full size, through the hosted engine: a default sweep of
/// 1,000 printers, discovery of every one of 250 and 1,000, and the default throttle.
/// 127.R.125.x-127.R.131.x.
/// </summary>
[Collection(nameof(FleetCollection))]
public sealed class FleetScaleTests
{
    /// <summary><paramref name="count"/> printers, 250 per third octet from <paramref name="firstThird"/>, models alternating.</summary>
    private static IEnumerable<FlashForgePrinterOptions> Printers(int count, int firstThird, Action<FlashForgePrinterOptions>? configure = null) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var options = new FlashForgePrinterOptions
            {
                Address = TestNet.Ip($"{firstThird + i / 250}.{1 + i % 250}"),
                Model = i % 2 == 0 ? FlashForgeModel.Adventurer4 : FlashForgeModel.Adventurer5MPro,
                Name = $"Farm-{i:0000}",
            };
            configure?.Invoke(options);
            return options;
        });

    [Fact]
    public async Task FindPrinter_FindsEveryOneOf250Printers_OnceEach()
    {
        var segment = TestNet.Ip("125.254");
        await using var farm = await VirtualPrinterFarm.StartAsync(Printers(250, 125), segment);
        using var session = new ModuleSession();

        var result = session.Run($"Find-Printer -BroadcastAddress {segment}");

        result.AssertNoErrors();
        var found = result.Objects<PrinterInfo>().Select(p => p.Address).ToList();
        Assert.Equal(farm.Addresses.Select(a => a.ToString()).OrderBy(a => a), found.OrderBy(a => a));
    }

    [Fact]
    public async Task ADefaultSweep_OfAThousandPrinters_AnswersEveryOne_AndLeaksNoSocket()
    {
        await using var farm = await VirtualPrinterFarm.StartAsync(Printers(1000, 128));
        using var session = new ModuleSession();
        // Warm up: the engine's own first use opens what it keeps (none of it a printer's socket).
        session.Run($"Get-PrinterStatus -Address {farm.Addresses[0]}").AssertNoErrors();
        await TestGuard.UntilAsync(() => farm.Printers[0].OpenConnections == 0, "the warm-up connection closed");
        var socketsBefore = OpenSockets();

        var result = session.Run($"Find-Printer -Subnet {TestNet.At("128.0")}/22 | Get-PrinterStatus");

        result.AssertNoErrors();
        var statuses = result.Objects<PrinterStatus>().ToList();
        Assert.Equal(1000, statuses.Count);
        Assert.Equal(1000, statuses.Select(s => s.Address).Distinct().Count());
        Assert.All(statuses, s => Assert.Equal(farm.Printers.Single(p => p.Address.ToString() == s.Address).Options.Name, s.Name));
        await TestGuard.UntilAsync(() => farm.Printers.All(p => p.OpenConnections == 0), "every printer's connections closed");
        if (socketsBefore is not null)
        {
            // Every socket the sweep opened in this process is closed again.
            await TestGuard.UntilAsync(() => OpenSockets() <= socketsBefore, $"sockets back to {socketsBefore} (now {OpenSockets()})");
        }
    }

    [Fact]
    public async Task TheDefaultThrottle_HasAFarmOf256InFlightAtOnce_AndNoMore()
    {
        // Silent printers never answer: a printer that received its first command is one the sweep
        // is serving right now, so the count of such printers is the number in flight.
        await using var farm = await VirtualPrinterFarm.StartAsync(Printers(300, 126, o => { o.Model = FlashForgeModel.Adventurer4; o.Fault = FlashForgeFault.Silent; }));
        using var session = new ModuleSession();
        using var ps = session.Engine.CreatePowerShell();
        ps.AddScript($"{string.Join(",", farm.Addresses.Select(a => $"'{a}'"))} | Get-PrinterStatus -Vendor FlashForge -Timeout 600");
        var running = ps.BeginInvoke();

        await TestGuard.UntilAsync(() => farm.Printers.Count(p => p.ReceivedCommands.Count > 0) >= FleetLimits.DefaultThrottleLimit, "256 printers asked at once");
        ps.Stop();
        try
        {
            ps.EndInvoke(running);
        }
        catch (PipelineStoppedException)
        {
        }

        Assert.Equal(256, FleetLimits.DefaultThrottleLimit);
        Assert.Equal(FleetLimits.DefaultThrottleLimit, farm.MaxConcurrentConnections);
        await TestGuard.UntilAsync(() => farm.Printers.All(p => p.OpenConnections == 0), "Ctrl+C closed every connection");
    }

    /// <summary>Sockets this process holds open (Linux /proc), or null where that cannot be read.</summary>
    private static int? OpenSockets()
    {
        const string fds = "/proc/self/fd";
        if (!Directory.Exists(fds))
        {
            return null;
        }
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries(fds))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // closed while we looked
            }
        }
        return count;
    }
}
