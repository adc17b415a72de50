using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace PrinterTools.Simulator.Http;

/// <summary>Small helpers so replies keep the number shapes of the real captures.</summary>
internal static class JsonText
{
    /// <summary>
    /// Writes a value the printer sends as a float with a decimal point even when whole ("220.0" in the
    /// 2.7.2 /detail capture), so a client that binds it to an integer fails here as it would on a printer.
    /// </summary>
    public static void WriteFloat(this Utf8JsonWriter writer, string name, double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(text, skipInputValidation: true);
    }

    /// <summary>Builds one compact JSON object with a trailing newline (§3.1: Content-Length 31 for a 30-char body).</summary>
    public static byte[] Object(Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
