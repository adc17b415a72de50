using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>HTTP 8898 of the 5M Pro, notes §3. Addresses 127.R.53.x.</summary>
public sealed class HttpApiTests
{
    private static FlashForgePrinterOptions PrintingPro(string address) => new()
    {
        Address = SimulatorFixtures.Ip(address),
        Model = FlashForgeModel.Adventurer5MPro,
        Name = "Desk Pro",
        SerialNumber = "SNMOMC1234567",
        CheckCode = "87654321",
        MacAddress = "88:A9:A7:12:34:56",
        Firmware = "3.1.3",
        State = VirtualJobState.Printing,
        CurrentFile = "Lego Flower Stem Straight.3mf",
        ProgressPercent = 25,
        CurrentLayer = 75,
        TotalLayers = 552,
        NozzleTemperature = 220.15,
        NozzleTarget = 220,
        BedTemperature = 49.98,
        BedTarget = 50,
        LightOn = true,
        PrintDuration = TimeSpan.FromSeconds(1160),
        EstimatedTime = TimeSpan.FromSeconds(3664.5),
    };

    [Fact]
    public async Task Detail_with_right_credentials_reports_state_with_real_fields_units_and_headers()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(PrintingPro($"{TestNet.Block}.53.1"));
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        using HttpResponseMessage response = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail",
            """{"serialNumber":"SNMOMC1234567","checkCode":"87654321"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose);
        Assert.Equal("appliation/json", response.Content.Headers.ContentType?.MediaType); // the real typo (§3.1)
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = json.RootElement;
        Assert.Equal(0, root.GetProperty("code").GetInt32());
        Assert.Equal("Success", root.GetProperty("message").GetString());
        JsonElement d = root.GetProperty("detail");
        Assert.Equal("printing", d.GetProperty("status").GetString());
        Assert.Equal(0.25, d.GetProperty("printProgress").GetDouble());
        Assert.Equal(75, d.GetProperty("printLayer").GetInt32());
        Assert.Equal(552, d.GetProperty("targetPrintLayer").GetInt32());
        Assert.Equal(1160, d.GetProperty("printDuration").GetInt32());
        Assert.Equal(3664.5, d.GetProperty("estimatedTime").GetDouble());
        Assert.Equal(220.15, d.GetProperty("rightTemp").GetDouble());
        Assert.Equal("220.0", d.GetProperty("rightTargetTemp").GetRawText()); // a float even when whole, like the capture
        Assert.Equal(49.98, d.GetProperty("platTemp").GetDouble());
        Assert.Equal(50.0, d.GetProperty("platTargetTemp").GetDouble());
        Assert.Equal(JsonValueKind.Number, d.GetProperty("chamberTemp").ValueKind);
        Assert.Equal(JsonValueKind.Number, d.GetProperty("chamberTargetTemp").ValueKind);
        Assert.Equal("open", d.GetProperty("lightStatus").GetString());
        Assert.Equal("Lego Flower Stem Straight.3mf", d.GetProperty("printFileName").GetString());
        Assert.Equal("", d.GetProperty("errorCode").GetString());
        Assert.Equal(36, d.GetProperty("pid").GetInt32());
        Assert.Equal("Desk Pro", d.GetProperty("name").GetString());
        Assert.Equal("3.1.3", d.GetProperty("firmwareVersion").GetString());
        Assert.Equal("88:A9:A7:12:34:56", d.GetProperty("macAddr").GetString());
        Assert.Equal($"{TestNet.Block}.53.1", d.GetProperty("ipAddr").GetString());

        // Every key of the real capture is present (the simulator may not invent a different shape).
        using JsonDocument capture = JsonDocument.Parse(SimulatorFixtures.Read("adventurer5mpro-fw2.7.2-http-detail-printing.json"));
        string[] missing = capture.RootElement.GetProperty("detail").EnumerateObject()
            .Select(p => p.Name).Where(name => !d.TryGetProperty(name, out _)).ToArray();
        Assert.Empty(missing);
        Assert.Equal(1, printer.HttpRequests);
    }

    [Theory]
    [InlineData(2, VirtualJobState.Paused, "pause")]
    [InlineData(3, VirtualJobState.Completed, "completed")]
    [InlineData(4, VirtualJobState.Idle, "ready")]
    public async Task Detail_status_follows_the_state(int octet, VirtualJobState state, string expected)
    {
        FlashForgePrinterOptions options = PrintingPro($"{TestNet.Block}.53.{octet}");
        options.State = state;
        options.LightOn = false;
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        using HttpResponseMessage response = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail",
            """{"serialNumber":"SNMOMC1234567","checkCode":"87654321"}""");
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement d = json.RootElement.GetProperty("detail");

        Assert.Equal(expected, d.GetProperty("status").GetString());
        Assert.Equal("close", d.GetProperty("lightStatus").GetString());
    }

    [Theory]
    [InlineData("""{"serialNumber":"SNMOMC1234567","checkCode":"00000000"}""")]
    [InlineData("""{"serialNumber":"SNWRONG","checkCode":"87654321"}""")]
    [InlineData("""{"serialNumber":"SNMOMC1234567"}""")]
    public async Task Wrong_credentials_get_a_non_zero_code_and_no_detail(string body)
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(PrintingPro($"{TestNet.Block}.53.5"));
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        using HttpResponseMessage response = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", body);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(1001, json.RootElement.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()));
        Assert.False(json.RootElement.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task Product_matches_the_capture_and_unknown_paths_are_404()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(PrintingPro($"{TestNet.Block}.53.6"));
        using HttpClient http = SimulatorFixtures.NewHttpClient();
        const string credentials = """{"serialNumber":"SNMOMC1234567","checkCode":"87654321"}""";

        using HttpResponseMessage product = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/product", credentials);
        using JsonDocument actual = JsonDocument.Parse(await product.Content.ReadAsStringAsync());
        using JsonDocument expected = JsonDocument.Parse(SimulatorFixtures.Read("adventurer5mpro-http-product.json"));
        Assert.Equal(Canonical(expected.RootElement), Canonical(actual.RootElement));

        using HttpResponseMessage missing = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/nothingHere", credentials);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("not found", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Control_light_and_job_commands_change_the_state()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(PrintingPro($"{TestNet.Block}.53.7"));
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        await Control(http, printer, """{"cmd":"lightControl_cmd","args":{"status":"close"}}""");
        Assert.False(printer.Options.LightOn);
        await Control(http, printer, """{"cmd":"jobCtl_cmd","args":{"jobID":"","action":"pause"}}""");
        Assert.Equal(VirtualJobState.Paused, printer.Options.State);
        await Control(http, printer, """{"cmd":"jobCtl_cmd","args":{"jobID":"","action":"continue"}}""");
        Assert.Equal(VirtualJobState.Printing, printer.Options.State);
        await Control(http, printer, """{"cmd":"jobCtl_cmd","args":{"jobID":"","action":"cancel"}}""");
        Assert.Equal(VirtualJobState.Cancelled, printer.Options.State); // §3.3 "cancel"
    }

    [Fact]
    public async Task Adventurer4_has_no_http_port()
    {
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip($"{TestNet.Block}.53.8"),
            Model = FlashForgeModel.Adventurer4,
        });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        SocketException refused = await Assert.ThrowsAsync<SocketException>(async () =>
            await socket.ConnectAsync(new IPEndPoint(printer.Address, 8898)));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task Concurrent_requests_are_counted()
    {
        FlashForgePrinterOptions options = PrintingPro($"{TestNet.Block}.53.9");
        options.Latency = TimeSpan.FromMilliseconds(300);
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", """{"serialNumber":"SNMOMC1234567","checkCode":"87654321"}""")));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(3, printer.HttpRequests);
        Assert.Equal(3, printer.MaxConcurrentHttpRequests);
    }

    private static async Task Control(HttpClient http, VirtualFlashForgePrinter printer, string payload)
    {
        using HttpResponseMessage response = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/control",
            $$"""{"serialNumber":"SNMOMC1234567","checkCode":"87654321","payload":{{payload}}}""");
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, json.RootElement.GetProperty("code").GetInt32());
    }

    private static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + ":" + Canonical(p.Value))) + "}",
        _ => element.GetRawText(),
    };
}
