namespace PrinterTools.Simulator;

/// <summary>The Creality printers the simulator plays (creality.md §10 model codes).</summary>
public enum CrealityModel
{
    /// <summary>K1C: model "K1C", files in /usr/data, MJPEG camera on 8080, old colon-separated file list.</summary>
    K1C,

    /// <summary>K2 Plus: model "F008", files in /mnt/UDISK, chamber and CFS, WebRTC camera (no MJPEG).</summary>
    K2Plus,
}
