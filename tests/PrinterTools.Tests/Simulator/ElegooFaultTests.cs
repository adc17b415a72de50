using System;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.ElegooTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>Each <see cref="ElegooFault"/>: what a client meets when the printer misbehaves that way. Addresses 127.R.155.x.</summary>
public sealed class ElegooFaultTests
{
    [Fact]
    public async Task NotJsonFrames_answers_each_request_with_one_text_frame_that_is_not_json()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.1", ElegooFamily.CentauriCarbon, o => o.Fault = ElegooFault.NotJsonFrames);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(0);
        string frame = await client.NextRawAsync();

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(frame));
        printer.Options.Fault = ElegooFault.None; // the next request proves nothing else was sent for the first
        string next = await client.SendCommandAsync(64);
        Assert.Equal(next, (await client.NextAsync()).GetProperty("Data").GetProperty("RequestID").GetString());
    }

    [Fact]
    public async Task WrongShapeStatus_sends_the_status_as_a_string_an_array_and_with_wrongly_typed_fields_in_turn()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.2", ElegooFamily.CentauriCarbon, o => o.Fault = ElegooFault.WrongShapeStatus);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        var kinds = new JsonValueKind[3];
        JsonElement typed = default;
        for (int i = 0; i < 3; i++)
        {
            await client.SendCommandAsync(0);
            JsonElement status = (await client.NextOnAsync("sdcp/status/")).GetProperty("Status");
            kinds[i] = status.ValueKind;
            typed = status.ValueKind == JsonValueKind.Object ? status : typed;
        }

        Assert.Equal(new[] { JsonValueKind.String, JsonValueKind.Array, JsonValueKind.Object }, kinds);
        Assert.Equal(JsonValueKind.String, typed.GetProperty("CurrentStatus").ValueKind);
        Assert.Equal(JsonValueKind.String, typed.GetProperty("PrintInfo").GetProperty("Progress").ValueKind);
        Assert.Equal(JsonValueKind.Number, typed.GetProperty("PrintInfo").GetProperty("Filename").ValueKind);
    }

    [Fact]
    public async Task UnknownStatusCodes_reports_77_and_99()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.3", ElegooFamily.Saturn4Ultra, o => o.Fault = ElegooFault.UnknownStatusCodes);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(0);
        JsonElement status = (await client.NextOnAsync("sdcp/status/")).GetProperty("Status");

        Assert.Equal("[77]", status.GetProperty("CurrentStatus").GetRawText());
        Assert.Equal(99, status.GetProperty("PrintInfo").GetProperty("Status").GetInt32());
    }

    [Fact]
    public async Task MissingDataWrapper_puts_the_response_members_at_the_top_level()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.4", ElegooFamily.CentauriCarbon, o => o.Fault = ElegooFault.MissingDataWrapper);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        string requestId = await client.SendCommandAsync(0);
        JsonElement ack = await client.NextAsync();

        Assert.Equal(new[] { "Id", "Cmd", "Data", "RequestID", "MainboardID", "TimeStamp", "Topic" }, Keys(ack));
        Assert.Equal(requestId, ack.GetProperty("RequestID").GetString());
        Assert.Equal("{\"Ack\":0}", ack.GetProperty("Data").GetRawText());
    }

    [Fact]
    public async Task HugeFrame_answers_cmd_0_with_a_ten_megabyte_status_frame()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.5", ElegooFamily.CentauriCarbon, o => o.Fault = ElegooFault.HugeFrame);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(0);
        await client.NextAsync(); // the Ack
        string status = await client.NextRawAsync();

        Assert.True(status.Length >= 10 * 1024 * 1024, $"only {status.Length} characters");
        Assert.StartsWith("sdcp/status/", JsonDocument.Parse(status).RootElement.GetProperty("Topic").GetString());
    }

    [Fact]
    public async Task NoAck_never_answers_but_the_request_is_logged()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.6", ElegooFamily.CentauriCarbon, o => o.Fault = ElegooFault.NoAck);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(0);
        await TestGuard.AgainstHangAsync(printer.WhenCommandReceived(0), "Cmd 0 arriving");
        printer.Options.Fault = ElegooFault.None;
        string second = await client.SendCommandAsync(1);

        // Requests are handled in order: the first frame back answers the second request.
        Assert.Equal(second, (await client.NextAsync()).GetProperty("Data").GetProperty("RequestID").GetString());
    }

    [Fact]
    public async Task SilentSocket_accepts_and_never_sends_anything_on_a_socket_opened_under_it()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.7", ElegooFamily.CentauriCarbon, o =>
        {
            o.Fault = ElegooFault.SilentSocket;
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using ElegooSocket silent = await ElegooSocket.ConnectAsync(printer.Address);

        await silent.SendCommandAsync(0);
        await silent.SendCommandAsync(1);
        await TestGuard.AgainstHangAsync(printer.WhenCommandReceived(1), "both requests arriving");
        printer.Options.Fault = ElegooFault.None;
        await using ElegooSocket witness = await ElegooSocket.ConnectAsync(printer.Address);
        await silent.SendCommandAsync(128, "{\"Filename\":\"/local/cube.gcode\",\"StartLayer\":0}");
        // The start is pushed to every client: the witness gets it, the silent socket not even that.
        await witness.StatusWithAsync(16);
        await witness.SendCommandAsync(64);
        await witness.NextOnAsync("sdcp/response/");

        Assert.False(silent.HasFrame);
        Assert.Equal(WebSocketState.Open, silent.State);
        Assert.Equal(1, printer.JobsStarted);
    }

    [Fact]
    public async Task RefuseHandshake_answers_every_handshake_with_500_too_many_client()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.8", ElegooFamily.Saturn4Ultra, o => o.Fault = ElegooFault.RefuseHandshake);

        await Assert.ThrowsAsync<WebSocketException>(() => ElegooSocket.ConnectAsync(printer.Address));
        Assert.EndsWith("\r\n\r\ntoo many client", await ElegooWebSocketTests.RawHandshakeAsync(printer.Address));

        Assert.Equal(2, printer.RefusedWebSockets);
        Assert.Equal(0, printer.TotalWebSockets);
    }

    [Fact]
    public async Task CloseMidUpload_cuts_the_connection_halfway_through_the_second_chunk()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.9", ElegooFamily.CentauriCarbon, o => o.Fault = ElegooFault.CloseMidUpload);
        using HttpClient http = KeepAliveHttp();
        byte[] file = RandomFile(200_000, seed: 9);

        HttpRequestException cut = await Assert.ThrowsAsync<HttpRequestException>(() => UploadAsync(http, printer, "cut.gcode", file, chunkSize: 100_000));

        Assert.NotNull(cut);
        Assert.Equal(1, printer.UploadChunks); // the first chunk was answered, the second never read to its end
        Assert.Null(printer.GetFile("cut.gcode"));
    }

    [Fact]
    public async Task UploadErrorBody_answers_every_chunk_with_failure_minus_3_and_http_200()
    {
        await using VirtualElegooPrinter printer = await StartAsync("155.10", ElegooFamily.Saturn4Ultra, o => o.Fault = ElegooFault.UploadErrorBody);
        using HttpClient http = KeepAliveHttp();

        JsonElement[] answers = await UploadAsync(http, printer, "x.goo", RandomFile(5000, seed: 10), chunkSize: 2500);

        Assert.All(answers, a =>
        {
            Assert.False(a.GetProperty("success").GetBoolean());
            Assert.Equal(-3, a.GetProperty("messages")[0].GetProperty("message").GetInt32());
        });
        Assert.Equal(2, printer.UploadsRejected);
        Assert.Null(printer.GetFile("x.goo"));
    }
}
