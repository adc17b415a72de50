using System;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>Each fault does what it says, on TCP and HTTP. Addresses 127.R.54.x.</summary>
public sealed class FaultTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task Silent_reads_commands_but_never_answers()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.54.1", FlashForgeFault.Silent);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        await console.SendAsync("M115");
        (byte[] bytes, bool closed) = await console.ReadForAsync(Window);

        Assert.Empty(bytes);
        Assert.False(closed);
        Assert.Equal(new[] { "M115" }, printer.ReceivedCommands);
    }

    [Fact]
    public async Task Truncated_sends_half_a_reply_then_closes()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.54.2", FlashForgeFault.Truncated);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        await console.SendAsync("M119");
        (byte[] bytes, bool closed) = await console.ReadForAsync(TimeSpan.FromSeconds(5));

        Assert.True(closed);
        string text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("CMD M119 Received.\r\n", text);
        Assert.DoesNotContain("ok\r\n", text);
        printer.Options.Fault = FlashForgeFault.None;
        await using RawConsole healthy = await RawConsole.ConnectAsync(printer.Address);
        string whole = await healthy.AskAsync("M119");
        Assert.Equal(whole.Length / 2, bytes.Length);
    }

    [Fact]
    public async Task Garbage_sends_non_protocol_bytes_without_ok_and_keeps_the_connection()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.54.3", FlashForgeFault.Garbage);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        await console.SendAsync("M27");
        (byte[] bytes, bool closed) = await console.ReadForAsync(Window);

        Assert.NotEmpty(bytes);
        Assert.False(closed);
        Assert.All(bytes, b => Assert.True(b >= 0x80));
    }

    [Fact]
    public async Task Oversized_streams_a_line_without_newline()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.54.4", FlashForgeFault.Oversized);
        await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);

        await console.SendAsync("M115");
        (byte[] bytes, bool closed) = await console.ReadForAsync(TimeSpan.FromSeconds(10), limit: 2 * 1024 * 1024);

        Assert.False(closed);
        Assert.True(bytes.Length >= 2 * 1024 * 1024);
        Assert.DoesNotContain((byte)'\n', bytes);
    }

    [Fact]
    public async Task Reset_on_connect_resets_the_connection()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.54.5", FlashForgeFault.ResetOnConnect);

        // The RST can overtake the end of the handshake, so it may surface on connect or on the first read.
        SocketException reset = await Assert.ThrowsAsync<SocketException>(async () =>
        {
            await using RawConsole console = await RawConsole.ConnectAsync(printer.Address);
            await Task.Delay(200);
            await console.SendAsync("M115");
            await console.ReadForAsync(TimeSpan.FromSeconds(5));
        });

        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        Assert.Equal(1, printer.TotalConnections);
        await ControlTests.WaitUntilAsync(() => printer.OpenConnections == 0);
    }

    [Fact]
    public async Task Http_silent_never_answers()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.54.6", FlashForgeFault.Silent);
        using HttpClient http = SimulatorFixtures.NewHttpClient(Window);

        // HttpClient's own timeout: TaskCanceledException carrying a TimeoutException, not a connection error.
        TaskCanceledException timedOut = await Assert.ThrowsAsync<TaskCanceledException>(() =>
            SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", Credentials(printer)));
        Assert.IsType<TimeoutException>(timedOut.InnerException);
        Assert.Equal(1, printer.HttpRequests);
    }

    [Fact]
    public async Task Http_garbage_answers_with_a_body_that_is_not_json()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.54.7", FlashForgeFault.Garbage);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        using HttpResponseMessage response = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", Credentials(printer));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.NotEmpty(body);
        Assert.All(body, b => Assert.True(b >= 0x80));
    }

    [Fact]
    public async Task Http_truncated_breaks_off_the_body()
    {
        await using VirtualFlashForgePrinter printer = await Start($"{TestNet.Block}.54.8", FlashForgeFault.Truncated);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        HttpRequestException cut = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            using HttpResponseMessage response = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", Credentials(printer));
            await response.Content.ReadAsByteArrayAsync();
        });
        Assert.Equal(HttpRequestError.ResponseEnded, cut.HttpRequestError);
    }

    private static string Credentials(VirtualFlashForgePrinter printer) =>
        $$"""{"serialNumber":"{{printer.Options.SerialNumber}}","checkCode":"{{printer.Options.CheckCode}}"}""";

    private static Task<VirtualFlashForgePrinter> Start(string address, FlashForgeFault fault) =>
        VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = SimulatorFixtures.Ip(address),
            Model = FlashForgeModel.Adventurer5MPro,
            Fault = fault,
        });
}
