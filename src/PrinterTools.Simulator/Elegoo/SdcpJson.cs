using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>Compact JSON text built with a writer, so every frame keeps the exact key order of the captures.</summary>
internal static class SdcpJson
{
    public static string Build(Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteIntArray(this Utf8JsonWriter writer, string name, params int[] values)
    {
        writer.WriteStartArray(name);
        foreach (int value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
