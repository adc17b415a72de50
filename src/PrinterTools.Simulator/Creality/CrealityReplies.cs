using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// Answers to <c>{"method":"get","params":{"&lt;key&gt;":…}}</c> (creality.md §5): plain frames keyed by their
/// top-level key, no request id. Null: the key gets no reply (unknown keys, <c>boxsInfo</c> on the K1C).
/// </summary>
internal sealed class CrealityReplies
{
    // k2plus-fw1.1.3.13_ws_reply_boxsInfo.json, embedded verbatim (float noise and "#0rrggbb" colours included).
    private static readonly Lazy<string> BoxsInfo = new(() => CrealityJson.Compact(Embedded("k2plus-boxsInfo.json")));

    private readonly CrealityPrinterOptions _options;
    private readonly CrealityFileStore _files;

    public CrealityReplies(CrealityPrinterOptions options, CrealityFileStore files)
    {
        _options = options;
        _files = files;
    }

    public string? Answer(string key, JsonElement value)
    {
        CrealitySnapshot p = _options.Snapshot();
        return key switch
        {
            "reqGcodeFile" => CrealityFileListJson.Reply(p, CrealityFileListJson.Entries(_files.List()).ToArray()),
            "reqHistory" => CrealityHistoryJson.History(p, _options.History(), SizeOf),
            "reqElapseVideoList" => CrealityHistoryJson.ElapseVideos(p, _options.History(), SizeOf),
            "boxsInfo" when p.Defaults.HasChamberAndCfs => BoxsInfo.Value,
            // k2plus_ws_reply_reqPrintObjects: exclude-object data as JSON strings, empty here.
            "reqPrintObjects" => "{\"current_object\":\"\",\"excluded_objects\":\"[ ]\",\"objects\":\"[ ]\"}",
            "ReqPrinterPara" => PrinterPara(p, value),
            _ => null,
        };
    }

    /// <summary>FW-src ReqPrinterParaProc: 0 the rates, 1 the position (ke_ws_reply_ReqPrinterPara), all strings.</summary>
    private static string? PrinterPara(CrealitySnapshot p, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int which) ? which switch
        {
            0 => "{\"curFeedratePct\":\"100\",\"curFlowratePct\":\"100\"}",
            1 => CrealityJson.Build(w =>
            {
                w.WriteString("curPosition", p.State == CrealityJobState.Idle ? "X:0.00 Y:0.00 Z:0.00" : "X:110.00 Y:110.00 Z:0.00");
                w.WriteString("autohome", p.State == CrealityJobState.Idle ? "X:0 Y:0 Z:0" : "X:1 Y:1 Z:1");
                w.WriteString("curZOffset", "0.000");
            }),
            _ => null,
        } : null;

    private long SizeOf(string name) => _files.TryGet(name, out LocalFile file) ? file.Content.Length : 0;

    private static string Embedded(string name)
    {
        Assembly assembly = typeof(CrealityReplies).Assembly;
        string resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Creality.Resources." + name, StringComparison.Ordinal));
        using Stream stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
