using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// Latency counts the TCP connect, as on a LAN: a new connection's first request is served one Latency after the
/// accept, so its reply comes 2 × Latency after the connect; later requests take 1 × Latency. Proven by order:
/// a later request on an open connection overtakes a new connection's first one. Addresses 127.R.100.x.
/// </summary>
public sealed class ConnectLatencyTests
{
    // Only until the test sets its own: each test holds the step it proves with an hour's latency, then sets none.
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_console_command_on_an_open_connection_overtakes_the_first_command_of_a_new_one_sent_before_it()
    {
        await using VirtualFlashForgePrinter printer = await Start("100.1", FlashForgeModel.Adventurer4);
        await using RawConsole open = await RawConsole.ConnectAsync(printer.Address);
        await open.AskAsync("M115");

        // The new connection's handshake takes the latency at its accept: an hour. Replies after it take none.
        printer.Options.Latency = TimeSpan.FromHours(1);
        await using RawConsole fresh = await RawConsole.ConnectAsync(printer.Address);
        await TestGuard.UntilAsync(() => printer.TotalConnections == 2, "the printer accepting the new connection");
        printer.Options.Latency = TimeSpan.Zero;
        await fresh.SendAsync("M119");
        await open.SendAsync("M105");
        Task<string> freshReply = fresh.ReadReplyAsync();
        Task<string> openReply = open.ReadReplyAsync();

        Assert.Same(openReply, await Task.WhenAny(freshReply, openReply));
        Assert.False(freshReply.IsCompleted);
        // The printer has not even read the new connection's command: its handshake is still going on.
        Assert.Equal(new[] { "M115", "M105" }, printer.ReceivedCommands);
    }

    [Fact]
    public async Task An_http_request_on_a_new_connection_waits_for_its_handshake_and_is_overtaken_by_a_console_reply()
    {
        await using VirtualFlashForgePrinter printer = await Start("100.2", FlashForgeModel.Adventurer5MPro);
        await using RawConsole open = await RawConsole.ConnectAsync(printer.Address);
        await open.AskAsync("M115");
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        // The first request of a connection takes twice the latency it finds on arrival: an hour.
        printer.Options.Latency = TimeSpan.FromHours(1);
        Task<HttpResponseMessage> detail = SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        await TestGuard.UntilAsync(() => printer.HttpRequests == 1, "the HTTP request arriving");
        printer.Options.Latency = TimeSpan.Zero;
        await open.SendAsync("M105");
        Task<string> openReply = open.ReadReplyAsync();

        Assert.Same(openReply, await Task.WhenAny(detail, openReply));
        Assert.False(detail.IsCompleted);
        // Counted as a connection of its own: what a client's round trips are counted by.
        Assert.Equal(1, printer.HttpConnections);
    }

    [Fact]
    public async Task An_http_request_on_a_new_connection_waits_twice_as_long_as_a_console_reply_on_an_open_one()
    {
        // Ordered by a margin of a whole second (2 s against 1 s), far beyond any scheduling delay.
        await using VirtualFlashForgePrinter printer = await StartAsync("100.5", FlashForgeModel.Adventurer5MPro, TimeSpan.Zero);
        await using RawConsole open = await RawConsole.ConnectAsync(printer.Address);
        await open.AskAsync("M115");
        using HttpClient http = SimulatorFixtures.NewHttpClient();
        printer.Options.Latency = TimeSpan.FromSeconds(1);

        Task<HttpResponseMessage> detail = SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        await TestGuard.UntilAsync(() => printer.HttpRequests == 1, "the HTTP request arriving");
        await open.SendAsync("M105");
        Task<string> openReply = open.ReadReplyAsync();

        Assert.Same(openReply, await Task.WhenAny(detail, openReply));
        using HttpResponseMessage response = await detail;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Each_http_request_comes_on_a_connection_of_its_own_because_the_printer_closes_after_answering()
    {
        await using VirtualFlashForgePrinter printer = await StartAsync("100.4", FlashForgeModel.Adventurer5MPro, TimeSpan.Zero);
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        using HttpResponseMessage first = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        using HttpResponseMessage second = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, printer.HttpRequests);
        Assert.Equal(2, printer.HttpConnections);
    }

    [Fact]
    public async Task A_camera_request_on_a_new_connection_waits_out_the_handshake_latency()
    {
        await using VirtualFlashForgePrinter printer = await Start("100.3", FlashForgeModel.Adventurer5MPro);
        await using RawConsole open = await RawConsole.ConnectAsync(printer.Address);
        await open.AskAsync("M115");

        // The camera takes its handshake's latency when it accepts: an hour here. Once it has
        // accepted, replies get no latency at all, so the console's answer comes at once.
        printer.Options.Latency = TimeSpan.FromHours(1);
        Task<string> snapshot = SnapshotHeadAsync(printer.Address);
        await TestGuard.UntilAsync(() => printer.CameraConnections == 1, "the camera accepting the snapshot connection");
        printer.Options.Latency = TimeSpan.Zero;
        await open.SendAsync("M105");
        Task<string> openReply = open.ReadReplyAsync();

        Assert.Same(openReply, await Task.WhenAny(snapshot, openReply));
        Assert.False(snapshot.IsCompleted);
    }

    /// <summary>The first line of the camera's answer to a snapshot request on a new connection.</summary>
    private static async Task<string> SnapshotHeadAsync(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(address, 8080));
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /?action=snapshot HTTP/1.0\r\n\r\n"), SocketFlags.None);
        var head = new byte[64];
        int read = await socket.ReceiveAsync(head.AsMemory(), SocketFlags.None).AsTask().WaitAsync(TestGuard.Limit);
        return Encoding.ASCII.GetString(head, 0, read);
    }

    private static Task<VirtualFlashForgePrinter> Start(string lastTwoOctets, FlashForgeModel model) => StartAsync(lastTwoOctets, model, Latency);

    private static Task<VirtualFlashForgePrinter> StartAsync(string lastTwoOctets, FlashForgeModel model, TimeSpan latency) =>
        VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = TestNet.Ip(lastTwoOctets),
            Model = model,
            Latency = latency,
        });
}
