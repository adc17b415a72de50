using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Like the strictest embedded HTTP servers, the 5M Pro's API takes a body only with a Content-Length: a chunked
/// request is answered 411 Length Required and its body is never used. Addresses 127.R.102.x.
/// </summary>
public sealed class LengthRequiredTests
{
    private const string Serial = "SNMOMC7654321"; // the credentials HttpUploadTests.Upload sends
    private const string Code = "13572468";

    [Theory]
    [InlineData("/detail", 1)]
    [InlineData("/product", 2)]
    [InlineData("/control", 3)]
    [InlineData("/gcodeList", 4)]
    [InlineData("/gcodeThumb", 5)]
    [InlineData("/printGcode", 6)]
    public async Task A_chunked_post_to_an_api_endpoint_is_refused_with_411_and_the_same_post_with_a_length_is_answered(string path, int host)
    {
        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(new[] { Pro($"102.{host}") });
        VirtualFlashForgePrinter printer = farm.Printers[0];
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        using (HttpResponseMessage chunked = await http.SendAsync(Post(printer, path, chunked: true)))
        {
            Assert.Equal(HttpStatusCode.LengthRequired, chunked.StatusCode);
        }

        using (HttpResponseMessage sized = await http.SendAsync(Post(printer, path, chunked: false)))
        {
            Assert.Equal(HttpStatusCode.OK, sized.StatusCode);
            using JsonDocument json = JsonDocument.Parse(await sized.Content.ReadAsStringAsync());
            Assert.True(json.RootElement.TryGetProperty("code", out _));
        }

        Assert.Equal(1, printer.ChunkedRequestsRefused);
        Assert.Equal(1, farm.ChunkedRequestsRefused);
        Assert.Equal(2, printer.HttpRequests);
    }

    [Fact]
    public async Task A_chunked_upload_is_refused_with_411_stores_nothing_and_leaves_no_content_length()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(Pro("102.10"));
        using HttpClient http = SimulatorFixtures.NewHttpClient();
        Assert.Null(printer.LastUploadContentLength); // before any upload

        byte[] file = UploadPackets.RandomFile(20_000, seed: 102);
        using (HttpRequestMessage sized = HttpUploadTests.Upload(printer, "sized.gcode", file))
        {
            long length = sized.Content!.Headers.ContentLength!.Value;
            using HttpResponseMessage response = await http.SendAsync(sized);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(length, printer.LastUploadContentLength);
        }

        Assert.Equal(file, printer.GetFile("sized.gcode"));
        long bytesBefore = printer.BytesReceived;

        using (HttpRequestMessage chunked = HttpUploadTests.Upload(printer, "chunked.gcode", file))
        {
            chunked.Headers.TransferEncodingChunked = true;
            using HttpResponseMessage response = await http.SendAsync(chunked);
            Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
        }

        Assert.Null(printer.LastUploadContentLength); // the last upload announced none
        Assert.Null(printer.GetFile("chunked.gcode"));
        Assert.Equal(bytesBefore, printer.BytesReceived); // not a byte of its body was taken
        Assert.Equal(1, printer.UploadsCompleted);
        Assert.Equal(1, printer.UploadsRejected);
        Assert.Equal(1, printer.ChunkedRequestsRefused);
        Assert.Equal("false", printer.LastUploadHeaders!["printNow"]); // its headers are still the last ones seen
    }

    private static HttpRequestMessage Post(VirtualFlashForgePrinter printer, string path, bool chunked)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://{printer.Address}:8898{path}")
        {
            Content = new StringContent($$"""{"serialNumber":"{{Serial}}","checkCode":"{{Code}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = chunked;
        return request;
    }

    private static FlashForgePrinterOptions Pro(string lastTwoOctets) => new()
    {
        Address = TestNet.Ip(lastTwoOctets),
        Model = FlashForgeModel.Adventurer5MPro,
        SerialNumber = Serial,
        CheckCode = Code,
    };
}
