using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// HTTP file endpoints of the 5M Pro, notes §3.2: /uploadGcode (capture ad5x-likely-host204-http-uploadGcode-
/// request-headers.txt), /printGcode, /gcodeList, /gcodeThumb. Addresses 127.R.58.20-39.
/// </summary>
public sealed class HttpUploadTests
{
    private const string Serial = "SNMOMC7654321";
    private const string Code = "13572468";

    [Fact]
    public async Task Upload_stores_identical_bytes_records_headers_and_honours_expect_100_continue()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.20");
        // A long 100-continue wait: if the printer did not send "100 Continue" the upload would stall past the timeout.
        using HttpClient http = new(new SocketsHttpHandler { UseProxy = false, Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
        byte[] file = UploadPackets.RandomFile(300_000, seed: 20);

        using HttpRequestMessage request = Upload(printer, "Benchy part.3mf", file, printNow: false);
        request.Headers.ExpectContinue = true;
        JsonElement reply = await SendAsync(http, request);

        Assert.Equal(0, reply.GetProperty("code").GetInt32());
        Assert.Equal("Success", reply.GetProperty("message").GetString());
        Assert.Equal(file, printer.GetFile("Benchy part.3mf"));
        Assert.Equal(1, printer.UploadsCompleted);
        Assert.True(printer.BytesReceived > file.Length); // the whole multipart body
        Assert.Equal(VirtualJobState.Idle, printer.Options.State);
        Assert.Equal(0, printer.JobsStarted);

        IReadOnlyDictionary<string, string> headers = printer.LastUploadHeaders!;
        Assert.Equal(Serial, headers["serialNumber"]);
        Assert.Equal(file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), headers["fileSize"]);
        Assert.Equal("false", headers["printNow"]);
        Assert.Equal("true", headers["levelingBeforePrint"]);
        Assert.Equal("false", headers["flowCalibration"]);
        Assert.Equal("false", headers["useMatlStation"]);
        Assert.Equal("0", headers["gcodeToolCnt"]);
        Assert.Equal("W10=", headers["materialMappings"]);
        Assert.Equal("[]", Encoding.UTF8.GetString(Convert.FromBase64String(headers["materialMappings"])));
        Assert.True(headers.ContainsKey("checkCode"));
        Assert.DoesNotContain(headers.Values, v => v.Contains(Code, StringComparison.Ordinal)); // never kept
        Assert.DoesNotContain(Code, printer.ToString());

        JsonElement list = await PostAsync(http, printer, "/gcodeList", "");
        Assert.Equal("Benchy part.3mf", list.GetProperty("gcodeList")[0].GetString());
        JsonElement detail = await PostAsync(http, printer, "/detail", "");
        double expectedGb = (FlashForgePrinterOptions.DefaultFreeSpaceBytes - file.Length) / (1024.0 * 1024 * 1024);
        Assert.Equal(expectedGb, detail.GetProperty("detail").GetProperty("remainingDiskSpace").GetDouble(), 9);
    }

