using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.ElegooTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// The SDCP WebSocket, notes §3: envelopes (§3.2), Ack then push for Cmd 0/1 (§3.4), the status and attributes
/// shapes of the captures (§7.1), the client cap (§3.6), the idle close and ping (§3.5), the crash (§3.7).
/// Addresses 127.R.151.x.
/// </summary>
public sealed class ElegooWebSocketTests
{
    [Theory]
    [InlineData(ElegooFamily.CentauriCarbon, "151.1")]
    [InlineData(ElegooFamily.Saturn4Ultra, "151.2")]
    public async Task Cmd_0_is_acked_in_the_v3_envelope_and_then_the_status_is_pushed_without_a_wrapper(ElegooFamily family, string at)
    {
        await using VirtualElegooPrinter printer = await StartAsync(at, family);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        string id = printer.Options.MainboardId;

        string requestId = await client.SendCommandAsync(0, withTopic: false); // §3.3: Topic may be absent
        JsonElement ack = await client.NextAsync();
        JsonElement push = await client.NextAsync();

        Assert.Equal(new[] { "Id", "Data", "Topic" }, Keys(ack));
        Assert.Equal(new[] { "Cmd", "Data", "RequestID", "MainboardID", "TimeStamp" }, Keys(ack.GetProperty("Data")));
        Assert.Equal(0, ack.GetProperty("Data").GetProperty("Cmd").GetInt32());
        Assert.Equal("{\"Ack\":0}", ack.GetProperty("Data").GetProperty("Data").GetRawText());
        Assert.Equal(requestId, ack.GetProperty("Data").GetProperty("RequestID").GetString());
        Assert.Equal(id, ack.GetProperty("Data").GetProperty("MainboardID").GetString());
        Assert.Equal($"sdcp/response/{id}", ack.GetProperty("Topic").GetString());

        Assert.Equal(new[] { "Status", "MainboardID", "TimeStamp", "Topic" }, Keys(push));
        Assert.Equal($"sdcp/status/{id}", push.GetProperty("Topic").GetString());
        Assert.Equal("[0]", push.GetProperty("Status").GetProperty("CurrentStatus").GetRawText());
        Assert.Single(printer.ReceivedCommands);
    }

