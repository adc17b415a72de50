using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;
using PrinterTools.FlashForge;
using Xunit;

namespace PrinterTools.Tests.FlashForge;

/// <summary>Discovery against raw UDP responders on 127.R.67.2x that are not printers.</summary>
public sealed class DiscoveryTests
{
    [Fact]
    public async Task ReplyOfPrinterSizeFromANonPrinter_IsReportedOnce_AndNoPrinterIsFound()
    {
        // 140 bytes, the legacy size, but vendor id 0 instead of 0x2B71.
        using var responder = Respond($"{TestNet.Block}.67.20", new byte[FlashForgeDiscoveryReply.LegacyLength]);
        var found = new List<PrinterInfo>();
        var problems = new List<PrinterException>();

        await FlashForgeDiscovery.DiscoverAsync(new DiscoveryRequest { Hosts = new[] { $"{TestNet.Block}.67.20" }, Timeout = TimeSpan.FromSeconds(1) },
            new[] { IPAddress.Parse($"{TestNet.Block}.67.20") }, found.Add, problems.Add, CancellationToken.None);

        Assert.Empty(found);
        var problem = Assert.Single(problems);
        Assert.Equal(PrinterErrorKind.ProtocolError, problem.Kind);
        Assert.Contains("vendor id 0x2B71", problem.Message);
    }

    [Fact]
    public async Task ModernReply_IsParsedFromItsOffsets()
    {
        var reply = new byte[FlashForgeDiscoveryReply.ModernLength];
        System.Text.Encoding.ASCII.GetBytes("Bay 7").CopyTo(reply, 0);
        Put(reply, 0x84, 8899);
        Put(reply, 0x86, 0x2B71);
        Put(reply, 0x88, 0x0026);
        Put(reply, 0x8A, 1);
        Put(reply, 0x8E, 8898);
        System.Text.Encoding.ASCII.GetBytes("SNAD5X0001").CopyTo(reply, 0x92);
        using var responder = Respond($"{TestNet.Block}.67.21", reply);
        var found = new List<PrinterInfo>();

        await FlashForgeDiscovery.DiscoverAsync(new DiscoveryRequest { Hosts = new[] { $"{TestNet.Block}.67.21" }, Timeout = TimeSpan.FromSeconds(2) },
            new[] { IPAddress.Parse($"{TestNet.Block}.67.21") }, found.Add, _ => { }, CancellationToken.None);

        var printer = Assert.Single(found);
        Assert.Equal("Bay 7", printer.Name);
        Assert.Equal("AD5X", printer.Model);
        Assert.Equal("SNAD5X0001", printer.SerialNumber);
        Assert.Equal("FlashForge TCP 8899 + HTTP 8898", printer.Protocol);
    }

    private static void Put(byte[] data, int offset, int value)
    {
        data[offset] = (byte)(value >> 8);
        data[offset + 1] = (byte)value;
    }

    /// <summary>Answers every datagram on port 19000 with <paramref name="reply"/>, to its source.</summary>
    private static IDisposable Respond(string address, byte[] reply)
    {
        var udp = new UdpClient(new IPEndPoint(IPAddress.Parse(address), FlashForgeDiscovery.MulticastPort));
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var probe = await udp.ReceiveAsync();
                    await udp.SendAsync(reply, reply.Length, probe.RemoteEndPoint);
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
            }
        });
        return udp;
    }
}
