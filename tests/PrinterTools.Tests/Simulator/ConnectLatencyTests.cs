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
    // Far longer than the few milliseconds between the two sends below, so the order cannot come from scheduling.
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task A_console_command_on_an_open_connection_overtakes_the_first_command_of_a_new_one_sent_before_it()
    {
        await using VirtualFlashForgePrinter printer = await Start("100.1", FlashForgeModel.Adventurer4);
        await using RawConsole open = await RawConsole.ConnectAsync(printer.Address);
        await open.AskAsync("M115");

        await using RawConsole fresh = await RawConsole.ConnectAsync(printer.Address);
        await fresh.SendAsync("M119"); // first: 2 × Latency from here
        await open.SendAsync("M105"); // second: 1 × Latency from here
        Task<string> freshReply = fresh.ReadReplyAsync();
        Task<string> openReply = open.ReadReplyAsync();

        Assert.Same(openReply, await Task.WhenAny(freshReply, openReply));
        Assert.StartsWith("CMD M119 Received.", await freshReply);
        // The printer read the new connection's command only after its handshake's round trip.
        Assert.Equal(new[] { "M115", "M105", "M119" }, printer.ReceivedCommands);
    }

    [Fact]
    public async Task An_http_request_on_a_new_connection_waits_two_latencies_and_is_overtaken_by_a_console_reply()
    {
        await using VirtualFlashForgePrinter printer = await Start("100.2", FlashForgeModel.Adventurer5MPro);
        await using RawConsole open = await RawConsole.ConnectAsync(printer.Address);
        await open.AskAsync("M115");
        using HttpClient http = SimulatorFixtures.NewHttpClient();

        Task<HttpResponseMessage> detail = SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        await TestGuard.UntilAsync(() => printer.HttpRequests == 1, "the HTTP request arriving");
        await open.SendAsync("M105");
        Task<string> openReply = open.ReadReplyAsync();

        Assert.Same(openReply, await Task.WhenAny(detail, openReply));
        using HttpResponseMessage response = await detail;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Counted as a connection of its own: what a client's round trips are counted by.
        Assert.Equal(1, printer.HttpConnections);
        using HttpResponseMessage again = await SimulatorFixtures.PostJsonAsync(http, printer.Address, "/detail", "{}");
        Assert.Equal(2, printer.HttpRequests);
        Assert.Equal(2, printer.HttpConnections); // the printer closes after each answer
    }

    [Fact]
    public async Task A_camera_request_on_a_new_connection_waits_out_the_handshake_latency()
    {
        await using VirtualFlashForgePrinter printer = await Start("100.3", FlashForgeModel.Adventurer5MPro);
        await using RawConsole open = await RawConsole.ConnectAsync(printer.Address);
        await open.AskAsync("M115");

        await open.SendAsync("M105"); // first: 1 × Latency from here
        Task<string> openReply = open.ReadReplyAsync();
        Task<string> snapshot = SnapshotHeadAsync(printer.Address); // second: its connect's Latency from later

        Assert.Same(openReply, await Task.WhenAny(snapshot, openReply));
        Assert.StartsWith("HTTP/1.0 200 OK", await snapshot);
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

    private static Task<VirtualFlashForgePrinter> Start(string lastTwoOctets, FlashForgeModel model) =>
        VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = TestNet.Ip(lastTwoOctets),
            Model = model,
            Latency = Latency,
        });
}
