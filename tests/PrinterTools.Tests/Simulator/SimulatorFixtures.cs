using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace PrinterTools.Tests.Simulator;

/// <summary>Reads the real captures (tests/captures) and builds common test objects.</summary>
internal static class SimulatorFixtures
{
    /// <summary>Exact bytes of a capture, as text.</summary>
    public static string Read(string name) => File.ReadAllText(PathOf(name), Encoding.UTF8);

    public static string PathOf(string name) => Path.Combine(TestPaths.FlashForgeFixtures, name);

    /// <summary>
    /// A markdown-sourced capture (CRs lost, optionally first line the sent command) turned back into the
    /// CRLF reply the notes say the printer sends (§2.1).
    /// </summary>
    public static string ReadMarkdownReply(string name)
    {
        string text = Read(name).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.StartsWith('~'))
        {
            text = text[(text.IndexOf('\n') + 1)..];
        }

        return text.Replace("\n", "\r\n", StringComparison.Ordinal);
    }

    public static IPAddress Ip(string text) => IPAddress.Parse(text);

    public static HttpClient NewHttpClient(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
        };

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, IPAddress address, string path, string json) =>
        client.PostAsync($"http://{address}:8898{path}", new StringContent(json, Encoding.UTF8, "application/json"));
}
