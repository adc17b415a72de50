using System;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// One command in flight per connection (notes §2.2: sending before the "ok" can upset a real console):
/// CommandsSentBeforeReply counts command lines that arrived while an earlier one on the same connection was
/// unanswered. Addresses 127.R.101.x.
/// </summary>
public sealed class CommandInFlightTests
{
    [Fact]
    public async Task Two_commands_sent_at_once_count_once_per_printer_and_for_the_farm()
    {
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(new[] { A4("101.1"), A4("101.2") });
        VirtualFlashForgePrinter printer = farm.Printers[0];
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        await console.SendBytesAsync("~M115\r\n~M105\r\n"u8.ToArray()); // one write: M105 goes before M115's reply
        Assert.StartsWith("CMD M115 Received.", await console.ReadReplyAsync());
        Assert.StartsWith("CMD M105 Received.", await console.ReadReplyAsync());

        Assert.Equal(1, printer.CommandsSentBeforeReply);
        Assert.Equal(0, farm.Printers[1].CommandsSentBeforeReply);
        Assert.Equal(1, farm.CommandsSentBeforeReply);
        farm.ResetCounters();
        Assert.Equal(0, printer.CommandsSentBeforeReply);
        Assert.Equal(0, farm.CommandsSentBeforeReply);
    }

    [Fact]
    public async Task Commands_sent_each_after_the_previous_reply_count_nothing_whatever_their_line_ends()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(A4("101.3"));
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        await console.AskAsync("M601 S1");
        await console.AskAsync("M115");
        // Orca's "\r\n\n" (§2.1): the extra LF arrives with its command, before the reply, yet starts no command.
        await console.SendAsync("M119", "\r\n\n");
        await console.ReadReplyAsync();
        await console.SendAsync("M105", "\n");
        await console.ReadReplyAsync();
        await console.AskAsync("M602");

        Assert.Equal(5, printer.ReceivedCommands.Count);
        Assert.Equal(0, printer.CommandsSentBeforeReply);
    }

    [Fact]
    public async Task A_command_sent_while_the_previous_reply_is_held_by_latency_counts()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(A4("101.4"));
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.AskAsync("M115"); // past the connect's latency (none yet), so the next command is read at once
        printer.Options.Latency = TimeSpan.FromMilliseconds(300);

        // Two writes: M105 reaches the printer while M119's reply waits out the latency, unread by the printer.
        await console.SendAsync("M119");
        await printer.WhenCommandReceived("M119");
        await console.SendAsync("M105");
        Assert.StartsWith("CMD M119 Received.", await console.ReadReplyAsync());
        Assert.StartsWith("CMD M105 Received.", await console.ReadReplyAsync());

        Assert.Equal(1, printer.CommandsSentBeforeReply);
    }

    [Fact]
    public async Task A_command_after_one_that_was_never_answered_counts_and_other_connections_do_not()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(A4("101.5"));
        await using RawConsole other = await RawConsole.ConnectAsync(printer.Address);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        printer.Options.Fault = FlashForgeFault.Silent;

        await console.SendAsync("M115"); // never answered
        await printer.WhenCommandReceived("M115");
        printer.Options.Fault = FlashForgeFault.None;
        await console.SendAsync("M105");
        await printer.WhenCommandReceived("M105");
        Assert.Equal(1, printer.CommandsSentBeforeReply);

        // An unanswered command holds back its own connection only.
        Assert.StartsWith("CMD M119 Received.", await other.AskAsync("M119"));
        Assert.Equal(1, printer.CommandsSentBeforeReply);
    }

    private static FlashForgePrinterOptions A4(string lastTwoOctets) => new()
    {
        Address = TestNet.Ip(lastTwoOctets),
        Model = FlashForgeModel.Adventurer4,
    };
}
