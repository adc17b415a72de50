using System;

namespace PrinterTools.Simulator.Camera;

/// <summary>
/// The NoisySnapshot fault's frame: SOI (FF D8), random bytes, EOI (FF D9). No byte between is FF, so there is no
/// marker at all: no segment, no SOF, no SOS. It passes a "starts FF D8, ends FF D9" check and nothing more.
/// </summary>
internal static class NoisyJpeg
{
    public const int Length = 512;

    public static byte[] Create()
    {
        var frame = new byte[Length];
        Random.Shared.NextBytes(frame.AsSpan(2, Length - 4));
        for (int i = 2; i < Length - 2; i++)
        {
            if (frame[i] == 0xFF)
            {
                frame[i] = 0xFE;
            }
        }

        frame[0] = 0xFF;
        frame[1] = 0xD8;
        frame[^2] = 0xFF;
        frame[^1] = 0xD9;
        return frame;
    }
}
