using System.Collections.Generic;
using System.Text.Json;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// Cmd 258's <c>FileList</c> (notes §4): names with the <c>/local/</c> prefix, type 1 = file. The CC lists
/// CreateTime, FileSize, LayerHeight, TotalLayers and EstFilamentLength too; the S4U only name and type.
/// </summary>
internal static class SdcpFileListJson
{
    public static void Write(Utf8JsonWriter w, bool carbon, IReadOnlyList<(string Name, LocalFile File)> files)
    {
        w.WriteStartArray("FileList");
        foreach ((string name, LocalFile file) in files)
        {
            w.WriteStartObject();
            w.WriteString("name", ElegooFileStore.LocalPrefix + name);
            w.WriteNumber("type", 1);
            if (carbon)
            {
                int layers = GeneratedFile.LayersOf(file.Content);
                w.WriteNumber("CreateTime", file.Created.ToUnixTimeSeconds());
                w.WriteNumber("FileSize", file.Content.Length);
                w.WriteNumber("LayerHeight", 0.2);
                w.WriteNumber("TotalLayers", layers);
                w.WriteNumber("EstFilamentLength", 42.5 * layers);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
