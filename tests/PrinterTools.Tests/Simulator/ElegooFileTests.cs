using System;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.ElegooTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Files on an SDCP printer: Cmd 258/259 (notes §4, §3.4), the chunked upload of §6.1 (MD5, Offset, keep-alive,
/// the verify window, sdcp/error), downloads and the history's media (§6.2). Addresses 127.R.152.x.
/// </summary>
public sealed class ElegooFileTests
{
    [Fact]
    public async Task The_cc_answers_258_with_an_ack_frame_then_a_second_frame_with_the_full_file_list()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.1", ElegooFamily.CentauriCarbon, o => o.StoredFiles = new[] { "a.gcode", "b.gcode" });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        string requestId = await client.SendCommandAsync(258, "{\"Url\":\"/local\"}");
        JsonElement ack = await client.NextAsync();
        JsonElement list = await client.NextAsync();

        Assert.Equal("{\"Ack\":0}", ack.GetProperty("Data").GetProperty("Data").GetRawText());
        Assert.Equal(requestId, list.GetProperty("Data").GetProperty("RequestID").GetString());
        Assert.StartsWith("sdcp/response/", list.GetProperty("Topic").GetString());
        JsonElement[] files = list.GetProperty("Data").GetProperty("Data").GetProperty("FileList").EnumerateArray().ToArray();
        Assert.Equal(new[] { "/local/a.gcode", "/local/b.gcode" }, files.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(new[] { "name", "type", "CreateTime", "FileSize", "LayerHeight", "TotalLayers", "EstFilamentLength" }, Keys(files[0]));
        Assert.Equal(1, files[0].GetProperty("type").GetInt32());
        Assert.Equal(printer.GetFile("a.gcode")!.Length, files[0].GetProperty("FileSize").GetInt32());
    }

    [Fact]
    public async Task The_resin_answers_258_in_one_frame_with_names_and_types_and_259_deletes_with_ack_0_even_when_missing()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.2", ElegooFamily.Saturn4Ultra, o => o.StoredFiles = new[] { "rook.goo", "cube.ctb" });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);

        await client.SendCommandAsync(258, "{\"Url\":\"/local\"}");
        JsonElement data = (await client.NextAsync()).GetProperty("Data").GetProperty("Data");
        Assert.Equal("{\"Ack\":0,\"FileList\":[{\"name\":\"/local/rook.goo\",\"type\":1},{\"name\":\"/local/cube.ctb\",\"type\":1}]}", data.GetRawText());

        await client.SendCommandAsync(259, "{\"FileList\":[\"/local/rook.goo\",\"/local/missing.goo\"],\"FolderList\":[]}");
        Assert.Equal(0, (await client.NextAsync()).GetProperty("Data").GetProperty("Data").GetProperty("Ack").GetInt32());
        await client.SendCommandAsync(258, "{\"Url\":\"/local\"}");
        JsonElement after = (await client.NextAsync()).GetProperty("Data").GetProperty("Data").GetProperty("FileList");

        Assert.Equal(new[] { "/local/cube.ctb" }, after.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(new[] { "cube.ctb" }, printer.Options.StoredFiles);
        Assert.False(client.HasFrame); // no list push after a delete (§4)
    }

    [Theory]
    [InlineData(ElegooFamily.CentauriCarbon, "152.3", "part.gcode", 8)]
    [InlineData(ElegooFamily.Saturn4Ultra, "152.4", "part.goo", 2)]
    public async Task A_chunked_upload_with_the_right_md5_is_verified_stored_listed_and_pushed_back_to_idle_on_one_connection(
        ElegooFamily family, string at, string name, int checking)
    {
        await using VirtualElegooPrinter printer = await StartAsync(at, family, o => o.FileCheckDuration = TimeSpan.FromMilliseconds(50));
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();
        byte[] file = RandomFile(2_500_000, seed: 3);

        JsonElement[] answers = await UploadAsync(http, printer, name, file, chunkSize: 1024 * 1024);

        Assert.Equal(3, answers.Length);
        Assert.All(answers, a => Assert.Equal("{\"code\":\"000000\",\"messages\":null,\"data\":{},\"success\":true}", a.GetRawText()));
        // The verify window shows, then the printer is idle again (§6.1).
        Assert.Equal($"[{checking}]", (await client.NextOnAsync("sdcp/status/")).GetProperty("Status").GetProperty("CurrentStatus").GetRawText());
        Assert.Equal("[0]", (await client.NextOnAsync("sdcp/status/")).GetProperty("Status").GetProperty("CurrentStatus").GetRawText());
        Assert.Equal(file, printer.GetFile(name));
        Assert.Equal(file, printer.GetFile("/local/" + name));
        Assert.Equal(1, printer.UploadsCompleted);
        Assert.Equal(0, printer.UploadsRejected);
        Assert.Equal(3, printer.UploadChunks);
        Assert.Equal(file.Length, printer.UploadBytesReceived);
        Assert.Equal(1, printer.UploadHttpConnections); // keep-alive: every chunk on one connection

        await client.SendCommandAsync(258, "{\"Url\":\"/local\"}");
        JsonElement list = await client.NextOnAsync("sdcp/response/", f => f.GetProperty("Data").GetProperty("Data").TryGetProperty("FileList", out _));
        Assert.Contains("/local/" + name, list.GetProperty("Data").GetProperty("Data").GetProperty("FileList").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_wrong_md5_gets_success_for_every_chunk_then_sdcp_error_1_to_every_client_and_the_file_is_discarded()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.5", ElegooFamily.Saturn4Ultra);
        await using ElegooSocket first = await ElegooSocket.ConnectAsync(printer.Address);
        await using ElegooSocket second = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();
        byte[] file = RandomFile(300_000, seed: 5);

        JsonElement[] answers = await UploadAsync(http, printer, "bad.goo", file, chunkSize: 100_000, md5: new string('0', 32));

        Assert.All(answers, a => Assert.True(a.GetProperty("success").GetBoolean()));
        foreach (ElegooSocket client in new[] { first, second })
        {
            JsonElement error = await client.NextOnAsync("sdcp/error/");
            Assert.Equal(new[] { "Id", "Data", "Topic" }, Keys(error));
            Assert.Equal(1, error.GetProperty("Data").GetProperty("Data").GetProperty("ErrorCode").GetInt32());
            Assert.Equal(printer.Options.MainboardId, error.GetProperty("Data").GetProperty("MainboardID").GetString());
        }

        await TestGuard.UntilAsync(() => printer.UploadsRejected == 1, "the rejection being counted");
        Assert.Null(printer.GetFile("bad.goo"));
        Assert.Equal(0, printer.UploadsCompleted);
        Assert.Empty(printer.Options.StoredFiles);
    }

    [Fact]
    public async Task An_offset_gap_is_answered_with_failure_minus_2_and_http_200()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.6", ElegooFamily.CentauriCarbon);
        using HttpClient http = KeepAliveHttp();
        byte[] file = RandomFile(3000, seed: 6);
        string md5 = Md5(file);

        using (MultipartFormDataContent first = Chunk(md5, 0, "u-152-6", file.Length, "gap.gcode", file[..1000]))
        {
            Assert.True((await PostChunkAsync(http, printer, first)).GetProperty("success").GetBoolean());
        }

        using MultipartFormDataContent skipped = Chunk(md5, 2000, "u-152-6", file.Length, "gap.gcode", file[2000..]);
        JsonElement answer = await PostChunkAsync(http, printer, skipped);

        Assert.False(answer.GetProperty("success").GetBoolean());
        Assert.Equal("111111", answer.GetProperty("code").GetString());
        Assert.Equal(-2, answer.GetProperty("messages")[0].GetProperty("message").GetInt32());
        using MultipartFormDataContent unknown = Chunk(md5, 1000, "u-never-started", file.Length, "gap.gcode", file[1000..2000]);
        Assert.Equal(-2, (await PostChunkAsync(http, printer, unknown)).GetProperty("messages")[0].GetProperty("message").GetInt32());
        Assert.Null(printer.GetFile("gap.gcode"));
    }

    [Fact]
    public async Task Files_of_a_type_outside_SupportFileType_are_refused()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.7", ElegooFamily.CentauriCarbon);
        using HttpClient http = KeepAliveHttp();

        JsonElement[] answers = await UploadAsync(http, printer, "resin.goo", RandomFile(100, seed: 7), chunkSize: 1000);

        Assert.False(Assert.Single(answers).GetProperty("success").GetBoolean());
        Assert.Null(printer.GetFile("resin.goo"));
        Assert.Equal(1, printer.UploadsRejected);
    }

    [Fact]
    public async Task The_resin_pads_its_upload_answer_content_length_with_spaces()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.8", ElegooFamily.Saturn4Ultra);
        byte[] file = RandomFile(64, seed: 8);
        using MultipartFormDataContent chunk = Chunk(Md5(file), 0, "u-152-8", file.Length, "tiny.goo", file);
        byte[] body = await chunk.ReadAsByteArrayAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(printer.Address, 3030);
        NetworkStream stream = tcp.GetStream();
        string head = $"POST /uploadFile/upload HTTP/1.1\r\nHost: {printer.Address}:3030\r\nContent-Type: {chunk.Headers.ContentType}\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        var reply = new System.IO.MemoryStream();
        await TestGuard.AgainstHangAsync(stream.CopyToAsync(reply), "the upload answer");

        string text = Encoding.ASCII.GetString(reply.ToArray());
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", text);
        Assert.Matches("\r\nContent-Length: 58 +\r\n", text);
        Assert.EndsWith("\"success\":true}", text);
    }

    [Fact]
    public async Task The_cc_serves_downloads_and_the_history_media_cmd_321_points_at()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.9", ElegooFamily.CentauriCarbon, o => o.StoredFiles = new[] { "cube.gcode" });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();

        Assert.Equal(printer.GetFile("cube.gcode"), await http.GetByteArrayAsync($"http://{printer.Address}/downloadFile/local/cube.gcode"));
        using (HttpResponseMessage missing = await http.GetAsync($"http://{printer.Address}/downloadFile/local/none.gcode"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        }

        JsonElement task = await OnlyTaskAsync(client);
        Assert.Equal("cube.gcode", task.GetProperty("TaskName").GetString());
        Assert.Equal(1, task.GetProperty("TaskStatus").GetInt32());
        string thumbnail = task.GetProperty("Thumbnail").GetString()!;
        Assert.Equal($"http://{printer.Address}/board-resource/history_image/{task.GetProperty("TaskId").GetString()}.png", thumbnail);
        byte[] png = await http.GetByteArrayAsync(thumbnail);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        string video = task.GetProperty("TimeLapseVideoUrl").GetString()!;
        Assert.StartsWith($"http://{printer.Address}:80/board-resource/timelapse/", video);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(await http.GetByteArrayAsync(video), 4, 4));
    }

    [Fact]
    public async Task The_resin_history_thumbnail_is_a_bmp_on_3030()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.10", ElegooFamily.Saturn4Ultra, o => o.StoredFiles = new[] { "rook.goo" });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();

        JsonElement task = await OnlyTaskAsync(client);

        Assert.Equal("/media/mmcblk0p3/rook.goo", task.GetProperty("TaskName").GetString());
        string thumbnail = task.GetProperty("Thumbnail").GetString()!;
        Assert.Equal($"http://{printer.Address}:3030/media/mmcblk0p1/history_image/{task.GetProperty("TaskId").GetString()}.bmp", thumbnail);
        Assert.Equal("BM", Encoding.ASCII.GetString(await http.GetByteArrayAsync(thumbnail), 0, 2));
    }

    [Fact]
    public async Task A_cc_on_port_3030_serves_uploads_downloads_and_history_media_there()
    {
        await using VirtualElegooPrinter printer = await StartAsync("152.11", ElegooFamily.CentauriCarbon, o =>
        {
            o.HttpPort = 3030;
            o.StoredFiles = new[] { "cube.gcode" };
        });
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();
        byte[] file = Encoding.ASCII.GetBytes(";LAYER_COUNT:12\nG28\n");

        Assert.Equal(3030, printer.UploadPort);
        await UploadAsync(http, printer, "small.gcode", file, chunkSize: 1000);
        await TestGuard.UntilAsync(() => printer.UploadsCompleted == 1, "the upload being verified");

        Assert.Equal(file, await http.GetByteArrayAsync($"http://{printer.Address}:3030/downloadFile/local/small.gcode"));
        string thumbnail = (await OnlyTaskAsync(client)).GetProperty("Thumbnail").GetString()!;
        Assert.StartsWith($"http://{printer.Address}:3030/board-resource/history_image/", thumbnail);
        Assert.Equal(0x89, (await http.GetByteArrayAsync(thumbnail))[0]);
    }

    /// <summary>Cmd 320 then Cmd 321 for its one id (status pushes in between are skipped).</summary>
    internal static async Task<JsonElement> OnlyTaskAsync(ElegooSocket client)
    {
        await client.SendCommandAsync(320);
        string id = Assert.Single((await client.NextOnAsync("sdcp/response/")).GetProperty("Data").GetProperty("Data").GetProperty("HistoryData")
            .EnumerateArray()).GetString()!;
        await client.SendCommandAsync(321, $"{{\"Id\":[\"{id}\"]}}");
        return Assert.Single((await client.NextOnAsync("sdcp/response/")).GetProperty("Data").GetProperty("Data").GetProperty("HistoryDetailList").EnumerateArray());
    }
}
