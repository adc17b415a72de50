using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>The 5M Pro camera, MJPEG on port 8080 (notes §3.2 camera row). Addresses 127.R.59.x.</summary>
public sealed class CameraTests
{
    [Fact]
    public async Task Stream_yields_jpeg_frames_inside_its_boundary_while_the_viewer_is_counted()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.59.1");
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        using (HttpResponseMessage response = await http.GetAsync($"http://{printer.Address}:8080/?action=stream", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
            string? boundary = null;
            foreach (var parameter in response.Content.Headers.ContentType!.Parameters)
            {
                if (parameter.Name == "boundary")
                {
                    boundary = parameter.Value?.Trim('"');
                }
            }

            Assert.False(string.IsNullOrEmpty(boundary));
            await using Stream stream = await response.Content.ReadAsStreamAsync();
            byte[] first = await ReadPartAsync(stream, boundary!);
            byte[] second = await ReadPartAsync(stream, boundary!);
            byte[] third = await ReadPartAsync(stream, boundary!);

            foreach (byte[] jpeg in new[] { first, second, third })
            {
                Assert.Equal(new byte[] { 0xFF, 0xD8 }, jpeg[..2]);
                Assert.Equal(new byte[] { 0xFF, 0xD9 }, jpeg[^2..]);
            }

            Assert.Equal(1, printer.CameraClients);
        }

        await ControlTests.WaitUntilAsync(() => printer.CameraClients == 0);
    }

    [Fact]
    public async Task Dispose_ends_a_connected_camera_stream()
    {
        VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.59.2");
        using HttpClient http = SimulatorFixtures.NewHttpClient(TimeSpan.FromSeconds(30));
        using HttpResponseMessage response = await http.GetAsync($"http://{printer.Address}:8080/?action=stream", HttpCompletionOption.ResponseHeadersRead);
        await using Stream stream = await response.Content.ReadAsStreamAsync();
        await TestGuard.UntilAsync(() => printer.CameraClients == 1, "the viewer being counted");
        // Frame bytes arrive before the printer goes (a dispose right after the headers could beat the first frame,
        // seen once in a loaded run, and there would be no frame to have been sent).
        var firstBytes = new byte[1];
        Assert.Equal(1, await TestGuard.AgainstHangAsync(stream.ReadAsync(firstBytes).AsTask(), "the first frame"));
        // Reading while the printer goes away: the stream would run forever if dispose left the viewer connected.
        Task<long> drained = DrainAsync(stream);

        await TestGuard.AgainstHangAsync(printer.DisposeAsync().AsTask(), "dispose waited on the viewer");
        Assert.Equal(0, printer.CameraClients);

        // The server closes cleanly: the stream ends with end of data, not an error, after the frames already sent.
        await TestGuard.AgainstHangAsync(drained, "the stream did not end after dispose");
    }

    /// <summary>Reads until the end of the stream; returns how many bytes came.</summary>
    private static async Task<long> DrainAsync(Stream stream)
    {
        var sink = new byte[65536];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(sink)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Fact]
    public async Task Detail_names_the_stream_url_and_the_adventurer4_has_no_camera()
    {
        await using VirtualFlashForgePrinter pro = await Start($"{TestNet.Block}.59.3");
        using HttpClient http = SimulatorFixtures.NewHttpClient();
        using HttpResponseMessage detail = await SimulatorFixtures.PostJsonAsync(http, pro.Address, "/detail",
            $$"""{"serialNumber":"{{pro.Options.SerialNumber}}","checkCode":"{{pro.Options.CheckCode}}"}""");
        using JsonDocument json = JsonDocument.Parse(await detail.Content.ReadAsStringAsync());
        Assert.Equal($"http://{TestNet.Block}.59.3:8080/?action=stream", json.RootElement.GetProperty("detail").GetProperty("cameraStreamUrl").GetString());

        await using VirtualFlashForgePrinter a4 = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.59.4"),
            Model = FlashForgeModel.Adventurer4,
        });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        SocketException refused = await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(new IPEndPoint(a4.Address, 8080)));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    /// <summary>
    /// One part: "--boundary" line, headers up to a blank line (Content-Type image/jpeg, Content-Length n), then n
    /// bytes followed by CRLF.
    /// </summary>
    private static async Task<byte[]> ReadPartAsync(Stream stream, string boundary)
    {
        string line;
        do
        {
            line = await ReadLineAsync(stream);
        }
        while (line.Length == 0);

        Assert.Equal("--" + boundary, line);
        string? type = null;
        int length = -1;
        while ((line = await ReadLineAsync(stream)).Length > 0)
        {
            int colon = line.IndexOf(':');
            string name = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                type = value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.Equal("image/jpeg", type);
        Assert.True(length > 0);
        byte[] jpeg = new byte[length];
        await stream.ReadExactlyAsync(jpeg);
        Assert.Equal("", await ReadLineAsync(stream)); // the CRLF that ends the part's data
        return jpeg;
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            await stream.ReadExactlyAsync(one, timeout.Token);
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }

    private static Task<VirtualFlashForgePrinter> Start(string address) =>
        VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip(address),
            Model = FlashForgeModel.Adventurer5MPro,
        });
}
