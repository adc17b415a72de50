using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.CrealitySocket;

namespace PrinterTools.Tests.Simulator;

/// <summary>Creality printers in farms: the demo farm's two, the Program's command line, the cmdlets, reset and dispose. Addresses 127.R.166.x.</summary>
public sealed class CrealityFarmTests
{
    [Fact]
    public async Task The_default_farm_ends_with_a_k1c_latched_after_its_job_and_a_k2_plus_printing_with_its_cfs()
    {
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartDefaultAsync(TestNet.Ip("166.10"));

        Assert.Equal(Enumerable.Range(10, 8).Select(i => TestNet.Ip($"166.{i}")), farm.Addresses);
        VirtualCrealityPrinter k1c = farm.CrealityPrinters[0], k2 = farm.CrealityPrinters[1];
        Assert.Equal((CrealityModel.K1C, "Garage K1C", TestNet.Ip("166.16")), (k1c.Model, k1c.Options.Name, k1c.Address));
        Assert.Equal((CrealityModel.K2Plus, "Farm K2 Plus", TestNet.Ip("166.17")), (k2.Model, k2.Options.Name, k2.Address));
        Assert.Same(farm, k1c.Farm);
        Assert.Equal("Creality", k2.Vendor);

        await using (CrealitySocket client = await ConnectAsync(k1c.Address))
        {
            JsonObject dump = await client.NextAsync();
            Assert.Equal((2, 0, 100), (Int(dump, "state"), Int(dump, "deviceState"), Int(dump, "printProgress")));
            string file = Str(dump, "printFileName");
            Assert.StartsWith("/usr/data/printer_data/gcodes/", file);
            Assert.NotNull(k1c.GetFile(file));
        }

        await using (CrealitySocket client = await ConnectAsync(k2.Address))
        {
            JsonObject dump = await client.NextAsync();
            Assert.Equal((1, 1, 30), (Int(dump, "state"), Int(dump, "deviceState"), Int(dump, "printProgress")));
            Assert.Equal(1, Int(dump, "cfsConnect"));
            await client.GetAsync("boxsInfo");
            Assert.NotEmpty((await client.NextWithAsync("boxsInfo"))["boxsInfo"]!["materialBoxs"]!.AsArray());
        }

        await TestGuard.AgainstHangAsync(k2.WhenRequestReceived("boxsInfo"), "boxsInfo logged");
        farm.ResetCounters();
        Assert.Empty(k2.ReceivedRequests);
        Assert.Equal(0, k2.TotalWebSockets);
    }

    [Fact]
    public void Every_demo_creality_printer_takes_the_job_duration_and_the_program_starts_them_only_for_the_demo_farm()
    {
        TimeSpan minute = TimeSpan.FromMinutes(1);
        Assert.All(DefaultFarm.CreateCreality(TestNet.Ip("166.30"), minute), p => Assert.Equal(minute, p.JobDuration));

        ProgramArguments demo = ProgramArguments.Parse(new[] { "--job-seconds", "60", "--latency", "5", "--no-discovery", "--first-address", TestNet.At("166.40") })!;
        Assert.Equal(new[] { "166.46", "166.47" }.Select(TestNet.Ip), demo.CreateCrealityPrinters().Select(p => p.Address));
        Assert.All(demo.CreateCrealityPrinters(), p =>
        {
            Assert.Equal(minute, p.JobDuration);
            Assert.Equal(TimeSpan.FromMilliseconds(5), p.Latency);
            Assert.False(p.ListenForDiscovery);
        });
        Assert.Empty(ProgramArguments.Parse(new[] { "--printers", "3" })!.CreateCrealityPrinters());
    }

    [Fact]
    public async Task Disposing_a_farm_frees_the_creality_ports_and_a_failed_start_stops_the_printers_already_started()
    {
        CrealityPrinterOptions[] creality =
        {
            new() { Address = TestNet.Ip("166.50"), Model = CrealityModel.K1C },
            new() { Address = TestNet.Ip("166.51"), Model = CrealityModel.K2Plus },
        };
        await using (VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(),
            Array.Empty<ElegooPrinterOptions>(), creality, null))
        {
            Assert.Equal(2, farm.CrealityPrinters.Count);
        }

        CrealityPrinterOptions clash = new() { Address = TestNet.Ip("166.50"), Model = CrealityModel.K2Plus };
        await Assert.ThrowsAnyAsync<Exception>(() => VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(),
            Array.Empty<ElegooPrinterOptions>(), creality.Append(clash), null));

        await using VirtualPrinterFarm again = await VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(),
            Array.Empty<ElegooPrinterOptions>(), creality, null);
        using HttpClient http = CrealityTestPrinters.Http();
        Assert.Contains("\"model\":\"F008\"", await http.GetStringAsync($"http://{again.CrealityPrinters[1].Address}/info"));
    }

    [Fact]
    public async Task Start_VirtualPrinterFarm_writes_the_creality_printers_too_and_Stop_VirtualPrinterFarm_takes_them_from_the_pipeline()
    {
        var session = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
        session.ImportPSModule(typeof(VirtualPrinterFarm).Assembly.Location);
        using PowerShell shell = PowerShell.Create(session);
        Collection<PSObject> printers = shell.AddCommand("Start-VirtualPrinterFarm")
            .AddParameter("FirstAddress", TestNet.Ip("166.60")).AddParameter("NoSegment").Invoke();
        Assert.False(shell.HadErrors);
        VirtualCrealityPrinter[] creality = printers.Select(p => p.BaseObject).OfType<VirtualCrealityPrinter>().ToArray();
        Assert.Equal(new[] { CrealityModel.K1C, CrealityModel.K2Plus }, creality.Select(p => p.Model));
        Assert.Equal(new[] { TestNet.Ip("166.66"), TestNet.Ip("166.67") }, creality.Select(p => p.Address));

        shell.Commands.Clear();
        shell.AddCommand("Stop-VirtualPrinterFarm").Invoke(printers.Where(p => p.BaseObject is VirtualCrealityPrinter));
        Assert.False(shell.HadErrors);

        // The whole farm stopped: its addresses bind again.
        await using VirtualCrealityPrinter again = await VirtualCrealityPrinter.StartAsync(creality[1].Options);
        await using VirtualFlashForgePrinter flashForge = await VirtualFlashForgePrinter.StartAsync(((VirtualFlashForgePrinter)printers[0].BaseObject).Options);
        Assert.Equal(0, again.OpenWebSockets);
    }
}
