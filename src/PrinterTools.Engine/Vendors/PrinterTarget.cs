namespace PrinterTools;

/// <summary>One printer to ask, however the user named it.</summary>
public sealed class PrinterTarget
{
    public PrinterTarget(string address, PrinterVendor? vendor, PrinterInfo? known = null)
    {
        Address = address;
        Vendor = vendor;
        Known = known;
    }

    public string Address { get; }
    /// <summary>Null: detect it from the ports the address serves.</summary>
    public PrinterVendor? Vendor { get; }
    public PrinterInfo? Known { get; }
}
