using System;
using System.Text.Json;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>The V3 envelopes of notes §3.2, exactly: response (Id + Data wrapper), status/attributes (no Id, no Data), error.</summary>
internal static class SdcpFrames
{
    /// <summary>
    /// <c>{"Id","Data":{"Cmd","Data":{"Ack",…payload},"RequestID","MainboardID","TimeStamp"},"Topic":"sdcp/response/&lt;id&gt;"}</c>.
    /// Under <see cref="ElegooFault.MissingDataWrapper"/> the inner members sit at the top level.
    /// </summary>
    public static string Response(ElegooSnapshot p, int cmd, string requestId, int ack, Action<Utf8JsonWriter>? payload = null) =>
        SdcpJson.Build(w =>
        {
            // §3.3: the printer's outbound Id is its own constant, never the request's.
            w.WriteString("Id", p.Defaults.DiscoveryId);
            bool wrapped = p.Fault != ElegooFault.MissingDataWrapper;
            if (wrapped)
            {
                w.WriteStartObject("Data");
            }

            w.WriteNumber("Cmd", cmd);
            w.WriteStartObject("Data");
            w.WriteNumber("Ack", ack);
            payload?.Invoke(w);
            w.WriteEndObject();
            w.WriteString("RequestID", requestId);
            w.WriteString("MainboardID", p.MainboardId);
            w.WriteNumber("TimeStamp", p.TimeStamp);
            if (wrapped)
            {
                w.WriteEndObject();
            }

            w.WriteString("Topic", Topic("response", p));
        });

    /// <summary><c>{"Status":{…},"MainboardID","TimeStamp","Topic":"sdcp/status/&lt;id&gt;"}</c>: no Id, no Data wrapper.</summary>
    public static string Status(ElegooSnapshot p, Action<Utf8JsonWriter> writeStatusMember) => Push(p, "status", writeStatusMember);

    /// <summary><c>{"Attributes":{…},"MainboardID","TimeStamp","Topic":"sdcp/attributes/&lt;id&gt;"}</c>.</summary>
    public static string Attributes(ElegooSnapshot p, Action<Utf8JsonWriter> writeAttributesMember) => Push(p, "attributes", writeAttributesMember);

    /// <summary>
    /// <c>{"Id","Data":{"Data":{"ErrorCode":n},"MainboardID","TimeStamp"},"Topic":"sdcp/error/&lt;id&gt;"}</c>; §5: 1 = the
    /// file transfer's MD5 check failed, 2 = format incorrect. An int, as the spec enumerates and cthulhu parses.
    /// </summary>
    public static string Error(ElegooSnapshot p, int errorCode) =>
        SdcpJson.Build(w =>
        {
            w.WriteString("Id", p.Defaults.DiscoveryId);
            w.WriteStartObject("Data");
            w.WriteStartObject("Data");
            w.WriteNumber("ErrorCode", errorCode);
            w.WriteEndObject();
            w.WriteString("MainboardID", p.MainboardId);
            w.WriteNumber("TimeStamp", p.TimeStamp);
            w.WriteEndObject();
            w.WriteString("Topic", Topic("error", p));
        });

    private static string Push(ElegooSnapshot p, string kind, Action<Utf8JsonWriter> writeMember) =>
        SdcpJson.Build(w =>
        {
            writeMember(w);
            w.WriteString("MainboardID", p.MainboardId);
            w.WriteNumber("TimeStamp", p.TimeStamp);
            w.WriteString("Topic", Topic(kind, p));
        });

    /// <summary>§3.3: V3 topics have no leading slash and always end in the MainboardID.</summary>
    private static string Topic(string kind, ElegooSnapshot p) => $"sdcp/{kind}/{p.MainboardId}";
}
