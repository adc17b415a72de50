using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>TCP 8899 replies compared byte for byte with the real captures, notes §2. Addresses 127.R.51.x.</summary>
public sealed class CommandReplyTests
{
    [Fact]
    public async Task Idle_adventurer4_matches_its_captures_exactly()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.51.1"),
            Model = FlashForgeModel.Adventurer4,
            Name = "Adventurer4",
            SerialNumber = "SNADVA9501174",
            MacAddress = "88:A9:A7:93:86:F8",
            Firmware = "2.0.9",
            State = VirtualJobState.Idle,
            LightOn = false,
            NozzleTemperature = 22,
            BedTemperature = 14,
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.Equal(SimulatorFixtures.Read("adventurer4-M601-success.txt"), await console.AskAsync("M601 S1"));
        Assert.Equal(SimulatorFixtures.Read("adventurer4-fw2.0.9-M115.txt"), await console.AskAsync("M115"));
        Assert.Equal(SimulatorFixtures.Read("adventurer4-M119-idle.txt"), await console.AskAsync("M119"));
        Assert.Equal(SimulatorFixtures.Read("adventurer4-M27-idle.txt"), await console.AskAsync("M27"));
        Assert.Equal(SimulatorFixtures.Read("adventurer4-M105-idle.txt"), await console.AskAsync("M105"));
        Assert.Equal(SimulatorFixtures.Read("adventurer4-M114.txt"), await console.AskAsync("M114"));
        Assert.Equal("CMD M602 Received.\r\nControl Release.\r\nok\r\n", await console.AskAsync("M602"));
    }

    [Fact]
    public async Task Printing_adventurer4_matches_its_captures_exactly()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.51.2"),
            Model = FlashForgeModel.Adventurer4,
            State = VirtualJobState.Printing,
            CurrentFile = "RussianDollMazeModels.gx",
            ProgressPercent = 11,
            CurrentLayer = 44,
            TotalLayers = 419,
            LightOn = true,
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.Equal(SimulatorFixtures.Read("adventurer4-M119-printing.txt"), await console.AskAsync("M119"));
        Assert.Equal(SimulatorFixtures.Read("adventurer4-M27-printing.txt"), await console.AskAsync("M27"));
    }

    [Fact]
    public async Task Printing_5m_pro_matches_the_fw313_captures()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.51.3"),
            Model = FlashForgeModel.Adventurer5MPro,
            Name = "Adventurer 5M Pro",
            SerialNumber = "omitted",
            MacAddress = "88:A9:A7:97:B2:BF",
            Firmware = "3.1.3",
            State = VirtualJobState.Printing,
            CurrentFile = "3x2 Rugged Drawer Outer x2.3mf",
            ProgressPercent = 18,
            CurrentLayer = 117,
            TotalLayers = 523,
            NozzleTemperature = 220.3,
            NozzleTarget = 220,
            BedTemperature = 50,
            BedTarget = 50,
            LightOn = true,
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-fw3.1.3-M601.txt"), await console.AskAsync("M601 S1"));
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-fw3.1.3-M115.txt"), await console.AskAsync("M115"));
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-fw3.1.3-M119-printing.txt"), await console.AskAsync("M119"));
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-fw3.1.3-M27-printing.txt"), await console.AskAsync("M27"));
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-fw3.1.3-M105-printing.txt"), await console.AskAsync("M105"));
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-fw3.1.3-M602.txt"), await console.AskAsync("M602"));
    }

    [Fact]
    public async Task Idle_5m_pro_matches_the_idle_captures()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.51.4"),
            Model = FlashForgeModel.Adventurer5MPro,
            NozzleTemperature = 17.9,
            BedTemperature = 18.5,
            LightOn = true,
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-M119-idle.txt"), await console.AskAsync("M119"));
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-M27-idle.txt"), await console.AskAsync("M27"));
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-M105-idle-newformat.txt"), await console.AskAsync("M105"));
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer5mpro-M114.txt"), await console.AskAsync("M114"));
    }

    [Fact]
    public async Task Light_command_changes_state_and_unknown_commands_get_received_and_ok()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.51.5"),
            LightOn = false,
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.AskAsync("M601 S1"); // the light changes state: it needs control

        Assert.Equal("CMD M146 Received.\r\nok\r\n", await console.AskAsync("M146 r255 g255 b255 F0"));
        Assert.True(printer.Options.LightOn);
        Assert.Contains("LED: 1\r\n", await console.AskAsync("M119"));
        await console.AskAsync("M146 r0 g0 b0 F0");
        Assert.False(printer.Options.LightOn);
        Assert.Equal("CMD M640 Received.\r\nok\r\n", await console.AskAsync("M640"));
        Assert.Equal("CMD M650 Received.\r\nX: 1.0 Y: 0.5\r\nok\r\n", await console.AskAsync("M650"));

        // A bare "\n" ends a line too, and Orca's "\r\n\n" does not produce an extra reply (§2.1).
        await console.SendAsync("M27", "\n");
        Assert.StartsWith("CMD M27 Received.\r\n", await console.ReadReplyAsync());
        await console.SendAsync("M105", "\r\n\n");
        Assert.StartsWith("CMD M105 Received.\r\n", await console.ReadReplyAsync());

        Assert.Equal(new[] { "M601 S1", "M146 r255 g255 b255 F0", "M119", "M146 r0 g0 b0 F0", "M640", "M650", "M27", "M105" }, printer.ReceivedCommands);
    }

    [Fact]
    public async Task State_changes_while_running_show_in_the_next_reply()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.51.6"),
            StoredFiles = new[] { "box.gx" },
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        Assert.Contains("MachineStatus: READY\r\n", await console.AskAsync("M119"));

        printer.Options.CurrentFile = "cube.3mf";
        printer.Options.State = VirtualJobState.Paused;
        string paused = await console.AskAsync("M119");
        Assert.Contains("MachineStatus: PAUSED\r\nMoveMode: PAUSED\r\n", paused);
        Assert.Contains("CurrentFile: cube.3mf\r\n", paused);

        printer.Options.State = VirtualJobState.Completed;
        Assert.Contains("MachineStatus: BUILDING_COMPLETED\r\nMoveMode: PAUSED\r\n", await console.AskAsync("M119"));

        // M23 starts a print of a stored file, M25/M24 pause and resume it (§2.3); they need control.
        await console.AskAsync("M601 S1");
        int size = printer.GetFile("box.gx")!.Length;
        Assert.Equal($"CMD M23 Received.\r\nFile opened: box.gx Size: {size}\r\nFile selected\r\nok\r\n", await console.AskAsync("M23 0:/user/box.gx"));
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
        Assert.Equal("box.gx", printer.Options.CurrentFile);
        await console.AskAsync("M25");
        Assert.Equal(VirtualJobState.Paused, printer.Options.State);
        await console.AskAsync("M24");
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
    }

    [Fact]
    public async Task Latency_holds_each_reply_until_it_has_passed()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.51.7"),
        });
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        Assert.StartsWith("CMD M601 Received.", await console.AskAsync("M601 S1"));

        // Read per reply: a latency set on a live connection holds the next reply. An hour never passes here,
        // so whatever the client receives before the printer is disposed would have come without it.
        printer.Options.Latency = TimeSpan.FromHours(1);
        await console.SendAsync("M115");
        await TestGuard.UntilAsync(() => printer.ReceivedCommands.Contains("M115"), "the printer reading M115");
        await printer.DisposeAsync();

        // Dispose abandons the held reply: the connection ends without a byte of it.
        Assert.Equal("", Encoding.UTF8.GetString(await console.ReadToEndAsync()));
        Assert.Equal(new[] { "M601 S1", "M115" }, printer.ReceivedCommands);
    }
}
