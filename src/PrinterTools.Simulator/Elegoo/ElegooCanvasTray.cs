namespace PrinterTools.Simulator;

/// <summary>
/// One tray of the Centauri Carbon's CANVAS (multi-material unit) as Cmd 324 lists it (notes §4): brand ELEGOO,
/// filament_code and the nozzle range follow from <see cref="FilamentType"/>.
/// </summary>
/// <param name="TrayId">tray_id; <see cref="ElegooPrinterOptions.ActiveTray"/> names one of these.</param>
/// <param name="FilamentType">filament_type: "PLA", "PETG", "ABS", "TPU" …</param>
/// <param name="FilamentName">filament_name, as the printer's menu shows it ("PLA", "PETG Basic" …).</param>
/// <param name="FilamentColor">filament_color, "#RRGGBB".</param>
/// <param name="Status">The tray's status as sent; 1 (the default) for a tray with filament loaded.</param>
public sealed record ElegooCanvasTray(int TrayId, string FilamentType, string FilamentName, string FilamentColor, int Status = 1);
