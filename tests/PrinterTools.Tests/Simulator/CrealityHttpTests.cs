using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.CrealityTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Port 80 of creality.md §7 and the K1C camera of §8: <c>/info</c>, <c>/upload/&lt;name&gt;</c> with its MD5 and
/// name checks, the downloads, and mjpg-streamer on 8080 (none on the K2 Plus). Addresses 127.R.163.x.
/// </summary>
public sealed class CrealityHttpTests
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    [Theory]
    [InlineData(CrealityModel.K1C, "163.1", "K1C")]
    [InlineData(CrealityModel.K2Plus, "163.2", "F008")]
    public async Task Info_names_the_model_code_and_the_mac_as_creality_print_requires(CrealityModel model, string at, string code)
    {
        await using VirtualCrealityPrinter printer = await StartAsync(at, model, o => o.MacAddress = "aabbccddeeff");
        using HttpClient http = Http();

        JsonElement info = JsonDocument.Parse(await http.GetStringAsync($"http://{printer.Address}/info")).RootElement;

        Assert.Equal(code, info.GetProperty("model").GetString());
        Assert.Equal("aabbccddeeff", info.GetProperty("mac").GetString());
        Assert.Equal(printer.Options.Name, info.GetProperty("hostname").GetString());
        Assert.Equal(80, printer.HttpPort);
    }

    [Fact]
    public async Task An_upload_with_the_right_md5_is_stored_in_the_folder_and_listed_and_the_counters_say_so()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("163.3", CrealityModel.K2Plus);
        using HttpClient http = Http();
        byte[] file = RandomFile(70_000, seed: 3);

        (HttpStatusCode status, JsonElement body) = await PostAsync(http, printer, "my part.gcode", file, Md5(file).ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"code\":200,\"message\":\"OK\"}", body.GetRawText());
        Assert.Equal(file, printer.GetFile("my part.gcode"));
        Assert.Equal(file, printer.GetFile("/mnt/UDISK/printer_data/gcodes/my part.gcode"));
        Assert.Equal((1, 0, 70_000L, Md5(file).ToUpperInvariant()), (printer.UploadsCompleted, printer.UploadsRejected, printer.UploadBytesReceived, printer.LastUploadMd5Header));
        Assert.Equal("my part.gcode", printer.Options.StoredFiles[0]);

        // Without the header (OrcaSlicer sends none) the file is taken as it came.
        (status, _) = await PostAsync(http, printer, "second.gcode", file, md5: null);
        Assert.Equal((HttpStatusCode.OK, 2), (status, printer.UploadsCompleted));
        Assert.Null(printer.LastUploadMd5Header);
    }

    [Theory]
    [InlineData("163.4", "wrong md5")]
    [InlineData("163.5", "no file part")]
    [InlineData("163.6", "not gcode")]
    [InlineData("163.7", "name too long")]
    public async Task A_refused_upload_gets_an_error_code_and_stores_nothing(string at, string why)
    {
        await using VirtualCrealityPrinter printer = await StartAsync(at, CrealityModel.K1C);
        using HttpClient http = Http();
        byte[] file = RandomFile(5000, seed: 4);
        (string name, string md5, string part) = why switch
        {
            "wrong md5" => ("cube.gcode", Md5(RandomFile(5000, seed: 5)), "file"),
            "no file part" => ("cube.gcode", Md5(file), "upload"),
            "not gcode" => ("cube.3mf", Md5(file), "file"),
            _ => (new string('n', 130) + ".gcode", Md5(file), "file"),
        };

        (HttpStatusCode status, JsonElement body) = await PostAsync(http, printer, name, file, md5, part);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEqual(200, body.GetProperty("code").GetInt32());
        Assert.DoesNotContain("OK", body.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(printer.Files);
        Assert.Equal((0, 1), (printer.UploadsCompleted, printer.UploadsRejected));
    }

    [Fact]
    public async Task Thumbnails_previews_and_time_lapses_are_served_for_what_exists_and_everything_else_is_404()
    {
        await using VirtualCrealityPrinter printer = await StartAsync("163.8", CrealityModel.K2Plus, o => o.StoredFiles = new[] { "cube.gcode" });
        using HttpClient http = Http();
        string root = $"http://{printer.Address}";

        // No job yet: no current preview.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{root}/downloads/original/current_print_image.png")).StatusCode);
        printer.Options.FileName = "cube.gcode";
        printer.Options.State = CrealityJobState.Printing;
        byte[] current = await http.GetByteArrayAsync($"{root}/downloads/original/current_print_image.png");
        Assert.Equal(PngSignature, current[..8]);

        byte[] thumbnail = await http.GetByteArrayAsync($"{root}/downloads/humbnail/cube.png");
        Assert.Equal(PngSignature, thumbnail[..8]);

        // The time-lapse named in reqElapseVideoList (one per ended job).
        await using CrealitySocket client = await CrealitySocket.ConnectAsync(printer.Address);
        await client.NextAsync();
        await client.GetAsync("reqElapseVideoList");
        string video = CrealitySocket.Str((await client.NextWithAsync("elapseVideoList"))["elapseVideoList"]!.AsArray()[0]!.AsObject(), "videoname");
        using HttpResponseMessage mp4 = await http.GetAsync($"{root}/downloads/video/{video}");
        Assert.Equal("video/mp4", mp4.Content.Headers.ContentType!.MediaType);
        Assert.Equal("ftyp", Encoding.ASCII.GetString((await mp4.Content.ReadAsByteArrayAsync())[4..8]));

        foreach (string missing in new[] { "/downloads/humbnail/boat.png", "/downloads/video/123.mp4", "/downloads/gcode/cube.gcode", "/nothing",
            "/downloads/humbnail/%2E%2E/cube.png", "/downloads/humbnail/../humbnail/cube.png" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await RawGetStatusAsync(printer.Address, 80, missing)));
        }
    }

    [Fact]
    public async Task The_k1c_camera_streams_mjpeg_in_boundarydonotcross_and_answers_a_snapshot_and_the_k2_plus_has_none()
    {
        await using VirtualCrealityPrinter k1c = await StartAsync("163.9", CrealityModel.K1C);
        await using VirtualCrealityPrinter k2 = await StartAsync("163.10", CrealityModel.K2Plus);
        using HttpClient http = Http();

        byte[] snapshot = await http.GetByteArrayAsync($"http://{k1c.Address}:8080/?action=snapshot");
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, snapshot[..2]);
        using (HttpResponseMessage stream = await http.GetAsync($"http://{k1c.Address}:8080/?action=stream", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal("multipart/x-mixed-replace", stream.Content.Headers.ContentType!.MediaType);
            Assert.Contains("boundarydonotcross", stream.Content.Headers.ContentType.ToString());
            await using Stream body = await stream.Content.ReadAsStreamAsync();
            var head = new byte[64];
            int read = await body.ReadAtLeastAsync(head, 20);
            Assert.StartsWith("--boundarydonotcross", Encoding.ASCII.GetString(head, 0, read));
        }

        Assert.Equal(2, k1c.CameraConnections);
        using var probe = new TcpClient();
        SocketException refused = await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(k2.Address, 8080));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    /// <summary>A GET sent as written (HttpClient would normalise the dots away).</summary>
    private static async Task<HttpStatusCode> RawGetStatusAsync(IPAddress address, int port, string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address, port);
        await using NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: printer\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        string statusLine = await TestGuard.AgainstHangAsync(reader.ReadLineAsync(), "the status line") ?? string.Empty;
        return (HttpStatusCode)int.Parse(statusLine.Split(' ')[1]);
    }
}
