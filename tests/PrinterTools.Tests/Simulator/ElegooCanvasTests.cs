using System;
using System.Linq;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.ElegooTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// The Centauri Carbon's CANVAS: <c>AmsConnectStatus</c> in the status (notes §7.1) and Cmd 324 answered with an
/// Ack frame, then a second response frame with the material data (§3.4, §4); resin printers drop 324. 127.R.157.x.
/// </summary>
public sealed class ElegooCanvasTests
{
    private const string DefaultTraysConnected =
        "{\"Ack\":0,\"active_canvas_id\":0,\"active_tray_id\":1,\"auto_refill\":false,\"canvas_list\":[{\"canvas_id\":0,\"connected\":1,\"tray_list\":["
        + "{\"tray_id\":0,\"brand\":\"ELEGOO\",\"filament_type\":\"PLA\",\"filament_name\":\"PLA\",\"filament_code\":\"0x0000\",\"filament_color\":\"#FF0000\",\"min_nozzle_temp\":190,\"max_nozzle_temp\":230,\"status\":1},"
        + "{\"tray_id\":1,\"brand\":\"ELEGOO\",\"filament_type\":\"PETG\",\"filament_name\":\"PETG\",\"filament_code\":\"0x0100\",\"filament_color\":\"#00FF00\",\"min_nozzle_temp\":230,\"max_nozzle_temp\":260,\"status\":1}"
        + "]}]}";

    private const string NoCanvas = "{\"Ack\":0,\"active_canvas_id\":0,\"active_tray_id\":-1,\"auto_refill\":false,\"canvas_list\":[]}";

