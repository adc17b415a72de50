using System;
using System.Collections.Generic;
using System.Linq;

namespace PrinterTools.Simulator;

/// <summary>
/// The Centauri Carbon's CANVAS (multi-material unit, notes §4 Cmd 324, §7.1 AmsConnectStatus). Resin printers
/// ignore these: they have no CANVAS and treat Cmd 324 as unknown.
/// </summary>
public sealed partial class ElegooPrinterOptions
{
    /// <summary>Two trays, PLA red and PETG green, both loaded.</summary>
    public static readonly IReadOnlyList<ElegooCanvasTray> DefaultCanvasTrays = new[]
    {
        new ElegooCanvasTray(0, "PLA", "PLA", "#FF0000"),
        new ElegooCanvasTray(1, "PETG", "PETG", "#00FF00"),
    };

    private bool _canvasConnected;
    private IReadOnlyList<ElegooCanvasTray> _canvasTrays = DefaultCanvasTrays;
    private int _activeTray;

    /// <summary>
    /// A CANVAS is connected (CC only): the status carries <c>AmsConnectStatus 1</c> and Cmd 324 lists the trays.
    /// False (default): AmsConnectStatus is left out, as in both CC status captures, and 324 lists no canvas.
    /// </summary>
    public bool CanvasConnected { get => Get(ref _canvasConnected); set => Set(ref _canvasConnected, value); }

    /// <summary>The trays Cmd 324 lists while <see cref="CanvasConnected"/>; a copy is kept, null means none.</summary>
    public IReadOnlyList<ElegooCanvasTray> CanvasTrays { get => Get(ref _canvasTrays); set => Set(ref _canvasTrays, value?.ToArray() ?? Array.Empty<ElegooCanvasTray>()); }

    /// <summary>Cmd 324's active_tray_id while <see cref="CanvasConnected"/> (-1 is sent without a CANVAS). Default 0.</summary>
    public int ActiveTray { get => Get(ref _activeTray); set => Set(ref _activeTray, value); }
}
