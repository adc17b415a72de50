using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.FlashForge;
using Xunit;

namespace PrinterTools.Tests.FlashForge;

/// <summary>Replies that start well and then go wrong, from a raw socket on 127.R.67.x.</summary>
public sealed class TcpClientLimitTests
{
    [Fact]
    public async Task ReplyThatNeverEnds_IsRefusedAtTheSizeLimit()
    {
        // A proper echo line, then endless data lines and never "ok".
        var error = await AgainstServer($"{TestNet.Block}.67.10", async stream =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("CMD M115 Received.\r\n"));
            var line = Encoding.ASCII.GetBytes(new string('x', 1000) + "\r\n");
            for (var i = 0; i < 200; i++)
            {
                await stream.WriteAsync(line);
            }
        });

        Assert.Equal(PrinterErrorKind.ProtocolError, error.Kind);
        Assert.Contains("larger than 65536 bytes", error.Message);
    }

    [Fact]
    public async Task ReplyToAnotherCommand_IsAProtocolError()
    {
        var error = await AgainstServer($"{TestNet.Block}.67.11", stream => stream.WriteAsync(Encoding.ASCII.GetBytes("CMD M119 Received.\r\nok\r\n")).AsTask());

        Assert.Equal(PrinterErrorKind.ProtocolError, error.Kind);
        Assert.Contains("CMD M115", error.Message);
    }

    [Fact]
    public async Task LateReplyAndTheNextReplyInOneSegment_TheNextCommandGetsItsOwn()
    {
        var listener = new TcpListener(IPAddress.Parse($"{TestNet.Block}.67.12"), 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[256];
                var received = "";
                // Answer nothing until both commands are in, then both replies in one write.
                while (!received.Contains("M105"))
                {
                    received += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
                }
                await stream.WriteAsync(Encoding.ASCII.GetBytes("CMD G28 Received.\r\nok\r\nCMD M105 Received.\r\nT0:21/0 B:20/0\r\nok\r\n"));
                _ = await stream.ReadAsync(buffer); // until the client closes
            });
            using var tcp = await FlashForgeTcpClient.ConnectAsync($"{TestNet.Block}.67.12", TimeSpan.FromSeconds(5), CancellationToken.None, port);

            var late = await Assert.ThrowsAsync<PrinterException>(() => tcp.SendAsync("G28", TimeSpan.FromMilliseconds(200), CancellationToken.None));
            var lines = await tcp.SendAsync("M105", TimeSpan.FromSeconds(5), CancellationToken.None);

            Assert.Equal(PrinterErrorKind.Timeout, late.Kind);
            Assert.Equal(new[] { "T0:21/0 B:20/0" }, lines);
            tcp.Dispose();
            await server;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task<PrinterException> AgainstServer(string address, Func<NetworkStream, Task> reply)
    {
        var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                _ = await stream.ReadAsync(new byte[64]); // the command line; its content does not matter here
                try { await reply(stream); } catch (Exception e) when (e is SocketException or System.IO.IOException) { }
            });
            using var tcp = await FlashForgeTcpClient.ConnectAsync(address, TimeSpan.FromSeconds(5), CancellationToken.None, port);
            var error = await Assert.ThrowsAsync<PrinterException>(() => tcp.SendAsync("M115", TimeSpan.FromSeconds(10), CancellationToken.None));
            tcp.Dispose();
            await server;
            return error;
        }
        finally
        {
            listener.Stop();
        }
    }
}
