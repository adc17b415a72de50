namespace PrinterTools.Simulator;

/// <summary>The printer families the simulator can play.</summary>
public enum FlashForgeModel
{
    /// <summary>Legacy printer: TCP 8899 only, 140-byte discovery reply (notes §1.3).</summary>
    Adventurer4,

    /// <summary>Modern printer: TCP 8899, HTTP 8898 and a 276-byte discovery reply (notes §1.3, §3).</summary>
    Adventurer5MPro,
}
