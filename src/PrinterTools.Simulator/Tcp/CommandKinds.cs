using System;
using System.Collections.Generic;

namespace PrinterTools.Simulator.Tcp;

/// <summary>
/// Which commands need control (M601). Status commands are answered without it: ffpp (joseffallman/ffpp
/// Network.py, notes §2.2) reads M115/M27/M105/M119/M661 without ever sending M601, and says "You will only be
/// able to watch printer status when you dont have the control". Everything that changes the printer does.
/// </summary>
internal static class CommandKinds
{
    // §2.3: print job (M23-M26), upload (M28/M29), heating (M104/M109/M140/M190), fans (M106/M107), light (M146),
    // rename (M610), emergency stop (M112), runout sensor (M405/M406); G-codes below. Unknown M-codes stay
    // answered without control, as §2.1 says printers ack them (M640 before an Orca upload, for one).
    private static readonly HashSet<string> StateChanging = new(StringComparer.OrdinalIgnoreCase)
    {
        "M23", "M24", "M25", "M26", "M28", "M29", "M104", "M109", "M140", "M190", "M106", "M107", "M146",
        "M610", "M112", "M405", "M406",
    };

    /// <summary>True for the commands above and every G-code (G1, G28, G90 … move or set up motion).</summary>
    public static bool ChangesState(string code) =>
        StateChanging.Contains(code) || (code.Length > 1 && code[0] is 'G' or 'g' && char.IsAsciiDigit(code[1]));
}
