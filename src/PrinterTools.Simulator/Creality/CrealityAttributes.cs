using System;
using System.Collections.Generic;
using System.Globalization;

namespace PrinterTools.Simulator.Creality;

/// <summary>
/// The printer's attributes, every key of the full dump in the order of k2plus-fw1.1.3.13_ws_initial-full-frame.json
/// (creality.md §2, §3), as raw JSON values: the dump sends them all, each later push only those whose value
/// changed. The K1C has the same keys minus the chamber, CFS and WebRTC ones. Faults bend the values here.
/// </summary>
internal static class CrealityAttributes
{
    /// <summary>Keys only the K2 Plus sends: chamber, CFS, second runout sensor and WebRTC (§3, §8).</summary>
    public static readonly IReadOnlySet<string> K2Only = new HashSet<string>(StringComparer.Ordinal)
    {
        "boxTemp", "cfsConnect", "feedState", "materialDetector1", "maxBoxTemp", "targetBoxTemp", "webrtcSupport",
    };

    public static IReadOnlyList<KeyValuePair<string, string>> Of(CrealitySnapshot p, int connectionCount)
    {
        var all = new List<KeyValuePair<string, string>>(80);
        bool k2 = p.Defaults.HasChamberAndCfs;
        bool wrong = p.Fault == CrealityFault.WrongTypes;
        bool booting = p.Fault == CrealityFault.Booting;
        bool printing = p.State == CrealityJobState.Printing && p.StateCode == 1;
        bool job = p.State != CrealityJobState.Idle;

        void Add(string key, string raw)
        {
            if (k2 || !K2Only.Contains(key))
            {
                all.Add(new(key, raw));
            }
        }

        // §3: ints are ints; WrongTypes sends them as strings ("40").
        void Number(string key, long value) => Add(key, wrong ? CrealityJson.String(CrealityJson.Int(value)) : CrealityJson.Int(value));

        // §3: temperatures are six-decimal strings; booting printers send "" (HA #121), WrongTypes a bare number.
        void Temperature(string key, double value) => Add(key,
            booting ? "\"\"" : wrong ? Math.Round(value, 2).ToString(CultureInfo.InvariantCulture) : CrealityJson.String(CrealityJson.SixDecimals(value)));

        void Text(string key, string value) => Add(key, CrealityJson.String(value));

        long jobSeconds = (long)(p.Progress * p.JobLength.TotalSeconds);
        long leftSeconds = p.State == CrealityJobState.Completed ? 0 : Math.Max(0, (long)p.JobLength.TotalSeconds - jobSeconds);
        double z = Math.Round(p.Layer * 0.2, 2);

        Number("TotalLayer", p.TotalLayers);
        Add("accelToDecelLimits", CrealityJson.Int(p.Defaults.AccelerationLimits));
        Add("accelerationLimits", CrealityJson.Int(p.Defaults.AccelerationLimits));
        Add("aiDetection", "0");
        Add("aiFirstFloor", "0");
        Add("aiPausePrint", "0");
        Add("aiSw", "0");
        Text("autoLevelResult", string.Empty);
        Text("autohome", job ? "X:1 Y:1 Z:1" : "X:0 Y:0 Z:0");
        Add("auxiliaryFanPct", CrealityJson.Int(CrealitySnapshot.FanPercent(p.AuxiliaryFan)));
        Temperature("bedTemp0", p.BedTemperature);
        Temperature("bedTemp1", 0);
        Temperature("bedTemp2", 0);
        Add("bedTempAutoPid", "0");
        Add("boxTemp", CrealityJson.Int((long)Math.Round(p.ChamberTemperature))); // an int even on the wire (§3)
        Add("caseFanPct", CrealityJson.Int(CrealitySnapshot.FanPercent(p.CaseFan)));
        Add("cfsConnect", "1");
        Add("connect", "1");
        Add("connectionCount", CrealityJson.Int(connectionCount));
        Add("cornerVelocityLimits", k2 ? "10" : "8");
        Add("curFeedratePct", "100");
        Add("curFlowratePct", "100");
        Text("curPosition", job ? string.Create(CultureInfo.InvariantCulture, $"X:110.00 Y:110.00 Z:{z:0.00}") : "X:0.00 Y:0.00 Z:0.00");
        Add("dProgress", "0");
        Number("deviceState", p.DeviceState);
        Add("enableSelfTest", p.EnableSelfTest ? "1" : "0");
        Add("err", Error(p, k2));
        Add("fan", p.ModelFan > 0 ? "1" : "0");
        Add("fanAuxiliary", p.AuxiliaryFan > 0 ? "1" : "0");
        Add("fanCase", p.CaseFan > 0 ? "1" : "0");
        Add("feedState", "0");
        Text("hostname", p.Name);
        Number("layer", p.Layer);
        Add("lightSw", p.LightOn ? "1" : "0");
        Add("materialDetect", "0");
        Add("materialDetector1", "1");
        Add("materialStatus", "0");
        Add("maxBedTemp", CrealityJson.Int(p.Defaults.MaxBedTemp));
        Add("maxBoxTemp", "60");
        Add("maxNozzleTemp", CrealityJson.Int(p.Defaults.MaxNozzleTemp));
        Text("model", p.Defaults.ModelCode);
        Add("modelFanPct", CrealityJson.Int(CrealitySnapshot.FanPercent(p.ModelFan)));
        Text("modelVersion", $"printer hw ver:;printer sw ver:;DWIN hw ver:{p.Defaults.DwinHardware};DWIN sw ver:{p.Firmware};");
        Add("nozzleMoveSnapshot", "0");
        Temperature("nozzleTemp", p.NozzleTemperature);
        Add("nozzleTempAutoPid", "0");
        Add("powerLoss", "0");
        Text("pressureAdvance", "0.038000");
        Text("printFileName", p.FilePath); // kept after finish and stop (§3, §4)
        Add("printFileType", "1");
        Text("printId", p.Busy && p.JobStart is DateTimeOffset start ? $"local_{start.ToUnixTimeSeconds()}" : string.Empty);
        Number("printJobTime", job ? jobSeconds : 0);
        Number("printLeftTime", job ? leftSeconds : 0);
        Number("printProgress", p.Percent);
        Add("printStartTime", CrealityJson.Int(job && p.JobStart is DateTimeOffset begun ? begun.ToUnixTimeSeconds() : 0));
        Text("realTimeFlow", CrealityJson.SixDecimals(printing ? 12.0 : 0));
        Text("realTimeSpeed", CrealityJson.SixDecimals(printing ? 150.0 : 0));
        Add("repoPlrStatus", "0");
        Text("smoothTime", "0.038000");
        Add("state", CrealityJson.Int(p.Fault == CrealityFault.UnknownState ? 42 : p.StateCode));
        Number("targetBedTemp0", p.BedTarget);
        Add("targetBedTemp1", "0");
        Add("targetBedTemp2", "0");
        Add("targetBoxTemp", CrealityJson.Int(p.ChamberTarget));
        Number("targetNozzleTemp", p.NozzleTarget);
        Add("tfCard", "1");
        Add("upgradeStatus", "0");
        Add("usedMaterialLength", CrealityJson.Int((long)(p.Progress * 4990)));
        Add("velocityLimits", "800");
        Add("video", "1");
        Add("video1", "0");
        Add("videoElapse", "0");
        Add("videoElapseFrame", "0");
        Add("videoElapseInterval", "0");
        Add("webrtcSupport", "1");
        Add("withSelfTest", CrealityJson.Int(p.WithSelfTest));
        return all;
    }

    /// <summary>
    /// §3 <c>err</c>: 0/0 when fine (the K2 Plus adds <c>"value":""</c>, as its frame does); Booting keeps the
    /// stale 500/116 of HA #125 while no job runs.
    /// </summary>
    private static string Error(CrealitySnapshot p, bool k2)
    {
        (int code, int key) = p.Fault == CrealityFault.Booting && !p.Busy ? (500, 116) : (0, 0);
        return k2 ? $"{{\"errcode\":{code},\"key\":{key},\"value\":\"\"}}" : $"{{\"errcode\":{code},\"key\":{key}}}";
    }
}
