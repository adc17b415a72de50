using System;
using System.Linq;
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

    [Theory]
    [InlineData("67.13", true)]
    [InlineData("67.14", false)]
    public async Task TheRestOfAnAbandonedBinaryBody_IsSkipped_WithoutLosingTheReplyAfterIt(string lastTwo, bool replySplit)
    {
        var address = TestNet.At(lastTwo);
        var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                client.NoDelay = true;
                var stream = client.GetStream();
                var buffer = new byte[256];
                var received = "";
                while (!received.Contains("M661"))
                {
                    received += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
                }
                // The list's header promises one file, and then the printer stalls.
                await stream.WriteAsync(Encoding.ASCII.GetBytes("CMD M661 Received.\r\nok\r\n").Concat(new byte[] { 0x44, 0xAA, 0xAA, 0x44, 0, 0, 0, 1 }).ToArray());
                while (!received.Contains("M602"))
                {
                    received += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
                }
                // The rest of the body, then the M602 reply: either cut after its first two bytes,
                // the rest in the next segment, or whole in the same segment as the body.
                var rest = new byte[] { 0x3A, 0x3A, 0xA3, 0xA3, 0, 0, 0, 4, 0x2F, 0x61, 0x2E, 0x67 };
                var release = Encoding.ASCII.GetBytes("CMD M602 Received.\r\nControl Release.\r\nok\r\n");
                if (replySplit)
                {
                    await stream.WriteAsync(rest.Concat(release.Take(2)).ToArray());
                    await Task.Delay(200);
                    await stream.WriteAsync(release.Skip(2).ToArray());
                }
                else
                {
                    await stream.WriteAsync(rest.Concat(release).ToArray());
                }
                _ = await stream.ReadAsync(buffer); // until the client closes
            });
            using var tcp = await FlashForgeTcpClient.ConnectAsync(address, TimeSpan.FromSeconds(5), CancellationToken.None, port);

            var abandoned = await Assert.ThrowsAsync<PrinterException>(() => FlashForgeConsoleFiles.ListAsync(tcp, TimeSpan.FromMilliseconds(300), CancellationToken.None));
            var release = await tcp.SendAsync("M602", TimeSpan.FromSeconds(10), CancellationToken.None);

            Assert.Equal(PrinterErrorKind.Timeout, abandoned.Kind);
            Assert.Equal(new[] { "Control Release." }, release);
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
