using System.Threading;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>Status and attributes frames from one snapshot, with the status faults applied (WrongShapeStatus takes turns).</summary>
internal sealed class SdcpPushFrames
{
    private readonly SdcpUploads _uploads;
    private readonly ElegooCounters _counters;
    private int _wrongShapeTurn = -1;

    public SdcpPushFrames(SdcpUploads uploads, ElegooCounters counters)
    {
        _uploads = uploads;
        _counters = counters;
    }

    public SdcpJobCodes Codes(ElegooSnapshot p) => SdcpJobCodes.For(p, _uploads.Checking);

    public string Status(ElegooSnapshot p, bool huge = false)
    {
        SdcpJobCodes codes = Codes(p);
        int turn = Interlocked.Increment(ref _wrongShapeTurn);
        return SdcpFrames.Status(p, w => SdcpStatusJson.Write(w, p, codes, turn, huge));
    }

    /// <summary>NumberOfVideoStreamConnected is the CC's open MJPEG streams.</summary>
    public string Attributes(ElegooSnapshot p) =>
        SdcpFrames.Attributes(p, w => SdcpAttributesJson.Write(w, p, _counters.OpenCameraConnections));
}
