using System.Text;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>The upload route's JSON answers (notes §5), always with HTTP 200, failure or not.</summary>
internal static class UploadReplies
{
    public static HttpReply Success() => Json("{\"code\":\"000000\",\"messages\":null,\"data\":{},\"success\":true}");

    /// <summary>-1 offset &lt; 0, -2 offset does not match the file so far, -3 file cannot be opened, -4 unknown.</summary>
    public static HttpReply Failure(int message) =>
        Json($"{{\"code\":\"111111\",\"messages\":[{{\"field\":\"common_field\",\"message\":{message}}}],\"data\":null,\"success\":false}}");

    /// <summary>A form field that is missing or empty.</summary>
    public static HttpReply Missing(string field) =>
        Json($"{{\"code\":\"111111\",\"messages\":[{{\"field\":\"{field}\",\"message\":\"Cannot be empty\"}}],\"data\":null,\"success\":false}}");

    private static HttpReply Json(string text) => new(200, "application/json", Encoding.UTF8.GetBytes(text));
}
