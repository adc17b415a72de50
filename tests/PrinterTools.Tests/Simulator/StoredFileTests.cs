using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>Stored files over TCP: M23 (notes §2.3), M661 and M662 (§2.4). Addresses 127.R.58.1-19.</summary>
public sealed class StoredFileTests
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    [Fact]
    public async Task M23_starts_printing_a_stored_file_with_the_capture_reply()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.1", "20mm_Box.gx");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        int size = printer.GetFile("20mm_Box.gx")!.Length;
        await console.AskAsync("M601 S1");

        string reply = await console.AskAsync("M23 0:/user/20mm_Box.gx");

        // adventurer3-fw1.1.7-M23.txt with this file's size.
        string capture = SimulatorFixtures.ReadMarkdownReply("adventurer3-fw1.1.7-M23.txt");
        Assert.Equal(capture.Replace("154674", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), reply);
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
        Assert.Equal("20mm_Box.gx", printer.Options.CurrentFile);
        Assert.Equal(0, printer.Options.ProgressPercent);
        Assert.Equal(0, printer.Options.CurrentLayer);
        Assert.Equal(100, printer.Options.TotalLayers);
        Assert.Equal(1, printer.JobsStarted);
        Assert.Contains("MachineStatus: BUILDING_FROM_SD\r\n", await console.AskAsync("M119"));
        Assert.Contains("Layer: 0/100\r\n", await console.AskAsync("M27"));
    }

    [Fact]
    public async Task M23_reads_the_layer_count_of_an_uploaded_file()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.2");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        byte[] file = Encoding.ASCII.GetBytes(";FLAVOR:Marlin\r\n;LAYER_COUNT:42\r\nG28\r\n");
        await console.AskAsync("M601 S1");
        await console.AskAsync($"M28 {file.Length} 0:/user/layers.gcode");
        await console.SendBytesAsync(UploadPackets.Packet(0, file));
        await console.ReadLineAsync();
        await console.AskAsync("M29");

        Assert.Contains($"File opened: layers.gcode Size: {file.Length}\r\n", await console.AskAsync("M23 0:/user/layers.gcode"));
        Assert.Equal(42, printer.Options.TotalLayers);
    }

    [Fact]
    public async Task M23_of_a_missing_file_says_so_and_starts_nothing()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.3", "a.gx");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.AskAsync("M601 S1");

        string reply = await console.AskAsync("M23 0:/user/missing.gx");

        Assert.Equal("CMD M23 Received.\r\nError: File not exists\r\nok\r\n", reply);
        Assert.Equal(VirtualJobState.Idle, printer.Options.State);
        Assert.Equal(0, printer.JobsStarted);
    }

    [Fact]
    public async Task M661_lists_the_files_byte_for_byte_in_the_capture_framing()
    {
        // The five names of adventurer3-M661-filelist-binary-after-ok.bin, in its order.
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.4",
            "NM3.gx", "nozzle_remover.gx", "Fighter_01.gx", "Buff_Beer_mugs.gx", "20mm_Box-PLA.gx");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        byte[] capture = File.ReadAllBytes(SimulatorFixtures.PathOf("adventurer3-M661-filelist-binary-after-ok.bin"));

        Assert.Equal("CMD M661 Received.\r\nok\r\n", await console.AskAsync("M661"));
        byte[] body = await console.ReadExactlyAsync(capture.Length);

        Assert.Equal(capture, body);
        Assert.Equal(printer.Options.StoredFiles, ParseList(body));
        (byte[] extra, _) = await console.ReadForAsync(TimeSpan.FromMilliseconds(300));
        Assert.Empty(extra);
    }

    [Fact]
    public async Task M661_frames_utf8_names_and_an_empty_list()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.5", "Würfel ß.3mf");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        await console.AskAsync("M661");
        byte[] head = await console.ReadExactlyAsync(16);
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(12));
        byte[] name = await console.ReadExactlyAsync(length);
        Assert.Equal("/data/Würfel ß.3mf", Encoding.UTF8.GetString(name));
        Assert.Equal(Encoding.UTF8.GetByteCount("/data/Würfel ß.3mf"), length);

        printer.Options.StoredFiles = Array.Empty<string>();
        await console.AskAsync("M661");
        Assert.Equal(new byte[] { 0x44, 0xAA, 0xAA, 0x44, 0, 0, 0, 0 }, await console.ReadExactlyAsync(8));
    }

    [Theory]
    [InlineData("/data/Benchy.gx")]
    [InlineData("0:/user/Benchy.gx")]
    public async Task M662_returns_a_framed_png_whose_length_field_matches(string path)
    {
        await using VirtualFlashForgePrinter printer = await Start(path.StartsWith('/') ? $"{TestNet.Block}.58.6" : $"{TestNet.Block}.58.7", "Benchy.gx");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.Equal("CMD M662 Received.\r\nok\r\n", await console.AskAsync("M662 " + path));
        byte[] png = await ReadThumbnailAsync(console);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
        Assert.Equal("IEND", Encoding.ASCII.GetString(png, png.Length - 8, 4));
        (byte[] extra, _) = await console.ReadForAsync(TimeSpan.FromMilliseconds(300));
        Assert.Empty(extra); // nothing beyond the announced length
    }

    [Fact]
    public async Task M662_of_a_missing_file_sends_an_error_and_no_image()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.8");
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.Equal("CMD M662 Received.\r\nError: File not exists\r\nok\r\n", await console.AskAsync("M662 /data/none.gx"));
        (byte[] extra, _) = await console.ReadForAsync(TimeSpan.FromMilliseconds(300));
        Assert.Empty(extra);
    }

    [Fact]
    public async Task Bad_thumbnail_length_fault_promises_2_GiB_sends_a_few_bytes_and_keeps_the_connection()
    {
        FlashForgePrinterOptions options = Options($"{TestNet.Block}.58.9", "Benchy.gx");
        options.Fault = FlashForgeFault.BadThumbnailLength;
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        Assert.Equal("CMD M662 Received.\r\nok\r\n", await console.AskAsync("M662 /data/Benchy.gx"));
        (byte[] bytes, bool closed) = await console.ReadForAsync(TimeSpan.FromMilliseconds(600));

        Assert.False(closed);
        Assert.Equal(new byte[] { 0x2A, 0x2A, 0xA2, 0xA2 }, bytes[..4]);
        Assert.Equal(0x7FFFFFF0u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)));
        Assert.InRange(bytes.Length - 8, 1, 64);
        Assert.StartsWith("CMD M115 Received.", await console.AskAsync("M115"));
    }

    [Fact]
    public async Task Seeded_files_follow_the_options_list_and_reads_are_copies()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.10", "a.gx", "b.gx");

        Assert.Equal(new[] { "a.gx", "b.gx" }, printer.Files.Keys.Order());
        byte[] a = printer.GetFile("a.gx")!;
        Assert.NotEmpty(a);
        a[0] ^= 0xFF;
        Assert.NotEqual(a, printer.GetFile("a.gx")); // a copy: changing it changes nothing

        printer.Options.StoredFiles = new[] { "c.gx", "b.gx" };
        Assert.Equal(new[] { "b.gx", "c.gx" }, printer.Files.Keys.Order());
        Assert.Null(printer.GetFile("a.gx"));
    }

    /// <summary>Reads the M662 body: tag 2A 2A A2 A2, u32 BE length, then that many bytes.</summary>
    internal static async Task<byte[]> ReadThumbnailAsync(RawConsole console)
    {
        byte[] head = await console.ReadExactlyAsync(8);
        Assert.Equal(new byte[] { 0x2A, 0x2A, 0xA2, 0xA2 }, head[..4]);
        return await console.ReadExactlyAsync((int)BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(4)));
    }

    /// <summary>The capture's framing: 44 AA AA 44, count, then per entry 3A 3A A3 A3, length, "/data/name".</summary>
    private static List<string> ParseList(byte[] body)
    {
        Assert.Equal(0x44AAAA44u, BinaryPrimitives.ReadUInt32BigEndian(body));
        int count = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4));
        var names = new List<string>();
        int at = 8;
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(0x3A3AA3A3u, BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at)));
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 4));
            string path = Encoding.UTF8.GetString(body, at + 8, length);
            Assert.StartsWith("/data/", path);
            names.Add(path["/data/".Length..]);
            at += 8 + length;
        }

        Assert.Equal(body.Length, at);
        return names;
    }

    private static FlashForgePrinterOptions Options(string address, params string[] files) => new()
    {
        Address = SimulatorFixtures.Ip(address),
        Model = FlashForgeModel.Adventurer5MPro,
        StoredFiles = files,
    };

    private static Task<VirtualFlashForgePrinter> Start(string address, params string[] files) =>
        VirtualFlashForgePrinter.StartAsync(Options(address, files));
}