    [Fact]
    public async Task A_connected_canvas_answers_324_with_an_ack_frame_then_the_trays_in_a_second_frame_for_the_same_request()
    {
        await using VirtualElegooPrinter printer = await StartAsync("157.1", ElegooFamily.CentauriCarbon, o =>
        {
            o.CanvasConnected = true;
            o.ActiveTray = 1;
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        string requestId = await client.SendCommandAsync(324);
        JsonElement ack = await client.NextAsync();
        JsonElement data = await client.NextAsync();

        foreach (JsonElement frame in new[] { ack, data })
        {
            Assert.Equal("sdcp/response/" + printer.Options.MainboardId, frame.GetProperty("Topic").GetString());
            Assert.Equal(324, frame.GetProperty("Data").GetProperty("Cmd").GetInt32());
            Assert.Equal(requestId, frame.GetProperty("Data").GetProperty("RequestID").GetString());
        }

        Assert.Equal("{\"Ack\":0}", ack.GetProperty("Data").GetProperty("Data").GetRawText());
        Assert.Equal(DefaultTraysConnected, data.GetProperty("Data").GetProperty("Data").GetRawText());
        SdcpReceivedCommand received = Assert.Single(printer.ReceivedCommands);
        Assert.Equal((324, "{}", requestId), (received.Cmd, received.Data, received.RequestId));
        await AssertOnlyTwoFramesAsync(client);
    }

    [Fact]
    public async Task Without_a_canvas_324_still_answers_in_two_frames_with_an_empty_canvas_list()
    {
        await using VirtualElegooPrinter printer = await StartAsync("157.2", ElegooFamily.CentauriCarbon);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        string requestId = await client.SendCommandAsync(324);
        JsonElement ack = await client.NextAsync();
        JsonElement data = await client.NextAsync();

        Assert.Equal("{\"Ack\":0}", ack.GetProperty("Data").GetProperty("Data").GetRawText());
        Assert.Equal(requestId, data.GetProperty("Data").GetProperty("RequestID").GetString());
        Assert.Equal(NoCanvas, data.GetProperty("Data").GetProperty("Data").GetRawText());
        await TestGuard.AgainstHangAsync(printer.WhenCommandReceived(324), "Cmd 324 arriving");
        await AssertOnlyTwoFramesAsync(client);
    }

    [Fact]
    public async Task AmsConnectStatus_is_1_while_a_canvas_is_connected_and_left_out_without_one()
    {
        await using VirtualElegooPrinter printer = await StartAsync("157.3", ElegooFamily.CentauriCarbon);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        Assert.False((await StatusAsync(client)).TryGetProperty("AmsConnectStatus", out _));
        printer.Options.CanvasConnected = true;
        JsonElement status = await StatusAsync(client);

        Assert.Equal(1, status.GetProperty("AmsConnectStatus").GetInt32());
        // §7.1 order: after PlatFormType, before the temperatures.
        string[] keys = Keys(status);
        Assert.Equal(Array.IndexOf(keys, "PlatFormType") + 1, Array.IndexOf(keys, "AmsConnectStatus"));
    }

    [Fact]
    public async Task Trays_and_the_active_tray_set_while_running_are_what_the_next_324_lists()
    {
        await using VirtualElegooPrinter printer = await StartAsync("157.4", ElegooFamily.CentauriCarbon);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        printer.Options.CanvasConnected = true;
        printer.Options.CanvasTrays = new[]
        {
            new ElegooCanvasTray(0, "PLA", "PLA Matte", "#FFFFFF"),
            new ElegooCanvasTray(1, "ABS", "ABS", "#000000", Status: 0),
            new ElegooCanvasTray(2, "TPU", "TPU 95A", "#1E90FF"),
        };
        printer.Options.ActiveTray = 2;

        await client.SendCommandAsync(324);
        await client.NextAsync();
        JsonElement data = (await client.NextAsync()).GetProperty("Data").GetProperty("Data");

        Assert.Equal(2, data.GetProperty("active_tray_id").GetInt32());
        JsonElement[] trays = Assert.Single(data.GetProperty("canvas_list").EnumerateArray()).GetProperty("tray_list").EnumerateArray().ToArray();
        Assert.Equal(new[] { 0, 1, 2 }, trays.Select(t => t.GetProperty("tray_id").GetInt32()));
        Assert.Equal(new[] { "PLA Matte", "ABS", "TPU 95A" }, trays.Select(t => t.GetProperty("filament_name").GetString()));
        Assert.Equal(new[] { "#FFFFFF", "#000000", "#1E90FF" }, trays.Select(t => t.GetProperty("filament_color").GetString()));
        Assert.Equal(new[] { 1, 0, 1 }, trays.Select(t => t.GetProperty("status").GetInt32()));
        Assert.All(trays, t => Assert.Equal(
            new[] { "tray_id", "brand", "filament_type", "filament_name", "filament_code", "filament_color", "min_nozzle_temp", "max_nozzle_temp", "status" },
            Keys(t)));

        printer.Options.CanvasConnected = false; // unplugged: no canvas, no active tray
        await client.SendCommandAsync(324);
        await client.NextAsync();
        Assert.Equal(NoCanvas, (await client.NextAsync()).GetProperty("Data").GetProperty("Data").GetRawText());
    }

    [Fact]
    public async Task A_resin_printer_drops_324_even_with_canvas_options_set_and_reports_no_AmsConnectStatus()
    {
        await using VirtualElegooPrinter printer = await StartAsync("157.5", ElegooFamily.Saturn4Ultra, o => o.CanvasConnected = true);
        await using ElegooSocket witness = await ElegooSocket.ConnectAsync(printer.Address);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(324);

        Assert.IsAssignableFrom<WebSocketException>(await client.DroppedAsync());
        Assert.False(client.HasFrame);
        Assert.Equal(1, printer.Crashes);
        Assert.Equal(324, Assert.Single(printer.ReceivedCommands).Cmd);
        Assert.False((await StatusAsync(witness)).TryGetProperty("AmsConnectStatus", out _));
    }

    private static async Task<JsonElement> StatusAsync(ElegooSocket client)
    {
        await client.SendCommandAsync(0);
        return (await client.NextOnAsync("sdcp/status/")).GetProperty("Status");
    }

    /// <summary>Answers go out in order on one socket: the next frame answers the next request, so 324 sent nothing more.</summary>
    private static async Task AssertOnlyTwoFramesAsync(ElegooSocket client)
    {
        string next = await client.SendCommandAsync(64);
        Assert.Equal(next, (await client.NextAsync()).GetProperty("Data").GetProperty("RequestID").GetString());
    }
}
