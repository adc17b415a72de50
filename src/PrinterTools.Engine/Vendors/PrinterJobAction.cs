namespace PrinterTools.Vendors;

/// <summary>What Suspend-, Resume- and Stop-PrinterJob ask of a printer's current job.</summary>
public enum PrinterJobAction
{
    Suspend,
    Resume,
    Stop,
}
