using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Discovery;
using PrinterTools.FlashForge;
using Xunit;

namespace PrinterTools.Tests.FlashForge;

/// <summary>Replies crafted byte by byte, from raw sockets on 127.R.66.x, that try to get past the cleaning and the redaction.</summary>
public sealed class HostileReplyTests
{
    private const string Secret = "s3cr3t99";

    [Theory]
    // The code JSON-escaped: not in the raw bytes, but in the decoded text.
    [InlineData("66.10", "{\"code\":1,\"message\":\"check code \\u0073\\u0033\\u0063\\u0072\\u0033\\u0074\\u0039\\u0039 is wrong\"}")]
    // The code split by an escape sequence that cleaning removes.
    [InlineData("66.11", "{\"code\":1,\"message\":\"check code s3cr\\u001b[0m3t99 is wrong\"}")]
    public async Task ACheckCodeEchoedInDisguise_IsRedactedFromTheError(string address, string body)
    {
        var error = await Assert.ThrowsAsync<PrinterException>(() => AgainstHttpServer(address, Response("200 OK", body)));

        Assert.Equal(PrinterErrorKind.AuthenticationFailed, error.Kind);
        Assert.DoesNotContain(Secret, error.Message);
        Assert.Contains("check code *** is wrong", error.Message);
    }

    [Fact]
    public async Task ACheckCodeEchoedInAName_OrAsANumber_IsRedactedFromTheStatus()
    {
        const string numeric = "12345678";
        var body = "{\"code\":0,\"message\":\"Success\",\"detail\":{\"name\":\"s3cr\\u001b[0m3t99\",\"status\":\"ready\",\"printLayer\":12345678}}";

        var detail = await AgainstHttpServer("66.12", Response("200 OK", body), checkCode: Secret);
        var numbers = await AgainstHttpServer("66.13", Response("200 OK", body), checkCode: numeric);

        Assert.Equal("***", detail.GetProperty("name").GetString());
        Assert.Equal("***", numbers.GetProperty("printLayer").GetString());
    }

    [Fact]
    public async Task PrinterBytesQuotedByDotNet_ReachTheErrorCleaned()
    {
        var error = await Assert.ThrowsAsync<PrinterException>(() =>
            AgainstHttpServer("66.14", "HTTP/1.1 200 OK\r\nX-A\u001b[2J: 1\r\nContent-Length: 2\r\n\r\n{}"));

        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Theory]
    [InlineData("127.5.6.1", "127.5.6.10", true)]
    [InlineData("127.5.6.1", "127.5.7.10", false)] // another farm on the same machine
    [InlineData("10.77.255.255", "10.77.3.4", true)] // a routed /16, by its trailing one bits
    [InlineData("10.77.255.255", "10.78.0.1", false)]
    [InlineData("10.77.3.127", "10.77.3.100", true)] // a routed /25
    [InlineData("10.77.3.127", "10.77.3.200", false)]
    [InlineData("10.77.3.4", "10.77.3.4", true)] // a plain address given as -BroadcastAddress answers for itself
    [InlineData("10.77.3.4", "10.77.3.5", false)]
    public void ABroadcastCountsRepliesFromItsSegmentOnly(string broadcast, string source, bool counts)
    {
        var sources = ReplySources.For(new DiscoveryRequest { BroadcastAddresses = new[] { IPAddress.Parse(broadcast) } }, Array.Empty<IPAddress>());

        Assert.Equal(counts, sources.Contains(IPAddress.Parse(source)));
    }

    private static string Response(string status, string body) =>
        $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    /// <summary>POST /detail with <paramref name="checkCode"/> against a socket that answers <paramref name="response"/> whatever it is asked.</summary>
    private static async Task<JsonElement> AgainstHttpServer(string lastTwo, string response, string checkCode = Secret)
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
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var request = "";
                // Headers, then the JSON body (it ends in '}').
                while (!request.Contains("\r\n\r\n") || !request.TrimEnd().EndsWith('}'))
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }
                    request += Encoding.UTF8.GetString(buffer, 0, read);
                }
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
            });
            var options = new FlashForgeConnectionOptions(address)
            {
                Timeout = TimeSpan.FromSeconds(10),
                HttpPort = port,
                Credential = new NetworkCredential("SNTEST", checkCode),
            };
            try
            {
                return await FlashForgeHttpClient.GetDetailAsync(options, "SNTEST", CancellationToken.None);
            }
            finally
            {
                await server;
            }
        }
        finally
        {
            listener.Stop();
        }
    }
}