    [Fact]
    public async Task Upload_with_a_wrong_check_code_is_refused_like_detail()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.21");
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        JsonElement reply = await SendAsync(http, Upload(printer, "x.gcode", new byte[1000], checkCode: "00000000"));
        JsonElement detail = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, Url(printer, "/detail"))
        {
            Content = new StringContent($$"""{"serialNumber":"{{Serial}}","checkCode":"00000000"}""", Encoding.UTF8, "application/json"),
        });

        Assert.Equal(detail.GetRawText(), reply.GetRawText());
        Assert.NotEqual(0, reply.GetProperty("code").GetInt32());
        Assert.Null(printer.GetFile("x.gcode"));
        Assert.Equal(1, printer.UploadsRejected);
        Assert.Equal(0, printer.UploadsCompleted);
    }

    [Fact]
    public async Task Upload_with_printNow_starts_the_job()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.58.22");
        using HttpClient http = SimulatorFixtures.NewHttpClient();
        byte[] file = Encoding.ASCII.GetBytes("; total layer number: 240\nG28\n");

        JsonElement reply = await SendAsync(http, Upload(printer, "cube.gcode", file, printNow: true));

        Assert.Equal(0, reply.GetProperty("code").GetInt32());
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
        Assert.Equal("cube.gcode", printer.Options.CurrentFile);
        Assert.Equal(240, printer.Options.TotalLayers);
        Assert.Equal(1, printer.JobsStarted);
        JsonElement detail = await PostAsync(http, printer, "/detail", "");
        Assert.Equal("printing", detail.GetProperty("detail").GetProperty("status").GetString());
        Assert.Equal("cube.gcode", detail.GetProperty("detail").GetProperty("printFileName").GetString());
    }

    [Theory]
    [InlineData("58.23", "size")]
    [InlineData("58.24", "unclosed")]
    [InlineData("58.25", "noBoundary")]
    [InlineData("58.26", "wrongPart")]
    [InlineData("58.27", "boolean")]
    [InlineData("58.28", "mappings")]
    public async Task Bad_uploads_get_a_non_zero_code_and_store_nothing(string address, string flaw)
    {
        await using VirtualFlashForgePrinter printer = await Start(TestNet.At(address));
        using HttpClient http = SimulatorFixtures.NewHttpClient();
        byte[] file = UploadPackets.RandomFile(2000, seed: 23);
        const string boundary = "------------------------v3GcLTGebpPzgLGBOgAQKJ"; // libcurl style, as captured
        string head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{(flaw == "wrongPart" ? "file" : "gcodeFile")}\"; filename=\"bad.gcode\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
        byte[] body = Encoding.ASCII.GetBytes(head).Concat(file)
            .Concat(Encoding.ASCII.GetBytes(flaw == "unclosed" ? "\r\n" : $"\r\n--{boundary}--\r\n")).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type",
            flaw == "noBoundary" ? "multipart/form-data" : $"multipart/form-data; boundary={boundary}");
        var request = new HttpRequestMessage(HttpMethod.Post, Url(printer, "/uploadGcode")) { Content = content };
        AddHeaders(request, Code, flaw == "size" ? file.Length + 1 : file.Length, printNow: false);
        if (flaw == "boolean")
        {
            request.Headers.Remove("levelingBeforePrint");
            request.Headers.TryAddWithoutValidation("levelingBeforePrint", "1"); // the wiki's 0/1, contradicted by the capture
        }

        if (flaw == "mappings")
        {
            request.Headers.Remove("materialMappings");
            request.Headers.TryAddWithoutValidation("materialMappings", "[]"); // plain JSON, not Base64
        }

        JsonElement reply = await SendAsync(http, request);

        Assert.NotEqual(0, reply.GetProperty("code").GetInt32());
        Assert.Null(printer.GetFile("bad.gcode"));
        Assert.Equal(1, printer.UploadsRejected);
    }

    [Fact]
    public async Task Upload_larger_than_the_free_space_is_refused_and_detail_reports_the_space()
    {
        FlashForgePrinterOptions options = Options($"{TestNet.Block}.58.29");
        options.FreeSpaceBytes = 3L * 1024 * 1024 * 1024 / 2; // 1.5 GiB
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        JsonElement detail = await PostAsync(http, printer, "/detail", "");
        Assert.Equal(1.5, detail.GetProperty("detail").GetProperty("remainingDiskSpace").GetDouble());

        printer.Options.FreeSpaceBytes = 1000;
        JsonElement reply = await SendAsync(http, Upload(printer, "big.gcode", new byte[1001]));
        Assert.NotEqual(0, reply.GetProperty("code").GetInt32());
        Assert.Null(printer.GetFile("big.gcode"));
        Assert.Equal(0, (await SendAsync(http, Upload(printer, "fits.gcode", new byte[1000]))).GetProperty("code").GetInt32());
        Assert.Equal(0, printer.Options.FreeSpaceBytes);
    }

    [Fact]
    public async Task Drop_mid_upload_breaks_the_exchange_and_discards_the_file()
    {
        FlashForgePrinterOptions options = Options($"{TestNet.Block}.58.30");
        options.Fault = FlashForgeFault.DropMidUpload;
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        using HttpClient http = SimulatorFixtures.NewHttpClient();
        byte[] file = UploadPackets.RandomFile(400_000, seed: 30);

        HttpRequestException cut = await Assert.ThrowsAsync<HttpRequestException>(async () => await SendAsync(http, Upload(printer, "dropped.3mf", file)));
        Assert.Equal(HttpRequestError.ResponseEnded, cut.HttpRequestError);

        await ControlTests.WaitUntilAsync(() => printer.UploadsRejected == 1);
        Assert.Null(printer.GetFile("dropped.3mf"));
        Assert.InRange(printer.BytesReceived, file.Length / 2, file.Length); // about half arrived
        Assert.Equal(0, printer.UploadsCompleted);
    }

    [Fact]
    public async Task PrintGcode_starts_a_stored_file_and_reports_a_missing_one()
    {
        FlashForgePrinterOptions options = Options($"{TestNet.Block}.58.31");
        options.StoredFiles = new[] { "3DBenchy.3mf" };
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        // The body of ad5x-likely-host204-http-printGcode-exchange.txt, with this printer's credentials.
        const string printBody = """
            "fileName": "3DBenchy.3mf", "flowCalibration": false, "gcodeToolCnt": 0,
            "levelingBeforePrint": false, "materialMappings": [], "useMatlStation": false
            """;
        JsonElement missing = await PostAsync(http, printer, "/printGcode", printBody.Replace("3DBenchy", "Nothing"));
        Assert.NotEqual(0, missing.GetProperty("code").GetInt32());
        Assert.Equal(VirtualJobState.Idle, printer.Options.State);

        JsonElement started = await PostAsync(http, printer, "/printGcode", printBody);
        Assert.Equal(0, started.GetProperty("code").GetInt32());
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
        Assert.Equal("3DBenchy.3mf", printer.Options.CurrentFile);
        Assert.Equal(1, printer.JobsStarted);
    }

    [Fact]
    public async Task GcodeThumb_returns_the_same_png_as_M662_as_base64()
    {
        FlashForgePrinterOptions options = Options($"{TestNet.Block}.58.32");
        options.StoredFiles = new[] { "3DBenchy.3mf" };
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        JsonElement reply = await PostAsync(http, printer, "/gcodeThumb", "\"fileName\":\"3DBenchy.3mf\"");
        Assert.Equal(0, reply.GetProperty("code").GetInt32());
        Assert.Equal("Success", reply.GetProperty("message").GetString());
        byte[] png = Convert.FromBase64String(reply.GetProperty("imageData").GetString()!);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);

        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.AskAsync("M662 /data/3DBenchy.3mf");
        Assert.Equal(png, await StoredFileTests.ReadThumbnailAsync(console));

        JsonElement missing = await PostAsync(http, printer, "/gcodeThumb", "\"fileName\":\"nothing.3mf\"");
        Assert.NotEqual(0, missing.GetProperty("code").GetInt32());
        Assert.False(missing.TryGetProperty("imageData", out _));
    }

    [Fact]
    public async Task GcodeList_shows_the_10_most_recent_files_newest_first()
    {
        FlashForgePrinterOptions options = Options($"{TestNet.Block}.58.33");
        options.StoredFiles = Enumerable.Range(1, 12).Select(i => $"old{i}.gcode").ToArray();
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        await SendAsync(http, Upload(printer, "new.gcode", new byte[10]));
        JsonElement list = await PostAsync(http, printer, "/gcodeList", "");

        string[] names = list.GetProperty("gcodeList").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(new[] { "new.gcode" }.Concat(Enumerable.Range(1, 9).Select(i => $"old{i}.gcode")), names);
        Assert.Equal(13, printer.Files.Count);
    }

    internal static HttpRequestMessage Upload(VirtualFlashForgePrinter printer, string fileName, byte[] data, bool printNow = false, string checkCode = Code)
    {
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "gcodeFile", fileName } };
        var request = new HttpRequestMessage(HttpMethod.Post, Url(printer, "/uploadGcode")) { Content = form };
        AddHeaders(request, checkCode, data.Length, printNow);
        return request;
    }

    /// <summary>The header set of the capture (fw ≥ 3.1.3 form), in its order.</summary>
    private static void AddHeaders(HttpRequestMessage request, string checkCode, long fileSize, bool printNow)
    {
        request.Headers.TryAddWithoutValidation("serialNumber", Serial);
        request.Headers.TryAddWithoutValidation("checkCode", checkCode);
        request.Headers.TryAddWithoutValidation("fileSize", fileSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("printNow", printNow ? "true" : "false");
        request.Headers.TryAddWithoutValidation("levelingBeforePrint", "true");
        request.Headers.TryAddWithoutValidation("flowCalibration", "false");
        request.Headers.TryAddWithoutValidation("useMatlStation", "false");
        request.Headers.TryAddWithoutValidation("gcodeToolCnt", "0");
        request.Headers.TryAddWithoutValidation("materialMappings", "W10=");
    }

    private static string Url(VirtualFlashForgePrinter printer, string path) => $"http://{printer.Address}:8898{path}";

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using HttpResponseMessage response = await http.SendAsync(request);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    /// <summary>POSTs the credentials plus <paramref name="members"/> (JSON members without braces).</summary>
    private static async Task<JsonElement> PostAsync(HttpClient http, VirtualFlashForgePrinter printer, string path, string members)
    {
        string json = $$"""{"serialNumber":"{{Serial}}","checkCode":"{{Code}}"{{(members.Length > 0 ? "," + members : "")}}}""";
        using HttpResponseMessage response = await SimulatorFixtures.PostJsonAsync(http, printer.Address, path, json);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static FlashForgePrinterOptions Options(string address) => new()
    {
        Address = SimulatorFixtures.Ip(address),
        Model = FlashForgeModel.Adventurer5MPro,
        SerialNumber = Serial,
        CheckCode = Code,
    };

    private static Task<VirtualFlashForgePrinter> Start(string address) => VirtualFlashForgePrinter.StartAsync(Options(address));
}