    [Fact]
    public async Task The_cc_status_has_the_keys_of_the_printing_capture_and_real_numbers_while_printing()
    {
        await using VirtualElegooPrinter printer = await StartAsync("151.3", ElegooFamily.CentauriCarbon, o =>
        {
            o.StoredFiles = new[] { "box.gcode" };
            o.CurrentFile = "box.gcode";
            o.TotalLayers = 183;
            o.ProgressPercent = 40;
            o.EstimatedPrintTime = TimeSpan.FromSeconds(5071);
            o.State = ElegooJobState.Printing;
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(0);
        JsonElement status = (await client.NextOnAsync("sdcp/status/")).GetProperty("Status");

        JsonElement real = Capture("cc-2025-05-status-printing.json").GetProperty("Status");
        Assert.Equal(Keys(real), Keys(status));
        Assert.Equal(Keys(real.GetProperty("PrintInfo")), Keys(status.GetProperty("PrintInfo")));
        Assert.Equal(Keys(real.GetProperty("CurrentFanSpeed")), Keys(status.GetProperty("CurrentFanSpeed")));
        Assert.Equal("[1]", status.GetProperty("CurrentStatus").GetRawText());
        JsonElement info = status.GetProperty("PrintInfo");
        Assert.Equal(13, info.GetProperty("Status").GetInt32());
        Assert.Equal(40, info.GetProperty("Progress").GetInt32());
        Assert.Equal("box.gcode", info.GetProperty("Filename").GetString());
        Assert.Equal(5071, info.GetProperty("TotalTicks").GetInt32()); // seconds on the CC (§7.2)
        Assert.Equal(5071 * 0.4, info.GetProperty("CurrentTicks").GetDouble(), 3);
        Assert.Equal(JsonValueKind.String, status.GetProperty("CurrenCoord").ValueKind);
    }

    [Fact]
    public async Task The_resin_status_has_the_keys_of_the_s4u_capture_ms_ticks_and_no_progress()
    {
        await using VirtualElegooPrinter printer = await StartAsync("151.4", ElegooFamily.Saturn4Ultra, o =>
        {
            o.StoredFiles = new[] { "rook.goo" };
            o.CurrentFile = "rook.goo";
            o.TotalLayers = 157;
            o.ProgressPercent = 25;
            o.EstimatedPrintTime = TimeSpan.FromMilliseconds(1714197);
            o.State = ElegooJobState.Printing;
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(0);
        JsonElement push = await client.NextOnAsync("sdcp/status/");

        JsonElement real = Capture("s4u-v1.1.9-status-push-exposing.json");
        Assert.Equal(Keys(real), Keys(push));
        Assert.Equal(Keys(real.GetProperty("Status")), Keys(push.GetProperty("Status")));
        JsonElement info = push.GetProperty("Status").GetProperty("PrintInfo");
        Assert.Equal(Keys(real.GetProperty("Status").GetProperty("PrintInfo")), Keys(info));
        Assert.Equal(1714197, info.GetProperty("TotalTicks").GetInt64());
        Assert.Equal(1714197 / 4, info.GetProperty("CurrentTicks").GetInt64());
        Assert.InRange(info.GetProperty("Status").GetInt32(), 2, 4); // dropping, exposing or lifting
    }

    [Theory]
    [InlineData(ElegooFamily.CentauriCarbon, "151.5")]
    [InlineData(ElegooFamily.Saturn4Ultra, "151.6")]
    public async Task Cmd_1_is_acked_and_then_the_attributes_are_pushed_with_the_family_fields(ElegooFamily family, string at)
    {
        await using VirtualElegooPrinter printer = await StartAsync(at, family);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        string requestId = await client.SendCommandAsync(1);
        JsonElement ack = await client.NextAsync();
        JsonElement push = await client.NextAsync();

        Assert.Equal(requestId, ack.GetProperty("Data").GetProperty("RequestID").GetString());
        Assert.Equal(new[] { "Attributes", "MainboardID", "TimeStamp", "Topic" }, Keys(push));
        Assert.Equal($"sdcp/attributes/{printer.Options.MainboardId}", push.GetProperty("Topic").GetString());
        JsonElement attributes = push.GetProperty("Attributes");
        string[] keys = Keys(attributes);
        Assert.Contains("Capabilities", keys);
        Assert.Contains("NumberOfVideoStreamConnected", keys);
        Assert.Contains("MaximumVideoStreamAllowed", keys);
        string types = attributes.GetProperty("SupportFileType").GetRawText();
        if (family == ElegooFamily.CentauriCarbon)
        {
            Assert.Equal("[\"gcode\"]", types);
            Assert.Equal(printer.Options.MacAddress, attributes.GetProperty("MainboardMAC").GetString());
        }
        else
        {
            Assert.Equal("[\"CTB\",\"GOO\"]", types);
            Assert.Equal(1, attributes.GetProperty("DevicesStatus").GetProperty("RelaseFilmState").GetInt32());
            Assert.DoesNotContain("MainboardMAC", keys);
        }
    }

    [Fact]
    public async Task Ping_and_non_json_text_get_no_reply_and_the_next_request_is_answered()
    {
        await using VirtualElegooPrinter printer = await StartAsync("151.7", ElegooFamily.CentauriCarbon);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendTextAsync("ping");
        await client.SendTextAsync("hello, printer");
        await client.SendTextAsync("{\"Data\":\"not a request\"}");
        string requestId = await client.SendCommandAsync(64);

        // Answered in order on one socket: the first frame back is the Cmd 64 Ack, nothing for the three before.
        JsonElement first = await client.NextAsync();
        Assert.Equal(requestId, first.GetProperty("Data").GetProperty("RequestID").GetString());
        Assert.Equal(0, printer.Crashes);
        Assert.Equal(64, Assert.Single(printer.ReceivedCommands).Cmd);
    }

    [Theory]
    [InlineData(ElegooFamily.CentauriCarbon, "151.8", "999", "{}")]
    [InlineData(ElegooFamily.CentauriCarbon, "151.9", "0", "[]")]
    [InlineData(ElegooFamily.CentauriCarbon, "151.10", "128", "{\"Filename\":7}")]
    [InlineData(ElegooFamily.CentauriCarbon, "151.11", "258", "\"/local\"")]
    [InlineData(ElegooFamily.Saturn4Ultra, "151.12", "403", "{\"PrintSpeedPct\":100}")]
    [InlineData(ElegooFamily.Saturn4Ultra, "151.13", "324", "{}")]
    public async Task An_unknown_cmd_or_a_wrong_payload_drops_the_socket_and_counts_a_crash(ElegooFamily family, string at, string cmd, string data)
    {
        await using VirtualElegooPrinter printer = await StartAsync(at, family);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(int.Parse(cmd), data);

        Exception dropped = await client.DroppedAsync();
        Assert.IsAssignableFrom<WebSocketException>(dropped);
        Assert.False(client.HasFrame);
        Assert.Equal(1, printer.Crashes);
        await TestGuard.UntilAsync(() => printer.OpenWebSockets == 0, "the crashed socket's slot coming free");
        // Only the socket goes: the printer answers a new one.
        await using ElegooSocket again = await ElegooSocket.ConnectAsync(printer.Address);
        await again.SendCommandAsync(0);
        Assert.Equal("sdcp/response/" + printer.Options.MainboardId, (await again.NextAsync()).GetProperty("Topic").GetString());
    }

    [Fact]
    public async Task The_sixth_client_gets_http_500_too_many_client_and_a_closed_socket_frees_its_slot_at_once()
    {
        await using VirtualElegooPrinter printer = await StartAsync("151.14", ElegooFamily.CentauriCarbon);
        var clients = new ElegooSocket[5];
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i] = await ElegooSocket.ConnectAsync(printer.Address);
        }

        try
        {
            using var sixth = new ClientWebSocket();
            sixth.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() => sixth.ConnectAsync(new Uri($"ws://{printer.Address}:3030/websocket"), default));
            Assert.Equal(HttpStatusCode.InternalServerError, sixth.HttpStatusCode);
            Assert.Equal("HTTP/1.1 500 Internal Server Error\r\n", (await RawHandshakeAsync(printer.Address)).Split('\n')[0] + "\n");
            Assert.EndsWith("\r\n\r\ntoo many client", await RawHandshakeAsync(printer.Address));
            Assert.Equal(3, printer.RefusedWebSockets);
            Assert.Equal(5, printer.MaxConcurrentWebSockets);

            await clients[0].CloseAsync();
            Assert.Equal(4, printer.OpenWebSockets); // freed by the time the close is confirmed
            await using ElegooSocket replacement = await ElegooSocket.ConnectAsync(printer.Address);
            Assert.Equal(5, printer.OpenWebSockets);
            Assert.Equal(6, printer.TotalWebSockets);
        }
        finally
        {
            foreach (ElegooSocket client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_quiet_socket_is_dropped_after_the_idle_close_without_a_close_frame()
    {
        await using VirtualElegooPrinter printer = await StartAsync("151.15", ElegooFamily.CentauriCarbon, o => o.IdleClose = TimeSpan.FromMilliseconds(300));
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        Exception dropped = await client.DroppedAsync();

        Assert.IsAssignableFrom<WebSocketException>(dropped);
        Assert.Equal(1, printer.IdleClosures);
        Assert.Equal(0, printer.Crashes);
    }

    [Fact]
    public async Task Pings_keep_a_socket_open_past_the_idle_close_and_get_no_reply()
    {
        await using VirtualElegooPrinter printer = await StartAsync("151.16", ElegooFamily.CentauriCarbon, o => o.IdleClose = TimeSpan.FromSeconds(1));
        await using ElegooSocket pinging = await ElegooSocket.ConnectAsync(printer.Address);
        await using ElegooSocket quiet = await ElegooSocket.ConnectAsync(printer.Address);

        // Ping far more often than the idle close until the quiet socket has been dropped.
        while (!quiet.Ended.IsCompleted)
        {
            await pinging.SendTextAsync("ping");
            await Task.WhenAny(quiet.Ended, Task.Delay(100));
        }

        await pinging.SendTextAsync("ping");
        await pinging.SendCommandAsync(0);
        Assert.Equal("sdcp/response/" + printer.Options.MainboardId, (await pinging.NextAsync()).GetProperty("Topic").GetString());
        Assert.Equal(1, printer.IdleClosures);
        Assert.False(pinging.Ended.IsCompleted);
    }

    [Fact]
    public async Task The_cc_closes_idle_sockets_after_60_s_by_default_and_the_resin_never_does()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), new ElegooPrinterOptions { Family = ElegooFamily.CentauriCarbon }.IdleClose);
        Assert.Null(new ElegooPrinterOptions { Family = ElegooFamily.Saturn4Ultra }.IdleClose);
        Assert.Null(new ElegooPrinterOptions { Family = ElegooFamily.CentauriCarbon, IdleClose = null }.IdleClose);

        await using VirtualElegooPrinter carbon = await StartAsync("151.18", ElegooFamily.CentauriCarbon, o => o.IdleClose = TimeSpan.FromMilliseconds(300));
        await using VirtualElegooPrinter resin = await StartAsync("151.19", ElegooFamily.Saturn4Ultra);
        await using ElegooSocket resinClient = await ElegooSocket.ConnectAsync(resin.Address);
        await using ElegooSocket carbonClient = await ElegooSocket.ConnectAsync(carbon.Address);

        await carbonClient.DroppedAsync(); // both sockets were quiet at least this long

        Assert.False(resinClient.Ended.IsCompleted);
        await resinClient.SendCommandAsync(0);
        Assert.StartsWith("sdcp/response/", (await resinClient.NextAsync()).GetProperty("Topic").GetString());
        Assert.Equal(0, resin.IdleClosures);
    }

    [Fact]
    public async Task Other_paths_are_404_and_the_printer_logs_each_request_with_its_data()
    {
        await using VirtualElegooPrinter printer = await StartAsync("151.17", ElegooFamily.Saturn4Ultra);
        using var wrongPath = new ClientWebSocket();
        wrongPath.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => wrongPath.ConnectAsync(new Uri($"ws://{printer.Address}:3030/ws"), default));
        Assert.Equal(HttpStatusCode.NotFound, wrongPath.HttpStatusCode);

        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        Task seen = printer.WhenCommandReceived(512);
        string requestId = await client.SendCommandAsync(512, "{\"TimePeriod\":5000}");
        await TestGuard.AgainstHangAsync(seen, "Cmd 512 arriving");
        SdcpReceivedCommand command = Assert.Single(printer.ReceivedCommands);
        Assert.Equal(512, command.Cmd);
        Assert.Equal("{\"TimePeriod\":5000}", command.Data);
        Assert.Equal(requestId, command.RequestId);
    }

    /// <summary>A hand-written upgrade request; returns everything the printer sent before it closed.</summary>
    internal static async Task<string> RawHandshakeAsync(IPAddress address)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address, 3030);
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /websocket HTTP/1.1\r\nHost: {address}:3030\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var reply = new System.IO.MemoryStream();
        await TestGuard.AgainstHangAsync(stream.CopyToAsync(reply), "the refusal and its close");
        return Encoding.ASCII.GetString(reply.ToArray());
    }
}
