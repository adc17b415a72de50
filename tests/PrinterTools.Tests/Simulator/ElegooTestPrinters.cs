using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;

namespace PrinterTools.Tests.Simulator;

/// <summary>Starting virtual Elegoo printers and talking to them over raw UDP and HTTP, for the Elegoo*Tests.</summary>
internal static class ElegooTestPrinters
{
    public static string Captures => Path.Combine(TestPaths.Captures, "sdcp");

    public static JsonElement Capture(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Captures, name))).RootElement.Clone();

    /// <summary>A CC (or resin) printer at 127.R.<paramref name="lastTwoOctets"/> with no phases, so codes settle at once.</summary>
    public static Task<VirtualElegooPrinter> StartAsync(string lastTwoOctets, ElegooFamily family, Action<ElegooPrinterOptions>? configure = null)
    {
        var options = new ElegooPrinterOptions
        {
            Address = TestNet.Ip(lastTwoOctets),
            Family = family,
            DiscoveryDelay = TimeSpan.Zero,
            FileCheckDuration = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return VirtualElegooPrinter.StartAsync(options);
    }

    /// <summary>A client that keeps its connection between requests (keep-alive), as an upload client should.</summary>
    public static HttpClient KeepAliveHttp() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>One §6.1 chunk: the six form fields in the documented order; <paramref name="check"/> "0" asks for no MD5 check.</summary>
    public static MultipartFormDataContent Chunk(string md5, long offset, string uuid, long totalSize, string fileName, byte[] chunk, string check = "1")
    {
        var form = new MultipartFormDataContent("sdcp-test-boundary");
        form.Add(new StringContent(md5), "S-File-MD5");
        form.Add(new StringContent(check), "Check");
        form.Add(new StringContent(offset.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Offset");
        form.Add(new StringContent(uuid), "Uuid");
        form.Add(new StringContent(totalSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), "TotalSize");
        var file = new ByteArrayContent(chunk);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", fileName);
        return form;
    }

    /// <summary>Posts one chunk and returns the JSON answer (HTTP 200 whatever the outcome, §5).</summary>
    public static async Task<JsonElement> PostChunkAsync(HttpClient http, VirtualElegooPrinter printer, MultipartFormDataContent chunk)
    {
        using HttpResponseMessage response = await http.PostAsync($"http://{printer.Address}:{printer.UploadPort}/uploadFile/upload", chunk);
        Assert200(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A whole file in chunks of <paramref name="chunkSize"/>; the answers in order.</summary>
    public static async Task<JsonElement[]> UploadAsync(HttpClient http, VirtualElegooPrinter printer, string name, byte[] file, int chunkSize, string? md5 = null)
    {
        string uuid = Guid.NewGuid().ToString("N");
        var answers = new System.Collections.Generic.List<JsonElement>();
        for (int offset = 0; offset < file.Length; offset += chunkSize)
        {
            byte[] part = file[offset..Math.Min(file.Length, offset + chunkSize)];
            using MultipartFormDataContent chunk = Chunk(md5 ?? Md5(file), offset, uuid, file.Length, name, part);
            answers.Add(await PostChunkAsync(http, printer, chunk));
        }

        return answers.ToArray();
    }

    public static byte[] RandomFile(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Sends one UDP datagram from a fresh socket and returns the first reply (or null after the guard).</summary>
    public static async Task<(IPEndPoint From, string Text)?> ProbeAsync(IPEndPoint target, string payload, TimeSpan wait)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Encoding.ASCII.GetBytes(payload), target);
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            UdpReceiveResult reply = await client.ReceiveAsync(timeout.Token);
            return (reply.RemoteEndPoint, Encoding.UTF8.GetString(reply.Buffer));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static void Assert200(HttpResponseMessage response) =>
        Xunit.Assert.Equal(HttpStatusCode.OK, response.StatusCode);
}
