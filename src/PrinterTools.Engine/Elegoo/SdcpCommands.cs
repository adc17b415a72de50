using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

using PrinterTools.Vendors;

namespace PrinterTools.Elegoo;

/// <summary>
/// The only SDCP requests PrinterTools sends, each with the exact payload its family takes. A
/// Centauri Carbon drops an unknown command or an unexpected payload once or twice and then
/// crashes, killing its print (notes §3.7): so requests are made here and nowhere else (the
/// request type has no public constructor), and every payload is fixed in shape.
/// </summary>
internal static class SdcpCommands
{
    public const int RefreshStatus = 0;
    public const int RefreshAttributes = 1;
    public const int StartPrint = 128;
    public const int PausePrint = 129;
    public const int StopPrint = 130;
    public const int ResumePrint = 131;
    public const int Settings = 403;
    public const int FileList = 258;
    public const int DeleteFileList = 259;
    public const int HistoryTasks = 320;
    public const int HistoryDetails = 321;
    public const int CanvasData = 324;

    /// <summary>Cmd 0: {} and then a status push.</summary>
    public static SdcpRequest Status() => new(RefreshStatus, "a status refresh (Cmd 0)", _ => { });

    /// <summary>Cmd 129, 130 or 131: {} and an Ack (notes §4); the machine status that follows shows the result.</summary>
    public static SdcpRequest JobAction(PrinterJobAction action) => action switch
    {
        PrinterJobAction.Suspend => new(PausePrint, "a pause (Cmd 129)", _ => { }),
        PrinterJobAction.Resume => new(ResumePrint, "a resume (Cmd 131)", _ => { }),
        _ => new(StopPrint, "a stop (Cmd 130)", _ => { }),
    };

    /// <summary>
    /// Cmd 403 with the light alone (notes §4, the Centauri Carbon's settings command), SecondLight as the boolean
    /// its web interface sends (cc-v1.1.29-cmd403-light-request.json); the RGB light is left as it is. Never sent to resin printers.
    /// </summary>
    public static SdcpRequest Light(bool on) => new(Settings, "the light setting (Cmd 403)", w =>
    {
        w.WriteStartObject("LightStatus");
        w.WriteBoolean("SecondLight", on);
        w.WriteEndObject();
    });

    /// <summary>Cmd 403 with only the targets asked (notes §4: TempTargetNozzle, TempTargetHotbed, TempTargetBox), whole °C.</summary>
    public static SdcpRequest Temperatures(PrinterTemperatureTargets targets) => new(Settings, "the temperature setting (Cmd 403)", w =>
    {
        foreach (var (heater, target) in targets.Asked())
        {
            w.WriteNumber(heater switch { PrinterHeater.Nozzle => "TempTargetNozzle", PrinterHeater.Bed => "TempTargetHotbed", _ => "TempTargetBox" }, target);
        }
    });

    /// <summary>The Carbon's name of a fan, in TargetFanSpeed and CurrentFanSpeed (notes §4, §7.1).</summary>
    public static string FanKey(PrinterFan fan) => fan switch
    {
        PrinterFan.Model => "ModelFan",
        PrinterFan.Auxiliary => "AuxiliaryFan",
        _ => "BoxFan",
    };

    /// <summary>Cmd 403 with TargetFanSpeed holding the one fan asked, 0 to 100 %.</summary>
    public static SdcpRequest FanSpeed(PrinterFan fan, int percent) => new(Settings, "the fan setting (Cmd 403)", w =>
    {
        w.WriteStartObject("TargetFanSpeed");
        w.WriteNumber(FanKey(fan), PrinterFans.Clamp(percent));
        w.WriteEndObject();
    });

    /// <summary>Cmd 1: {} and then an attributes push.</summary>
    public static SdcpRequest Attributes() => new(RefreshAttributes, "an attributes refresh (Cmd 1)", _ => { });

