using System.Collections.Generic;
using System.Linq;

namespace PrinterTools.Simulator.Creality;

/// <summary>How the attributes and replies go on the wire: JSON objects (§2), or what the faults make of them.</summary>
internal static class CrealityFrames
{
    /// <summary>HugeFrame: the dump is padded to this size (past a client's usual 1 MiB or 16 MiB message cap).</summary>
    public const int HugeFrameBytes = 17 * 1024 * 1024;

    /// <summary>Heartbeat answer (§2), literally.</summary>
    public const string Ok = "ok";

    /// <summary>A push: all keys the first time, the changed ones later.</summary>
    public static string Push(IReadOnlyList<KeyValuePair<string, string>> changed, bool first, CrealityFault fault)
    {
        if (fault == CrealityFault.NotJsonFrames)
        {
            return NotJson(string.Join(";", changed.Select(a => $"{a.Key}={a.Value}")));
        }

        if (first && fault == CrealityFault.HugeFrame)
        {
            string json = CrealityJson.Object(changed);
            // The dump's own keys, then one filler string member that takes the frame to 17 MiB.
            int filler = HugeFrameBytes - json.Length - "\"padding\":\"\",".Length;
            return json[..^1] + ",\"padding\":\"" + new string('x', filler) + "\"}";
        }

        return CrealityJson.Object(changed);
    }

    /// <summary>A get reply, or under NotJsonFrames text a JSON parser chokes on.</summary>
    public static string Reply(string json, CrealityFault fault) => fault == CrealityFault.NotJsonFrames ? NotJson(json) : json;

    // Starts like an HTML error page, so it is neither JSON nor "ok".
    private static string NotJson(string body) => "<web-server error> " + body.Replace('{', '(').Replace('}', ')');
}
