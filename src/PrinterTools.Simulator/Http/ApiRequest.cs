using System;
using System.Text.Json;

namespace PrinterTools.Simulator.Http;

/// <summary>The JSON body every HTTP command carries: credentials plus command fields (notes §3.1).</summary>
internal sealed class ApiRequest : IDisposable
{
    private readonly JsonDocument _document;

    private ApiRequest(JsonDocument document) => _document = document;

    public JsonElement Root => _document.RootElement;

    public string? SerialNumber => Text(Root, "serialNumber");

    public string? CheckCode => Text(Root, "checkCode");

    /// <summary>Null when the body is not a JSON object.</summary>
    public static ApiRequest? TryParse(ReadOnlyMemory<byte> body)
    {
        try
        {
            JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return new ApiRequest(document);
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        return null;
    }

    public bool Authorised(PrinterSnapshot printer) =>
        string.Equals(SerialNumber, printer.SerialNumber, StringComparison.Ordinal)
        && string.Equals(CheckCode, printer.CheckCode, StringComparison.Ordinal);

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out JsonElement value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out JsonElement value)
        && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    public void Dispose() => _document.Dispose();
}
