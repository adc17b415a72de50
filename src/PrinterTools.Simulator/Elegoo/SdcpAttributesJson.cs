using System.Text.Json;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// The <c>"Attributes"</c> member of an attributes push (notes §7.1). Both families: identity, SDCP and video
/// counts, Capabilities, SupportFileType, DevicesStatus. Resin adds Resolution, ReleaseFilmMax, the TLP fields and
/// <c>DevicesStatus.RelaseFilmState</c> (typo kept); the CC adds MainboardMAC and its motor statuses.
/// </summary>
internal static class SdcpAttributesJson
{
    public static void Write(Utf8JsonWriter w, ElegooSnapshot p, int videoStreams)
    {
        w.WriteStartObject("Attributes");
        w.WriteString("Name", p.Name);
        w.WriteString("MachineName", p.MachineName);
        w.WriteString("BrandName", "ELEGOO");
        w.WriteString("ProtocolVersion", "V3.0.0");
        w.WriteString("FirmwareVersion", p.Firmware);
        if (!p.IsCarbon)
        {
            w.WriteString("Resolution", "11520x5120");
        }

        // §1: the CC's real build volume is 256³ (218.88x128.88x220 on one CC looks like a placeholder bug).
        w.WriteString("XYZsize", p.IsCarbon ? "256x256x256" : "218.88x122.88x220");
        w.WriteString("MainboardIP", p.Address.ToString());
        w.WriteString("MainboardID", p.MainboardId);
        if (p.IsCarbon && p.MacAddress is string mac)
        {
            w.WriteString("MainboardMAC", mac);
        }

        w.WriteNumber("SDCPStatus", 1);
        w.WriteNumber("MaximumCloudSDCPSercicesAllowed", 1); // sic (§7.1)
        w.WriteNumber("NumberOfCloudSDCPServicesConnected", 0);
        w.WriteNumber("NumberOfVideoStreamConnected", videoStreams);
        w.WriteNumber("MaximumVideoStreamAllowed", p.Defaults.MaxVideoStreams);
        w.WriteString("NetworkStatus", "wlan");
        w.WriteNumber("UsbDiskStatus", 0);
        w.WriteStartArray("Capabilities");
        w.WriteStringValue("FILE_TRANSFER");
        w.WriteStringValue("PRINT_CONTROL");
        if (p.IsCarbon)
        {
            w.WriteStringValue("VIDEO_STREAM"); // the resin fake has no camera: Cmd 386 answers Ack 2
        }

        w.WriteEndArray();
        w.WriteStartArray("SupportFileType");
        foreach (string type in p.Defaults.SupportFileType)
        {
            w.WriteStringValue(type);
        }

        w.WriteEndArray();
        w.WriteStartObject("DevicesStatus");
        if (p.IsCarbon)
        {
            w.WriteNumber("SgStatus", 1);
            w.WriteNumber("XMotorStatus", 1);
            w.WriteNumber("YMotorStatus", 1);
            w.WriteNumber("ZMotorStatus", 1);
            w.WriteNumber("ExtruderMotorStatus", 1);
        }
        else
        {
            w.WriteNumber("TempSensorStatusOfUVLED", 1);
            w.WriteNumber("LCDStatus", 1);
            w.WriteNumber("SgStatus", 1);
            w.WriteNumber("ZMotorStatus", 1);
            w.WriteNumber("RotateMotorStatus", 1);
            w.WriteNumber("RelaseFilmState", 1); // sic (§7.1)
        }

        w.WriteEndObject();
        if (!p.IsCarbon)
        {
            w.WriteNumber("ReleaseFilmMax", 60000);
            w.WriteNumber("TLPNoCapPos", 50.0);
            w.WriteNumber("TLPStartCapPos", 0.0);
            w.WriteNumber("TLPInterLayers", 20);
        }

        w.WriteNumber("CameraStatus", p.IsCarbon ? 1 : 0);
        w.WriteNumber("RemainingMemory", 5_823_905_792L); // bytes, despite the spec's "bit" (§7.1)
        w.WriteEndObject();
    }
}
