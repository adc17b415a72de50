using System;

namespace PrinterTools.Simulator.Net;

/// <summary>Random bytes that can never be mistaken for protocol text.</summary>
internal static class GarbageBytes
{
    public static byte[] Create(int minLength = 64, int maxLength = 256)
    {
        // Only bytes 0x80-0xFF: no ASCII, so no line end, no "ok", no "{" that a parser could latch on to.
        var bytes = new byte[Random.Shared.Next(minLength, maxLength + 1)];
        Random.Shared.NextBytes(bytes);
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] |= 0x80;
        }

        return bytes;
    }
}
