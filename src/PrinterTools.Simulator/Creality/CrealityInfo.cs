using PrinterTools.Simulator.Http;

namespace PrinterTools.Simulator.Creality;

/// <summary><c>GET /info</c> on port 80 (creality.md §1.3): what Creality Print probes an IP with.</summary>
internal static class CrealityInfo
{
    /// <summary>
    /// §1.3 confirms only <c>model</c> and <c>mac</c> (non-empty strings; devices are keyed by the MAC). The other
    /// keys (hostname, sn, version) are INFERRED from what the firmware knows; a client must not rely on them.
    /// </summary>
    public static HttpReply Reply(CrealitySnapshot p) => CrealityHttpReplies.Json(200, CrealityJson.Build(w =>
    {
        w.WriteString("model", p.Defaults.ModelCode);
        w.WriteString("mac", p.MacAddress);
        w.WriteString("hostname", p.Name);
        w.WriteString("sn", p.SerialNumber);
        w.WriteString("version", p.Firmware);
    }));
}
