using System;

namespace PrinterTools.Simulator.Camera;

/// <summary>
/// What the mjpg-streamer stand-in (<see cref="CameraServer"/>) asks of the printer it belongs to: the reply
/// latency, whether frames are noise, and where it counts viewers. The FlashForge 5M Pro and the Creality K1C
/// both serve this camera on 8080 (flashforge.md §3.2, creality.md §8).
/// </summary>
internal sealed record CameraHooks(
    Func<TimeSpan> Latency,
    Func<bool> NoisyFrames,
    Action ConnectionAccepted,
    Action StreamOpened,
    Action StreamClosed);
