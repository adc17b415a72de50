using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using PrinterTools.Simulator;

namespace PrinterTools.Tests.Simulator;

/// <summary>Small steps the newer simulator tests share: a console holding control, HTTP calls with the printer's credentials.</summary>
internal static class SimulatorApi
{
    /// <summary>A TCP 8899 connection that has sent M601 S1 (state-changing commands need it, notes §2.2).</summary>
    public static async Task<RawConsole> ControlledConsoleAsync(VirtualFlashForgePrinter printer)
    {
        RawConsole console = await RawConsole.ConnectAsync(printer.Address);
        await console.AskAsync("M601 S1");
        return console;
    }

    /// <summary>POSTs the printer's own credentials plus <paramref name="members"/> (JSON members without braces).</summary>
    public static async Task<JsonElement> PostAsync(VirtualFlashForgePrinter printer, string path, string members = "", string? checkCode = null)
    {
        using HttpClient http = SimulatorFixtures.NewHttpClient();
        string json = $$"""{"serialNumber":"{{printer.Options.SerialNumber}}","checkCode":"{{checkCode ?? printer.Options.CheckCode}}"{{(members.Length > 0 ? "," + members : "")}}}""";
        using HttpResponseMessage response = await SimulatorFixtures.PostJsonAsync(http, printer.Address, path, json);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<JsonElement> DetailAsync(VirtualFlashForgePrinter printer) =>
        (await PostAsync(printer, "/detail")).GetProperty("detail");

    public static Task<JsonElement> ControlAsync(VirtualFlashForgePrinter printer, string payload) =>
        PostAsync(printer, "/control", $"\"payload\":{payload}");
}
