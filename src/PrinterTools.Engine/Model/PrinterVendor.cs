namespace PrinterTools;

/// <summary>The printer families PrinterTools speaks to.</summary>
public enum PrinterVendor
{
    FlashForge,
    Elegoo,
    Creality,
}
