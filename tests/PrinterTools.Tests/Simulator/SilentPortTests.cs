using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// SilentPorts: ports where a printer drops connection attempts without an answer, like a firewalled Elegoo 3030 or
/// Creality 9999 on a FlashForge address. Addresses 127.R.103.x.
/// </summary>
public sealed class SilentPortTests
{
    [Fact]
    public async Task Connects_to_a_silent_port_hang_past_a_whole_console_round_trip_and_dispose_frees_the_ports()
    {
        IPAddress address = TestNet.Ip("103.1");
        VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(new FlashForgePrinterOptions
        {
            Address = address,
            Model = FlashForgeModel.Adventurer4,
            SilentPorts = new[] { 3030, 9999 },
        });
        try
        {
            using var cancel = new CancellationTokenSource();
            using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Task connecting = first.ConnectAsync(new IPEndPoint(address, 3030), cancel.Token).AsTask();
            Task alsoConnecting = second.ConnectAsync(new IPEndPoint(address, 3030), cancel.Token).AsTask();
            Task otherPort = other.ConnectAsync(new IPEndPoint(address, 9999), cancel.Token).AsTask();

            // A whole connect and reply on the console, begun after those connects, is over before any of them.
            await using (RawConsole console = await RawConsole.ConnectAsync(address))
            {
                Assert.StartsWith("CMD M115 Received.", await console.AskAsync("M115"));
            }

            Assert.False(connecting.IsCompleted, $"the connect ended: {connecting.Status}");
            Assert.False(alsoConnecting.IsCompleted, $"the second connect ended: {alsoConnecting.Status}");
            Assert.False(otherPort.IsCompleted, $"the connect to 9999 ended: {otherPort.Status}");
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => alsoConnecting);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => otherPort);
        }
        finally
        {
            await printer.DisposeAsync();
        }

        // Released: the port binds again, and a connect to the other one is refused at once.
        using (var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            again.Bind(new IPEndPoint(address, 3030));
        }

        using var refusedSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        SocketException refused = await Assert.ThrowsAsync<SocketException>(async () =>
            await refusedSocket.ConnectAsync(new IPEndPoint(address, 9999)).WaitAsync(TestGuard.Limit));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task A_silent_port_the_printer_serves_is_refused_at_start_and_a_port_out_of_range_at_once()
    {
        var options = new FlashForgePrinterOptions
        {
            Address = TestNet.Ip("103.2"),
            Model = FlashForgeModel.Adventurer5MPro,
            SilentPorts = new[] { 3030, 8898 },
        };

        await Assert.ThrowsAsync<ArgumentException>(() => VirtualFlashForgePrinter.StartAsync(options));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.SilentPorts = new[] { 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => options.SilentPorts = new[] { 65536 });
        Assert.Empty(new FlashForgePrinterOptions().SilentPorts);

        // Nothing was left bound by the refused start.
        options.SilentPorts = new[] { 3030 };
        await using VirtualFlashForgePrinter printer = await VirtualFlashForgePrinter.StartAsync(options);
        Assert.Equal(new[] { 3030 }, printer.Options.SilentPorts);
    }
}
