using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using PrinterTools.Simulator;

namespace PrinterTools.Tests.Simulator;

/// <summary>Starting virtual Creality printers and talking to them over raw HTTP and UDP, for the Creality*Tests.</summary>
internal static class CrealityTestPrinters
{
    /// <summary>Long enough that no delta comes during a test that does not ask for them: only the dump and replies.</summary>
    public static readonly TimeSpan NoPushes = TimeSpan.FromHours(1);

    /// <summary>Short, for tests that wait for a delta (they wait for the frame, never for the time).</summary>
    public static readonly TimeSpan FastPushes = TimeSpan.FromMilliseconds(20);

    public static string Captures => Path.Combine(TestPaths.Captures, "creality");

    public static JsonElement Capture(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Captures, name))).RootElement.Clone();

    /// <summary>A printer at 127.R.<paramref name="lastTwoOctets"/> without passing phases and without deltas unless configured.</summary>
    public static Task<VirtualCrealityPrinter> StartAsync(string lastTwoOctets, CrealityModel model, Action<CrealityPrinterOptions>? configure = null)
    {
        var options = new CrealityPrinterOptions
        {
            Address = TestNet.Ip(lastTwoOctets),
            Model = model,
            PhaseTime = TimeSpan.Zero,
            PushInterval = NoPushes,
        };
        configure?.Invoke(options);
        return VirtualCrealityPrinter.StartAsync(options);
    }

    public static HttpClient Http() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>§7: one part named <c>file</c>, <c>application/octet-stream</c>, as Creality Print sends it.</summary>
    public static MultipartFormDataContent Upload(string fileName, byte[] content, string partName = "file")
    {
        var form = new MultipartFormDataContent("creality-test-boundary");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, partName, fileName);
        return form;
    }

    /// <summary>POST /upload/&lt;name&gt; with an MD5 header (none when null); the status and the body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, VirtualCrealityPrinter printer, string name,
        byte[] content, string? md5, string partName = "file")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{printer.Address}:{printer.HttpPort}/upload/{Uri.EscapeDataString(name)}")
        {
            Content = Upload(name, content, partName),
        };
        if (md5 is not null)
        {
            request.Headers.TryAddWithoutValidation("MD5", md5);
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static byte[] RandomFile(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>§1.1: CP6's query, ID 0, flags 0, one question _services._dns-sd._udp.local. PTR IN, QU bit optional.</summary>
    public static byte[] ServiceQuery(bool unicastBit = true, RecordType type = RecordType.Ptr, string name = "_services._dns-sd._udp.local")
    {
        var query = new DnsMessage { TransactionID = 0, IsQuery = true };
        query.Questions.Add(new DnsQuestion(DomainName.Parse(name), type, unicastBit ? (RecordClass)0x8001 : RecordClass.INet));
        return Encode(query);
    }

    /// <summary>ARSoft keeps its encoder internal: the simulator's one call to it (DnsMessageBytes) writes the tests' queries too.</summary>
    public static byte[] Encode(DnsMessageBase message) => PrinterTools.Simulator.Net.DnsMessageBytes.Encode(message);

    /// <summary>Sends one datagram from <paramref name="client"/> and returns the first reply, or null when none came in <paramref name="wait"/>.</summary>
    public static async Task<UdpReceiveResult?> QueryAsync(UdpClient client, IPEndPoint target, byte[] query, TimeSpan wait)
    {
        await client.SendAsync(query, target);
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await client.ReceiveAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
