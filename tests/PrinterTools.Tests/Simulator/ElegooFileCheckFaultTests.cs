using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;
using static PrinterTools.Tests.Simulator.ElegooTestPrinters;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// <see cref="ElegooFault.FailFileCheck"/>: every chunk answered success, then the printer's own MD5 check fails
/// as on corrupted bytes (notes §6.1): sdcp/error ErrorCode 1 to every client, the file never listed. 127.R.158.x.
/// </summary>
public sealed class ElegooFileCheckFaultTests
{
    [Theory]
    [InlineData(ElegooFamily.CentauriCarbon, "158.1", "part.gcode")]
    [InlineData(ElegooFamily.Saturn4Ultra, "158.2", "part.goo")]
    public async Task A_correct_upload_gets_success_for_every_chunk_then_sdcp_error_1_to_every_client_and_is_discarded(
        ElegooFamily family, string at, string name)
    {
        await using VirtualElegooPrinter printer = await StartAsync(at, family, o => o.Fault = ElegooFault.FailFileCheck);
        await using ElegooSocket first = await ElegooSocket.ConnectAsync(printer.Address);
        await using ElegooSocket second = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();
        byte[] file = RandomFile(300_000, seed: 158);

        JsonElement[] answers = await UploadAsync(http, printer, name, file, chunkSize: 100_000); // the right MD5

        Assert.Equal(3, answers.Length);
        Assert.All(answers, a => Assert.Equal("{\"code\":\"000000\",\"messages\":null,\"data\":{},\"success\":true}", a.GetRawText()));
        foreach (ElegooSocket client in new[] { first, second })
        {
            JsonElement error = await client.NextOnAsync("sdcp/error/");
            Assert.Equal(new[] { "Id", "Data", "Topic" }, Keys(error));
            Assert.Equal("{\"ErrorCode\":1}", error.GetProperty("Data").GetProperty("Data").GetRawText());
            Assert.Equal("sdcp/error/" + printer.Options.MainboardId, error.GetProperty("Topic").GetString());
        }

        await TestGuard.UntilAsync(() => printer.UploadsRejected == 1, "the rejection being counted");
        Assert.Equal(0, printer.UploadsCompleted);
        Assert.Equal(3, printer.UploadChunks);
        Assert.Null(printer.GetFile(name));
        Assert.Empty(printer.Files);
        Assert.Empty(await ListedAsync(first));
    }

    [Fact]
    public async Task An_upload_sent_with_check_0_fails_as_well()
    {
        await using VirtualElegooPrinter printer = await StartAsync("158.3", ElegooFamily.CentauriCarbon, o => o.Fault = ElegooFault.FailFileCheck);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();
        byte[] file = RandomFile(4096, seed: 1583);

        using MultipartFormDataContent chunk = Chunk(Md5(file), 0, Guid.NewGuid().ToString("N"), file.Length, "unchecked.gcode", file, check: "0");
        Assert.True((await PostChunkAsync(http, printer, chunk)).GetProperty("success").GetBoolean());

        JsonElement error = await client.NextOnAsync("sdcp/error/");
        Assert.Equal(1, error.GetProperty("Data").GetProperty("Data").GetProperty("ErrorCode").GetInt32());
        await TestGuard.UntilAsync(() => printer.UploadsRejected == 1, "the rejection being counted");
        Assert.Null(printer.GetFile("unchecked.gcode"));
    }

    [Fact]
    public async Task Without_the_fault_the_same_bytes_are_stored_and_listed()
    {
        await using VirtualElegooPrinter printer = await StartAsync("158.4", ElegooFamily.CentauriCarbon, o => o.Fault = ElegooFault.FailFileCheck);
        await using ElegooSocket client = await ElegooSocket.ConnectAsync(printer.Address);
        using HttpClient http = KeepAliveHttp();
        byte[] file = RandomFile(150_000, seed: 1584);

        await UploadAsync(http, printer, "again.gcode", file, chunkSize: 100_000);
        await client.NextOnAsync("sdcp/error/");
        printer.Options.Fault = ElegooFault.None;
        await UploadAsync(http, printer, "again.gcode", file, chunkSize: 100_000);
        await TestGuard.UntilAsync(() => printer.UploadsCompleted == 1, "the second upload being stored");

        Assert.Equal(1, printer.UploadsRejected);
        Assert.Equal(file, printer.GetFile("again.gcode"));
        Assert.Equal(new[] { "/local/again.gcode" }, await ListedAsync(client));
    }

    /// <summary>Cmd 258 /local; the names of the frame that carries the FileList (the CC's second frame, the resin's only one).</summary>
    private static async Task<string?[]> ListedAsync(ElegooSocket client)
    {
        string requestId = await client.SendCommandAsync(258, "{\"Url\":\"/local\"}");
        JsonElement list = await client.NextOnAsync("sdcp/response/", f =>
            f.GetProperty("Data").GetProperty("RequestID").GetString() == requestId
            && f.GetProperty("Data").GetProperty("Data").TryGetProperty("FileList", out _));
        return list.GetProperty("Data").GetProperty("Data").GetProperty("FileList").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString()).ToArray();
    }
}
