namespace PrinterTools.Simulator;

/// <summary>The two SDCP V3 printer families the simulator plays (notes §1): one FDM, one resin.</summary>
public enum ElegooFamily
{
    /// <summary>Centauri Carbon (FDM): WebSocket 3030, uploads on HTTP 80, MJPEG camera on 3031, 5-client cap, 60 s idle close.</summary>
    CentauriCarbon,

    /// <summary>Saturn 4 Ultra (resin, Chitu board): WebSocket and uploads on 3030, no idle close, ms ticks, no Progress.</summary>
    Saturn4Ultra,
}
