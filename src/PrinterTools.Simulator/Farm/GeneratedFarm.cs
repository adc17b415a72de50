using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator;

/// <summary>Farms of any size: idle printers with distinct names, serial numbers, check codes and MAC addresses.</summary>
public static class GeneratedFarm
{
    /// <summary>
    /// <paramref name="count"/> idle printers on consecutive host addresses from <paramref name="firstAddress"/>:
    /// after .254 the next /24 begins at .1 (.0 and .255 are skipped). All of <paramref name="model"/>, or, when null,
    /// Adventurer4 and Adventurer5MPro in turn.
    /// </summary>
    public static IReadOnlyList<FlashForgePrinterOptions> Create(IPAddress firstAddress, int count, FlashForgeModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(firstAddress);
        return Loopback.Hosts(firstAddress, count)
            .Select((address, i) => Printer(address, i + 1, model ?? (i % 2 == 0 ? FlashForgeModel.Adventurer4 : FlashForgeModel.Adventurer5MPro)))
            .ToArray();
    }

    private static FlashForgePrinterOptions Printer(IPAddress address, int number, FlashForgeModel model)
    {
        bool legacy = model == FlashForgeModel.Adventurer4;
        string digits = number.ToString("D7", CultureInfo.InvariantCulture);
        return new FlashForgePrinterOptions
        {
            Address = address,
            Model = model,
            Name = $"{(legacy ? "Farm A4" : "Farm 5M Pro")} {number.ToString("D4", CultureInfo.InvariantCulture)}",
            // The shapes of the demo farm's: "SN" + model letters + digits, 8-digit check codes.
            SerialNumber = (legacy ? "SNADVA" : "SNMOMC") + digits,
            CheckCode = (legacy ? "4" : "5") + digits,
            MacAddress = $"88:A9:A7:{(byte)(number >> 16):X2}:{(byte)(number >> 8):X2}:{(byte)number:X2}",
            State = VirtualJobState.Idle,
        };
    }
}
