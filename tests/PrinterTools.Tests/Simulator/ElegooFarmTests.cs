using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>Elegoo printers in farms: the demo farm's two, the Program's command line, reset and dispose. Addresses 127.R.156.x.</summary>
public sealed class ElegooFarmTests
{
    [Fact]
    public async Task The_default_farm_ends_with_a_printing_centauri_carbon_and_an_idle_saturn_with_two_goo_files()
    {
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartDefaultAsync(TestNet.Ip("156.10"));

        Assert.Equal(4, farm.Printers.Count);
        Assert.Equal(Enumerable.Range(10, 8).Select(i => TestNet.Ip($"156.{i}")), farm.Addresses); // the Creality two come last
        VirtualElegooPrinter carbon = farm.ElegooPrinters[0], saturn = farm.ElegooPrinters[1];
        Assert.Equal((ElegooFamily.CentauriCarbon, "Workshop Carbon", TestNet.Ip("156.14")), (carbon.Family, carbon.Options.Name, carbon.Address));
        Assert.Equal((ElegooFamily.Saturn4Ultra, "Resin Saturn", TestNet.Ip("156.15")), (saturn.Family, saturn.Options.Name, saturn.Address));
        Assert.Same(farm, carbon.Farm);
        Assert.Equal("Elegoo", carbon.Vendor);

        await using (ElegooSocket client = await ElegooSocket.ConnectAsync(carbon.Address))
        {
            await client.SendCommandAsync(0);
            JsonElement status = (await client.NextOnAsync("sdcp/status/")).GetProperty("Status");
            Assert.Equal("[1]", status.GetProperty("CurrentStatus").GetRawText());
            Assert.Equal(13, status.GetProperty("PrintInfo").GetProperty("Status").GetInt32());
            Assert.Equal(40, status.GetProperty("PrintInfo").GetProperty("Progress").GetInt32());
            Assert.EndsWith(".gcode", status.GetProperty("PrintInfo").GetProperty("Filename").GetString());
            Assert.Equal(220, status.GetProperty("TempTargetNozzle").GetDouble());
        }

        Assert.Equal(ElegooJobState.Idle, saturn.Options.State);
        Assert.Equal(2, saturn.Files.Count);
        Assert.All(saturn.Files.Keys, name => Assert.EndsWith(".goo", name));

        await using (ElegooSocket client = await ElegooSocket.ConnectAsync(saturn.Address))
        {
            await client.SendCommandAsync(0);
        }

        await TestGuard.AgainstHangAsync(saturn.WhenCommandReceived(0), "Cmd 0 arriving");
        farm.ResetCounters();
        Assert.Empty(saturn.ReceivedCommands);
        Assert.Equal(0, saturn.TotalWebSockets);
    }

    [Fact]
    public void Every_demo_printer_takes_the_same_job_duration_and_the_program_starts_the_elegoo_ones_only_for_the_demo_farm()
    {
        TimeSpan minute = TimeSpan.FromMinutes(1);
        Assert.All(DefaultFarm.CreateElegoo(TestNet.Ip("156.30"), minute), p => Assert.Equal(minute, p.JobDuration));
        Assert.All(DefaultFarm.Create(TestNet.Ip("156.30"), minute), p => Assert.Equal(minute, p.JobDuration));

        ProgramArguments demo = ProgramArguments.Parse(new[] { "--job-seconds", "60", "--latency", "5", "--no-discovery", "--first-address", TestNet.At("156.40") })!;
        Assert.Equal(new[] { "156.44", "156.45" }.Select(TestNet.Ip), demo.CreateElegooPrinters().Select(p => p.Address));
        Assert.All(demo.CreateElegooPrinters(), p =>
        {
            Assert.Equal(minute, p.JobDuration);
            Assert.Equal(TimeSpan.FromMilliseconds(5), p.Latency);
            Assert.False(p.ListenForDiscovery);
        });
        Assert.Empty(ProgramArguments.Parse(new[] { "--printers", "3" })!.CreateElegooPrinters());
    }

    [Fact]
    public async Task Disposing_a_farm_frees_the_elegoo_ports_and_a_failed_start_stops_the_printers_already_started()
    {
        ElegooPrinterOptions[] elegoo =
        {
            new() { Address = TestNet.Ip("156.50"), Family = ElegooFamily.CentauriCarbon },
            new() { Address = TestNet.Ip("156.51"), Family = ElegooFamily.Saturn4Ultra },
        };
        await using (VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(), elegoo, null))
        {
            Assert.Equal(2, farm.ElegooPrinters.Count);
        }

        ElegooPrinterOptions clash = new() { Address = TestNet.Ip("156.50"), Family = ElegooFamily.Saturn4Ultra };
        await Assert.ThrowsAnyAsync<Exception>(() => VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(), elegoo.Append(clash), null));

        await using VirtualPrinterFarm again = await VirtualPrinterFarm.StartAsync(Array.Empty<FlashForgePrinterOptions>(), elegoo, null);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(again.ElegooPrinters[1].Address);
        await client.SendCommandAsync(0);
        Assert.StartsWith("sdcp/response/", (await client.NextAsync()).GetProperty("Topic").GetString());
    }

    [Fact]
    public async Task Start_VirtualPrinterFarm_writes_the_elegoo_printers_too_and_Stop_VirtualPrinterFarm_takes_them_from_the_pipeline()
    {
        // The simulator's own cmdlets in a bare session: no host snap-in, the assembly imported as the module.
        var session = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
        session.ImportPSModule(typeof(VirtualPrinterFarm).Assembly.Location);
        using PowerShell shell = PowerShell.Create(session);
        Collection<PSObject> printers = shell.AddCommand("Start-VirtualPrinterFarm")
            .AddParameter("FirstAddress", TestNet.Ip("156.60")).AddParameter("NoSegment").Invoke();
        Assert.False(shell.HadErrors);
        VirtualElegooPrinter[] elegoo = printers.Select(p => p.BaseObject).OfType<VirtualElegooPrinter>().ToArray();
        Assert.Equal(8, printers.Count); // with the demo farm's two Creality printers
        Assert.Equal(new[] { ElegooFamily.CentauriCarbon, ElegooFamily.Saturn4Ultra }, elegoo.Select(p => p.Family));
        await using (ElegooSocket client = await ElegooSocket.ConnectAsync(elegoo[1].Address))
        {
            await client.SendCommandAsync(0);
            await client.NextAsync();
        }

        // Only the Elegoo printers piped in: their farm, FlashForge printers included, stops.
        shell.Commands.Clear();
        shell.AddCommand("Stop-VirtualPrinterFarm").Invoke(printers.Where(p => p.BaseObject is VirtualElegooPrinter));
        Assert.False(shell.HadErrors);

        await using VirtualElegooPrinter again = await VirtualElegooPrinter.StartAsync(elegoo[1].Options);
        await using VirtualFlashForgePrinter flashForge = await VirtualFlashForgePrinter.StartAsync(
            ((VirtualFlashForgePrinter)printers[0].BaseObject).Options);
        Assert.Equal(0, again.OpenWebSockets);
    }
}
