using System.Text;
using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The web-server's JSON answers (creality.md §7): libhv's <c>{"code":…,"message":…}</c> with the HTTP status of
/// the code. <c>{"code":200,"message":"OK"}</c> for an upload is INFERRED (CP6 only looks for "OK" in the body).
/// </summary>
internal static class CrealityHttpReplies
{
    public static HttpReply Ok() => Status(200, "OK");

    public static HttpReply Status(int code, string message) =>
        Json(code, CrealityJson.Build(w =>
        {
            w.WriteNumber("code", code);
            w.WriteString("message", message);
        }));

    /// <summary>UploadErrorBody: HTTP 200, but the body says the upload failed.</summary>
    public static HttpReply ErrorIn200(string message) =>
        Json(200, CrealityJson.Build(w =>
        {
            w.WriteNumber("code", 500);
            w.WriteString("message", message);
        }));

    public static HttpReply NotFound() => HttpReplyBytes.Text(404, "Not Found");

    public static HttpReply Json(int status, string json) => new(status, "application/json", Encoding.UTF8.GetBytes(json));
}
