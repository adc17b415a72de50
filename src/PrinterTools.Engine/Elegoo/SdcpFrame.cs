using System;
using System.Text.Json;

namespace PrinterTools.Elegoo;

internal enum SdcpTopic
{
    Response,
    Status,
    Attributes,
    Error,
    Notice,
}

/// <summary>
/// One text frame from the printer, routed by its Topic (notes §3.2, §3.3): a response
/// (Data.Cmd, Data.RequestID, Data.Data), a status or attributes push (no Data wrapper on V3,
/// wrapped on V1), an error or a notice. Topics may carry "/MainboardID" or not, and a leading
/// slash (V1). A frame that cannot be read says why in <see cref="Problem"/>.
/// </summary>
internal sealed class SdcpFrame
{
    /// <summary>Deeper than any real frame (history details are about five levels).</summary>
    private const int MaxDepth = 32;

    private SdcpFrame(SdcpTopic? topic, string? problem)
    {
        Topic = topic;
        Problem = problem;
    }

    public SdcpTopic? Topic { get; }
    public string? Problem { get; }
    public int? Cmd { get; private set; }
    public string? RequestId { get; private set; }
    public string? MainboardId { get; private set; }

    /// <summary>The response's Data.Data, the pushed Status or Attributes object, or the error's data; detached from the document.</summary>
    public JsonElement Payload { get; private set; }

    /// <summary>A frame with nothing to act on: the "pong" some firmware answers a ping with.</summary>
    public bool IsHeartbeat { get; private set; }

    public static SdcpFrame Parse(string text)
    {
        var json = text.Trim();
        // Some Carbon builds prefix the frame with its decimal length (notes §3.1).
        var digits = 0;
        while (digits < json.Length && char.IsDigit(json[digits]))
        {
            digits++;
        }
        if (digits > 0 && digits < json.Length && json[digits] == '{')
        {
            json = json.Substring(digits);
        }
        if (json.Length == 0 || json[0] != '{')
        {
            return json.IndexOf("pong", StringComparison.OrdinalIgnoreCase) >= 0
                ? new SdcpFrame(null, null) { IsHeartbeat = true }
                : new SdcpFrame(null, $"a frame that is not JSON ('{PrinterText.Clean(Shorten(json))}')");
        }
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Route(document.RootElement);
        }
        catch (JsonException e)
        {
            return new SdcpFrame(null, $"a frame that is not valid JSON ({PrinterText.Clean(e.Message)})");
        }
    }

    private static SdcpFrame Route(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new SdcpFrame(null, "a JSON frame that is not an object");
        }
        var data = root.TryGetProperty("Data", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
        var topic = TopicOf(root, data);
        var mainboard = Text(root, "MainboardID") ?? (data is { } w ? Text(w, "MainboardID") : null);
        switch (topic)
        {
            case SdcpTopic.Status:
            case SdcpTopic.Attributes:
                var key = topic == SdcpTopic.Status ? "Status" : "Attributes";
                // V3 pushes carry the object at the top; V1 inside Data.
                var pushed = root.TryGetProperty(key, out var p) ? p : data is { } v1 && v1.TryGetProperty(key, out var q) ? q : default;
                return pushed.ValueKind == JsonValueKind.Object
                    ? new SdcpFrame(topic, null) { Payload = pushed.Clone(), MainboardId = mainboard }
                    : new SdcpFrame(topic, $"a {key.ToLowerInvariant()} frame whose {key} is {Describe(pushed)}, not an object");
            case SdcpTopic.Response:
                if (data is not { } envelope || root.TryGetProperty("RequestID", out _) && !envelope.TryGetProperty("RequestID", out _))
                {
                    // Without the wrapper the RequestID may still be at the top: it names the request that failed.
                    return new SdcpFrame(topic, "a response without its Data wrapper") { RequestId = Text(root, "RequestID"), Cmd = Int(root, "Cmd") };
                }
                var frame = new SdcpFrame(topic, envelope.TryGetProperty("Data", out var payload) && payload.ValueKind == JsonValueKind.Object
                    ? null
                    : $"a response whose Data.Data is {Describe(payload)}, not an object")
                {
                    RequestId = Text(envelope, "RequestID"),
                    Cmd = Int(envelope, "Cmd"),
                    MainboardId = mainboard,
                };
                if (frame.Problem is null)
                {
                    frame.Payload = payload.Clone();
                }
                return frame;
            case SdcpTopic.Error:
            case SdcpTopic.Notice:
                // One level less nesting is seen too (notes §3.2).
                var inner = data is { } e && e.TryGetProperty("Data", out var ed) && ed.ValueKind == JsonValueKind.Object ? ed : data;
                return inner is { } body
                    ? new SdcpFrame(topic, null) { Payload = body.Clone(), MainboardId = mainboard }
                    : new SdcpFrame(topic, $"an {topic.ToString()!.ToLowerInvariant()} frame without data");
            default:
                return new SdcpFrame(null, "a JSON frame that is neither a response nor a status, attributes, error or notice");
        }
    }

    /// <summary>"sdcp/response/ID", "/sdcp/status/ID" or "sdcp/error": the word after "sdcp"; without a Topic, what the frame holds.</summary>
    private static SdcpTopic? TopicOf(JsonElement root, JsonElement? data)
    {
        if (Text(root, "Topic") is { Length: > 0 } topic)
        {
            var parts = topic.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            var word = parts.Length >= 2 && parts[0].Equals("sdcp", StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
            return word?.ToLowerInvariant() switch
            {
                "response" => SdcpTopic.Response,
                "status" => SdcpTopic.Status,
                "attributes" => SdcpTopic.Attributes,
                "error" => SdcpTopic.Error,
                "notice" => SdcpTopic.Notice,
                _ => null,
            };
        }
        if (root.TryGetProperty("Status", out _) || data is { } s && s.TryGetProperty("Status", out _))
        {
            return SdcpTopic.Status;
        }
        if (root.TryGetProperty("Attributes", out _) || data is { } a && a.TryGetProperty("Attributes", out _))
        {
            return SdcpTopic.Attributes;
        }
        return data is { } r && r.TryGetProperty("Cmd", out _) || root.TryGetProperty("RequestID", out _) ? SdcpTopic.Response : null;
    }

    /// <summary>The Ack of a response, or null when it has none or not a number.</summary>
    public int? Ack => Payload.ValueKind == JsonValueKind.Object ? Int(Payload, "Ack") : null;

    /// <summary>sdcp/error's ErrorCode, a number or a numeric string.</summary>
    public int? ErrorCode => Payload.ValueKind == JsonValueKind.Object ? Int(Payload, "ErrorCode") : null;

    internal static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static int? Int(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }
        return value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out var parsed) ? parsed : null;
    }

    private static string Describe(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? "missing" : $"a {value.ValueKind.ToString().ToLowerInvariant()}";

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "...";
}
