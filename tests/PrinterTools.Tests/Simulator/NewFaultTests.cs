using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.SimulatorApi;

namespace PrinterTools.Tests.Simulator;

/// <summary>RefuseUpload, StalledJob, EchoCheckCode, NoisySnapshot and SlowDrip. Addresses 127.R.82.x.</summary>
public sealed class NewFaultTests
{
    private const string Serial = "SNMOMC7654321"; // what HttpUploadTests.Upload sends
    private const string Code = "13572468";

    [Fact]
    public async Task Refuse_upload_answers_M28_with_an_error_and_counts_data_sent_anyway()
    {
        await using VirtualFlashForgePrinter printer = await Start("82.1", FlashForgeFault.RefuseUpload);
        await using RawConsole console = await ControlledConsoleAsync(printer);
        byte[] data = Encoding.ASCII.GetBytes(new string('A', 100));

        Assert.Equal("CMD M28 Received.\r\nError: cannot open file\r\nok\r\n", await console.AskAsync("M28 100 0:/user/x.gx"));
        Assert.Equal(1, printer.UploadsRejected);
        Assert.Equal(0, printer.BytesReceivedAfterRefusedUpload);

        await console.SendBytesAsync(UploadPackets.Packet(0, data)); // a client that ignores the refusal
        await console.AskAsync("M119"); // the printer reads in order: the packet came before this
        Assert.Equal(UploadPackets.PacketLength, printer.BytesReceivedAfterRefusedUpload);
        Assert.Null(printer.GetFile("x.gx"));

        // An accepted M28 ends the counting: its packets are an upload again.
        printer.Options.Fault = FlashForgeFault.None;
        Assert.Contains("Writing to file", await console.AskAsync("M28 100 0:/user/x.gx"));
        await console.SendBytesAsync(UploadPackets.Packet(0, data));
        Assert.Equal("N0000 ok.", await console.ReadLineAsync());
        Assert.Contains("Done saving file.", await console.AskAsync("M29"));
        Assert.Equal(data, printer.GetFile("x.gx"));
        Assert.Equal(UploadPackets.PacketLength, printer.BytesReceivedAfterRefusedUpload);
    }

    [Fact]
    public async Task An_M28_refused_for_lack_of_space_counts_raw_data_sent_after_it()
    {
        FlashForgePrinterOptions options = Options("82.2", FlashForgeFault.None);
        options.FreeSpaceBytes = 10;
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole console = await ControlledConsoleAsync(printer);

        Assert.StartsWith("CMD M28 Received.\r\nError: ", await console.AskAsync("M28 100 0:/user/big.gcode"));
        await console.SendBytesAsync(Encoding.ASCII.GetBytes("G28\nG1 X10\n")); // Orca's raw mode (§2.5)
        await console.AskAsync("M29");

        Assert.Equal(11, printer.BytesReceivedAfterRefusedUpload);
        Assert.DoesNotContain(printer.CommandLog, c => c.Code is "G28" or "G1"); // data, not commands
    }

    [Fact]
    public async Task A_stalled_job_never_advances_until_the_fault_is_cleared()
    {
        var clock = new ManualClock();
        FlashForgePrinterOptions options = JobProgressTests.Options("82.3", clock, TimeSpan.FromSeconds(100));
        options.Fault = FlashForgeFault.StalledJob;
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole console = await ControlledConsoleAsync(printer);
        await console.AskAsync("M23 0:/user/cube.gx");

        clock.Advance(TimeSpan.FromDays(1));

        Assert.Contains("SD printing byte 0/100\r\nLayer: 0/100\r\n", await console.AskAsync("M27"));
        Assert.Contains("MachineStatus: BUILDING_FROM_SD\r\n", await console.AskAsync("M119"));
        JsonElement detail = await DetailAsync(printer);
        Assert.Equal("printing", detail.GetProperty("status").GetString());
        Assert.Equal(0, detail.GetProperty("printDuration").GetInt32());
        Assert.Equal(100.0, detail.GetProperty("estimatedTime").GetDouble());

        printer.Options.Fault = FlashForgeFault.None;
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(50, printer.Options.ProgressPercent);
    }