    /// <summary>
    /// Cmd 128. The Carbon takes a full "/local/" path and its five keys as its web interface
    /// sends them; resin printers take the bare name and the start layer (notes §4).
    /// </summary>
    public static SdcpRequest Start(SdcpFamily family, string fileName, int startLayer, bool levelBed, bool timelapse, int platformType) =>
        new(StartPrint, $"a print start of '{fileName}' (Cmd 128)", w =>
        {
            if (family == SdcpFamily.Fdm)
            {
                w.WriteString("Filename", LocalFolder + "/" + fileName);
                w.WriteNumber("StartLayer", startLayer);
                w.WriteNumber("Calibration_switch", levelBed ? 1 : 0);
                w.WriteNumber("PrintPlatformType", platformType == 1 ? 1 : 0);
                w.WriteNumber("Tlp_Switch", timelapse ? 1 : 0);
            }
            else
            {
                w.WriteString("Filename", fileName);
                w.WriteNumber("StartLayer", startLayer);
            }
        });

    /// <summary>Internal storage, as Cmd 258 and Cmd 128 name it.</summary>
    public const string LocalFolder = "/local";

    /// <summary>Cmd 258 for internal storage.</summary>
    public static SdcpRequest Files() => new(FileList, "the file list (Cmd 258)", w => w.WriteString("Url", LocalFolder));

    /// <summary>
    /// Cmd 259 (notes §4, as ChituManager sends it): the files' "/local/" paths and no folders. Its Ack is 0 even for a
    /// path that is not there, so the caller reads the list back.
    /// </summary>
    public static SdcpRequest DeleteFiles(IReadOnlyList<string> fileNames) =>
        new(DeleteFileList, fileNames.Count == 1 ? $"the removal of '{fileNames[0]}' (Cmd 259)" : $"the removal of {fileNames.Count} files (Cmd 259)", w =>
        {
            w.WriteStartArray("FileList");
            foreach (var name in fileNames)
            {
                w.WriteStringValue(LocalFolder + "/" + name);
            }
            w.WriteEndArray();
            w.WriteStartArray("FolderList");
            w.WriteEndArray();
        });

    /// <summary>Cmd 320: the history's task ids.</summary>
    public static SdcpRequest History() => new(HistoryTasks, "the print history (Cmd 320)", _ => { });

    /// <summary>Cmd 321 for some of those ids.</summary>
    public static SdcpRequest HistoryDetail(IReadOnlyList<string> taskIds) => new(HistoryDetails, "history details (Cmd 321)", w =>
    {
        w.WriteStartArray("Id");
        foreach (var id in taskIds)
        {
            w.WriteStringValue(id);
        }
        w.WriteEndArray();
    });

    /// <summary>Cmd 324: the CANVAS trays. Only for a Carbon whose status says a CANVAS is connected; never to resin.</summary>
    public static SdcpRequest Canvas(SdcpFamily family) => family == SdcpFamily.Fdm
        ? new(CanvasData, "the CANVAS trays (Cmd 324)", _ => { })
        : throw new InvalidOperationException("Cmd 324 is a Centauri Carbon command; resin printers are never sent it.");
}

/// <summary>One request of <see cref="SdcpCommands"/>, in the envelope of notes §3.2.</summary>
internal sealed class SdcpRequest
{
    private readonly Action<Utf8JsonWriter> _writeData;

    internal SdcpRequest(int cmd, string description, Action<Utf8JsonWriter> writeData)
    {
        Cmd = cmd;
        Description = description;
        _writeData = writeData;
    }

    public int Cmd { get; }
    public string Description { get; }

    /// <summary>
    /// The frame: Id and TimeStamp are ignored by printers; RequestID is echoed; MainboardID is
    /// the printer's where known (the Carbon accepts ""); From 0 is "PC on the LAN".
    /// </summary>
    public string ToFrame(string requestId, string mainboardId)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Id", requestId);
            w.WriteStartObject("Data");
            w.WriteNumber("Cmd", Cmd);
            w.WriteStartObject("Data");
            _writeData(w);
            w.WriteEndObject();
            w.WriteString("RequestID", requestId);
            w.WriteString("MainboardID", mainboardId);
            w.WriteNumber("TimeStamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            w.WriteNumber("From", 0);
            w.WriteEndObject();
            w.WriteString("Topic", "sdcp/request/" + mainboardId);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
