using System.Collections.Generic;

namespace PrinterTools.Simulator.Http;

/// <summary>The JSON envelopes of the HTTP API (notes §3.1, §3.2).</summary>
internal static class ApiReplies
{
    /// <summary>
    /// The code for a wrong serial number or check code. No capture shows the printer's real value (notes §3.1,
    /// §6); we use the official library's FNET_VERIFY_LAN_DEV_FAILED (1001), so clients must treat any non-zero
    /// code as failure and must not depend on this number.
    /// </summary>
    public const int VerifyFailedCode = 1001;
    public const string VerifyFailedMessage = "invalid serialNumber/checkCode";

    // Creator 5 real reply to a malformed parameter (notes §3.1).
    public const int BadParameterCode = -1;
    public const string BadParameterMessage = "Parameter is error.";

    /// <summary>
    /// A file that is not stored (/printGcode, /gcodeThumb). The printer's real code is not captured; we use the
    /// official library's FNET_GCODE_NOT_FOUND (3, notes §3.1). Clients should rely only on "non-zero".
    /// </summary>
    public const int NotFoundCode = 3;
    public const string NotFoundMessage = "gcode file not found";

    /// <summary>
    /// A refused upload (size mismatch, no free space). No capture shows these; we use FNET_ERROR (-1, notes §3.1)
    /// with a message that says why.
    /// </summary>
    public const int UploadFailedCode = -1;

    public static byte[] Success() => Envelope(0, "Success");

    public static byte[] NotFound() => Envelope(NotFoundCode, NotFoundMessage);

    public static byte[] UploadFailed(string message) => Envelope(UploadFailedCode, message);

    /// <summary>/gcodeThumb (§3.2): <c>{code, message, imageData: "&lt;base64 PNG&gt;"}</c>.</summary>
    public static byte[] Thumbnail(byte[] png) => JsonText.Object(w =>
    {
        w.WriteNumber("code", 0);
        w.WriteString("message", "Success");
        w.WriteString("imageData", System.Convert.ToBase64String(png));
    });

    /// <summary>
    /// The EchoCheckCode fault's answer, in the shape the brief asks for: code 1 (FNET_ABORTED_BY_CALLBACK in the
    /// official list, §3.1, i.e. just "not 0") and a message that repeats the secret.
    /// </summary>
    public static byte[] CheckCodeEchoed(string checkCode) => Envelope(1, $"check code {checkCode} is wrong");

    public static byte[] VerifyFailed() => Envelope(VerifyFailedCode, VerifyFailedMessage);

    public static byte[] BadParameter() => Envelope(BadParameterCode, BadParameterMessage);

    /// <summary>5M Pro /product capture: everything controllable except the chamber temperature.</summary>
    public static byte[] Product() => JsonText.Object(w =>
    {
        w.WriteNumber("code", 0);
        w.WriteString("message", "Success");
        w.WriteStartObject("product");
        w.WriteNumber("chamberTempCtrlState", 0);
        w.WriteNumber("externalFanCtrlState", 1);
        w.WriteNumber("internalFanCtrlState", 1);
        w.WriteNumber("lightCtrlState", 1);
        w.WriteNumber("nozzleTempCtrlState", 1);
        w.WriteNumber("platformTempCtrlState", 1);
        w.WriteEndObject();
    });

    /// <summary>5M/Pro /gcodeList: plain names, at most the 10 most recent (§3.2).</summary>
    public static byte[] GcodeList(IReadOnlyList<string> files) => JsonText.Object(w =>
    {
        w.WriteNumber("code", 0);
        w.WriteString("message", "Success");
        w.WriteStartArray("gcodeList");
        for (int i = 0; i < files.Count && i < 10; i++)
        {
            w.WriteStringValue(files[i]);
        }

        w.WriteEndArray();
    });

    private static byte[] Envelope(int code, string message) => JsonText.Object(w =>
    {
        w.WriteNumber("code", code);
        w.WriteString("message", message);
    });
}