    [Fact]
    public async Task Echo_check_code_repeats_the_code_sent_in_a_failure_and_changes_nothing()
    {
        await using VirtualFlashForgePrinter printer = await Start("82.4", FlashForgeFault.EchoCheckCode);

        foreach (string sent in new[] { Code, "99990000" })
        {
            JsonElement reply = await PostAsync(printer, "/detail", checkCode: sent);
            Assert.Equal(1, reply.GetProperty("code").GetInt32());
            Assert.Equal($"check code {sent} is wrong", reply.GetProperty("message").GetString());
            Assert.False(reply.TryGetProperty("detail", out _));
        }

        JsonElement light = await ControlAsync(printer, """{"cmd":"lightControl_cmd","args":{"status":"close"}}""");
        Assert.Contains(Code, light.GetProperty("message").GetString());
        Assert.True(printer.Options.LightOn);

        using HttpClient http = SimulatorFixtures.NewHttpClient();
        using HttpRequestMessage upload = HttpUploadTests.Upload(printer, "a.gcode", new byte[] { 1, 2, 3 }, checkCode: Code);
        using HttpResponseMessage response = await http.SendAsync(upload);
        using JsonDocument uploaded = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, uploaded.RootElement.GetProperty("code").GetInt32());
        Assert.Contains(Code, uploaded.RootElement.GetProperty("message").GetString());
        Assert.Null(printer.GetFile("a.gcode"));
        Assert.Equal(1, printer.UploadsRejected);
    }

    [Fact]
    public async Task Noisy_snapshot_has_jpeg_start_and_end_markers_and_no_marker_between()
    {
        await using VirtualFlashForgePrinter printer = await Start("82.5", FlashForgeFault.NoisySnapshot);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        byte[] image = await http.GetByteArrayAsync($"http://{printer.Address}:8080/?action=snapshot");

        Assert.True(image.Length > 4);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, image[..2]);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, image[^2..]);
        Assert.DoesNotContain((byte)0xFF, image[2..^2]); // no segment, so no SOF and no SOS

        printer.Options.Fault = FlashForgeFault.None;
        byte[] real = await http.GetByteArrayAsync($"http://{printer.Address}:8080/?action=snapshot");
        Assert.Contains((byte)0xC0, real); // the healthy frame has its SOF0 again
    }

    [Fact]
    public async Task Slow_drip_sends_the_whole_tcp_reply_in_many_pieces()
    {
        FlashForgePrinterOptions options = Options("82.6", FlashForgeFault.SlowDrip);
        options.SlowDripByteDelay = TimeSpan.FromMilliseconds(5);
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        const string expected = "CMD M650 Received.\r\nX: 1.0 Y: 0.5\r\nok\r\n";

        await console.SendAsync("M650");
        var received = new MemoryStream();
        int reads = 0;
        var buffer = new byte[1024];
        while (received.Length < expected.Length)
        {
            int read = await console.Socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
            Assert.True(read > 0, "closed mid-reply");
            received.Write(buffer, 0, read);
            reads++;
        }

        Assert.Equal(expected, Encoding.ASCII.GetString(received.ToArray()));
        Assert.True(reads > 1, $"the reply came in {reads} read(s)");

        options.SlowDripByteDelay = TimeSpan.FromSeconds(10);
        Assert.Equal(FlashForgePrinterOptions.MaxSlowDripByteDelay, options.SlowDripByteDelay); // bounded
    }

    [Fact]
    public async Task Slow_drip_trickles_the_http_body()
    {
        FlashForgePrinterOptions options = Options("82.7", FlashForgeFault.SlowDrip);
        options.SlowDripByteDelay = TimeSpan.FromMilliseconds(2);
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        using HttpClient http = SimulatorFixtures.NewHttpClient(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{printer.Address}:8898/product")
        {
            Content = new StringContent($$"""{"serialNumber":"{{Serial}}","checkCode":"{{Code}}"}""", Encoding.UTF8, "application/json"),
        };

        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        int reads = 0;
        var buffer = new byte[1024];
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, read);
            reads++;
        }

        using JsonDocument json = JsonDocument.Parse(received.ToArray());
        Assert.Equal(0, json.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(response.Content.Headers.ContentLength, received.Length);
        Assert.True(reads > 1, $"the body came in {reads} read(s)");
    }

    private static FlashForgePrinterOptions Options(string address, FlashForgeFault fault) => new()
    {
        Address = TestNet.Ip(address),
        Model = FlashForgeModel.Adventurer5MPro,
        SerialNumber = Serial,
        CheckCode = Code,
        Fault = fault,
        LightOn = true,
    };

    private static Task<VirtualFlashForgePrinter> Start(string address, FlashForgeFault fault) =>
        VirtualFlashForgePrinter.StartAsync(Options(address, fault));
}
