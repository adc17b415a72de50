using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.ElegooTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>The CC's MJPEG camera on 3031 and Cmd 386 (notes §4, §6.4). Addresses 127.R.154.x.</summary>
public sealed class ElegooCameraTests
{
    [Fact]
    public async Task The_cc_video_stream_sends_whole_jpeg_parts_and_is_counted_while_open()
    {
        await using VirtualElegooPrinter printer = await StartAsync("154.1", ElegooFamily.CentauriCarbon);
        using HttpClient http = KeepAliveHttp();

        using (HttpResponseMessage response = await http.GetAsync($"http://{printer.Address}:3031/video", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(new Version(1, 0), response.Version);
            Assert.Equal("multipart/x-mixed-replace; boundary=--foo", response.Content.Headers.GetValues("Content-Type").Single());
            await using Stream stream = await response.Content.ReadAsStreamAsync();
            string head = await ReadPartHeadAsync(stream);
            Assert.StartsWith("--foo\r\nContent-Type: image/jpeg\r\n", head);
            byte[] jpeg = await ReadJpegAsync(stream);
            Assert.Equal(new byte[] { 0xFF, 0xD8 }, jpeg[..2]);
            Assert.Equal(new byte[] { 0xFF, 0xD9 }, jpeg[^2..]);
            Assert.Equal(1, printer.OpenCameraConnections);

            await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
            await client.SendCommandAsync(1);
            JsonElement attributes = (await client.NextOnAsync("sdcp/attributes/")).GetProperty("Attributes");
            Assert.Equal(1, attributes.GetProperty("NumberOfVideoStreamConnected").GetInt32());
            Assert.Equal(4, attributes.GetProperty("MaximumVideoStreamAllowed").GetInt32());
        }

        await TestGuard.UntilAsync(() => printer.OpenCameraConnections == 0, "the closed stream being seen");
        Assert.Equal(1, printer.CameraConnections);
    }

    [Fact]
    public async Task Cmd_386_gives_the_cc_url_without_a_scheme_and_the_resin_no_camera()
    {
        await using VirtualElegooPrinter carbon = await StartAsync("154.2", ElegooFamily.CentauriCarbon);
        await using VirtualElegooPrinter resin = await StartAsync("154.3", ElegooFamily.Saturn4Ultra);
        await using ElegooSocket carbonClient = await ElegooSocket.ConnectAsync(carbon.Address);
        await using ElegooSocket resinClient = await ElegooSocket.ConnectAsync(resin.Address);

        await carbonClient.SendCommandAsync(386, "{\"Enable\":1}");
        JsonElement on = (await carbonClient.NextAsync()).GetProperty("Data").GetProperty("Data");
        await resinClient.SendCommandAsync(386, "{\"Enable\":1}");
        JsonElement none = (await resinClient.NextAsync()).GetProperty("Data").GetProperty("Data");

        Assert.Equal(0, on.GetProperty("Ack").GetInt32());
        Assert.Equal($"{carbon.Address}:3031/video", on.GetProperty("VideoUrl").GetString());
        Assert.Equal(2, none.GetProperty("Ack").GetInt32());
        using HttpClient http = KeepAliveHttp();
        using HttpResponseMessage other = await http.GetAsync($"http://{carbon.Address}:3031/snapshot");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(0, carbon.CameraConnections);
    }

    /// <summary>The part's delimiter and headers, up to the blank line.</summary>
    private static async Task<string> ReadPartHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int b = await TestGuard.AgainstHangAsync(ReadByteAsync(stream), "a part head");
            Assert.NotEqual(-1, b);
            head.Append((char)b);
        }

        return head.ToString();
    }

    /// <summary>Bytes up to and including the JPEG's end marker.</summary>
    private static async Task<byte[]> ReadJpegAsync(Stream stream)
    {
        var jpeg = new MemoryStream();
        while (jpeg.Length < 2 || jpeg.GetBuffer()[jpeg.Length - 2] != 0xFF || jpeg.GetBuffer()[jpeg.Length - 1] != 0xD9)
        {
            int b = await TestGuard.AgainstHangAsync(ReadByteAsync(stream), "a JPEG");
            Assert.NotEqual(-1, b);
            jpeg.WriteByte((byte)b);
        }

        return jpeg.ToArray();
    }

    private static async Task<int> ReadByteAsync(Stream stream)
    {
        var one = new byte[1];
        return await stream.ReadAsync(one) == 0 ? -1 : one[0];
    }
}
