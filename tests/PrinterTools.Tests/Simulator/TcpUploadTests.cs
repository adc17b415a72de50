using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>Framed upload over TCP 8899, notes §2.5 and the A3 fw1.1.7 captures. Addresses 127.R.57.x.</summary>
public sealed class TcpUploadTests
{
    // The client check the capture's sidecar quotes for the per-packet ack (Slugger2k): N\d{4,}\sok.
    private static readonly Regex AckPattern = new(@"^N\d{4,}\sok\.$");

    [Theory]
    [InlineData("57.1", FlashForgeModel.Adventurer4)]
    [InlineData("57.2", FlashForgeModel.Adventurer5MPro)]
    public async Task Framed_upload_stores_identical_bytes_with_acks_like_the_capture(string address, FlashForgeModel model)
    {
        await using VirtualFlashForgePrinter printer = await Start(TestNet.At(address), model);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        byte[] file = UploadPackets.RandomFile(300_000, seed: 57);
        IReadOnlyList<byte[]> packets = UploadPackets.For(file);
        Assert.Equal(74, packets.Count); // 73 full packets and a 992-byte remainder

        await console.AskAsync("M601 S1");
        string writing = await console.AskAsync($"M28 {file.Length} 0:/user/Snake.gx");
        // The capture's first three lines, CRLF restored (notes §2.1).
        string[] capture = SimulatorFixtures.ReadMarkdownReply("adventurer3-fw1.1.7-M28-and-data-acks.txt").Split("\r\n");
        Assert.Equal(string.Join("\r\n", capture[..3]) + "\r\n", writing);

        for (int i = 0; i < packets.Count; i++)
        {
            await console.SendBytesAsync(packets[i]);
            string? ack = await console.ReadLineAsync();
            Assert.Equal($"N{i:D4} ok.", ack);
            Assert.Matches(AckPattern, ack);
        }

        Assert.Equal("N0000 ok.", capture[4]); // the same text as the capture's first ack
        Assert.Equal(SimulatorFixtures.ReadMarkdownReply("adventurer3-fw1.1.7-M29.txt"), await console.AskAsync("M29"));
        Assert.Equal(file, printer.GetFile("Snake.gx"));
        Assert.Equal(file, printer.Files["Snake.gx"]);
        Assert.Equal(1, printer.UploadsCompleted);
        Assert.Equal(0, printer.UploadsRejected);
        Assert.Equal(file.Length, printer.BytesReceived);
        Assert.Equal("Snake.gx", printer.Options.StoredFiles[0]);
        Assert.Equal(FlashForgePrinterOptions.DefaultFreeSpaceBytes - file.Length, printer.Options.FreeSpaceBytes);
    }

    [Fact]
    public async Task A_stray_line_end_after_M28_and_commands_between_packets_are_fine()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.57.3");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        byte[] file = UploadPackets.RandomFile(5000, seed: 3);
        IReadOnlyList<byte[]> packets = UploadPackets.For(file);

        await console.AskAsync("M601 S1");
        await console.SendAsync($"M28 {file.Length} 0:/user/orca.gcode", "\r\n\n"); // Orca's line end (§2.1)
        Assert.Contains("Writing to file: 0:/user/orca.gcode", await console.ReadReplyAsync());
        await console.SendBytesAsync(packets[0]);
        Assert.Equal("N0000 ok.", await console.ReadLineAsync());
        Assert.StartsWith("CMD M27 Received.", await console.AskAsync("M27")); // a keep-alive mid-upload
        await console.SendBytesAsync(packets[1]);
        Assert.Equal("N0001 ok.", await console.ReadLineAsync());
        Assert.Contains("Done saving file.", await console.AskAsync("M29"));

        Assert.Equal(file, printer.GetFile("orca.gcode"));
    }

    [Theory]
    [InlineData("57.4", false)]
    [InlineData("57.5", true)]
    public async Task A_bad_crc_or_header_aborts_the_upload_and_discards_the_file(string address, bool badHeader)
    {
        await using VirtualFlashForgePrinter printer = await Start(TestNet.At(address));
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        byte[] file = UploadPackets.RandomFile(4096 * 3, seed: 4);

        await console.AskAsync("M601 S1");
        await console.AskAsync($"M28 {file.Length} 0:/user/broken.gx");
        await console.SendBytesAsync(UploadPackets.Packet(0, file.AsSpan(0, 4096)));
        Assert.Equal("N0000 ok.", await console.ReadLineAsync());
        ReadOnlySpan<byte> second = file.AsSpan(4096, 4096);
        await console.SendBytesAsync(badHeader
            ? UploadPackets.Packet(1, second, magic: 0x12345678)
            : UploadPackets.Packet(1, second, crc: UploadPackets.Crc32(second) ^ 1));

        string? error = await console.ReadLineAsync();
        Assert.NotNull(error);
        Assert.StartsWith("N0001 error:", error);
        Assert.DoesNotMatch(AckPattern, error);
        (_, bool closed) = await console.ReadForAsync(TimeSpan.FromSeconds(5));
        Assert.True(closed);
        Assert.Null(printer.GetFile("broken.gx"));
        Assert.DoesNotContain("broken.gx", printer.Options.StoredFiles);
        Assert.Equal(0, printer.UploadsCompleted);
        Assert.Equal(1, printer.UploadsRejected);
    }

    [Fact]
    public async Task M29_with_fewer_bytes_than_M28_announced_discards_the_file()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.57.6");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        byte[] file = UploadPackets.RandomFile(4096, seed: 6);

        await console.AskAsync("M601 S1");
        await console.AskAsync("M28 10000 0:/user/short.gx");
        await console.SendBytesAsync(UploadPackets.Packet(0, file));
        Assert.Equal("N0000 ok.", await console.ReadLineAsync());
        string done = await console.AskAsync("M29");

        Assert.StartsWith("CMD M29 Received.\r\nError: ", done);
        Assert.DoesNotContain("Done saving file.", done);
        Assert.Null(printer.GetFile("short.gx"));
        Assert.Equal(1, printer.UploadsRejected);
        Assert.StartsWith("CMD M115 Received.", await console.AskAsync("M115")); // the connection goes on
    }

    [Fact]
    public async Task Drop_mid_upload_closes_after_about_half_the_packets_and_discards_the_file()
    {
        FlashForgePrinterOptions options = Options($"{TestNet.Block}.57.7");
        options.Fault = FlashForgeFault.DropMidUpload;
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        byte[] file = UploadPackets.RandomFile(4096 * 10, seed: 7);

        await console.AskAsync("M601 S1");
        await console.AskAsync($"M28 {file.Length} 0:/user/dropped.gx");
        int acks = 0;
        foreach (byte[] packet in UploadPackets.For(file))
        {
            await console.SendBytesAsync(packet);
            if (await console.ReadLineAsync() is null)
            {
                break;
            }

            acks++;
        }

        Assert.Equal(4, acks); // the fifth of ten packets arrives, then the printer drops the connection
        await ControlTests.WaitUntilAsync(() => printer.UploadsRejected == 1);
        Assert.Null(printer.GetFile("dropped.gx"));
        Assert.Equal(5 * 4096, printer.BytesReceived);
        Assert.Equal(0, printer.UploadsCompleted);
    }

    [Fact]
    public async Task A_client_closing_mid_upload_leaves_no_partial_file()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.57.8");
        byte[] file = UploadPackets.RandomFile(4096 * 5, seed: 8);
        RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.AskAsync("M601 S1");
        await console.AskAsync($"M28 {file.Length} 0:/user/partial.gx");
        await console.SendBytesAsync(UploadPackets.For(file)[0]);
        Assert.Equal("N0000 ok.", await console.ReadLineAsync());

        await console.DisposeAsync();

        await ControlTests.WaitUntilAsync(() => printer.UploadsRejected == 1 && !printer.ControlHeld);
        Assert.Null(printer.GetFile("partial.gx"));
        Assert.DoesNotContain("partial.gx", printer.Files.Keys);
    }

    [Fact]
    public async Task Only_the_connection_holding_control_may_upload()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.57.9");
        await using RawConsole holder = await RawConsole.ConnectAsync(printer.Address);
        await using RawConsole other = await RawConsole.ConnectAsync(printer.Address);

        string without = await other.AskAsync("M28 100 0:/user/x.gx");
        Assert.StartsWith("CMD M28 Received.\r\nError: ", without);
        Assert.DoesNotContain("Writing to file", without);

        await holder.AskAsync("M601 S1");
        Assert.DoesNotContain("Writing to file", await other.AskAsync("M28 100 0:/user/x.gx"));
        Assert.Contains("Writing to file: 0:/user/x.gx", await holder.AskAsync("M28 100 0:/user/x.gx"));
    }

    [Fact]
    public async Task An_upload_larger_than_the_free_space_is_refused()
    {
        FlashForgePrinterOptions options = Options($"{TestNet.Block}.57.10");
        options.FreeSpaceBytes = 4096;
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.AskAsync("M601 S1");

        string refused = await console.AskAsync("M28 4097 0:/user/big.gx");

        Assert.StartsWith("CMD M28 Received.\r\nError: ", refused);
        Assert.Equal(1, printer.UploadsRejected);
        Assert.Contains("Writing to file", await console.AskAsync("M28 4096 0:/user/fits.gx"));
    }

    internal static FlashForgePrinterOptions Options(string address, FlashForgeModel model = FlashForgeModel.Adventurer5MPro) => new()
    {
        Address = SimulatorFixtures.Ip(address),
        Model = model,
    };

    private static Task<VirtualFlashForgePrinter> Start(string address, FlashForgeModel model = FlashForgeModel.Adventurer5MPro) =>
        VirtualFlashForgePrinter.StartAsync(Options(address, model));
}
