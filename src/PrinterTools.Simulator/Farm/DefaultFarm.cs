using System;
using System.Collections.Generic;
using System.Net;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator;

/// <summary>
/// The demo farm: one printer per interesting state, on consecutive loopback addresses: four FlashForge printers
/// (offsets 0-3), then a Centauri Carbon mid-print and an idle Saturn 4 Ultra (offsets 4 and 5), then a K1C whose
/// last job completed and a K2 Plus mid-print (offsets 6 and 7).
/// </summary>
public static class DefaultFarm
{
    /// <summary>Where the Elegoo printers sit after the four FlashForge ones.</summary>
    public const int ElegooOffset = 4;

    /// <summary>Where the Creality printers sit after the two Elegoo ones.</summary>
    public const int CrealityOffset = 6;

    /// <summary>
    /// The two Creality printers at offsets 6 and 7 from <paramref name="firstAddress"/>: "Garage K1C", an idle K1C
    /// whose last job completed and is still shown (state 2, progress 100, its file in printFileName, creality.md
    /// §4), and "Farm K2 Plus", a K2 Plus with its CFS printing at 30 %. <paramref name="jobDuration"/> as for the others.
    /// </summary>
    public static IReadOnlyList<CrealityPrinterOptions> CreateCreality(IPAddress firstAddress, TimeSpan? jobDuration = null) => new[]
    {
        new CrealityPrinterOptions
        {
            Address = Loopback.Offset(firstAddress, CrealityOffset),
            Model = CrealityModel.K1C,
            Name = "Garage K1C",
            MacAddress = "aabbcc000406",
            SerialNumber = "K1C00000000000406",
            StoredFiles = new[] { "Bin Lid Hinge Pin v3-K1_0.4_Generic-PETG_29m.gcode", "3DBenchy_PLA_0.2mm.gcode" },
            FileName = "Bin Lid Hinge Pin v3-K1_0.4_Generic-PETG_29m.gcode",
            TotalLayers = 100,
            Layer = 100,
            Progress = 100,
            EstimatedPrintTime = TimeSpan.FromSeconds(2200),
            NozzleTemperature = 41.5,
            BedTemperature = 35.2,
            State = CrealityJobState.Completed,
            JobDuration = jobDuration,
        },
        new CrealityPrinterOptions
        {
            Address = Loopback.Offset(firstAddress, CrealityOffset + 1),
            Model = CrealityModel.K2Plus,
            Name = "Farm K2 Plus",
            MacAddress = "aabbcc000407",
            SerialNumber = "F0080000000000407",
            StoredFiles = new[] { "Multicolor_Dragon_PLA.gcode", "Calibration_Cube.gcode" },
            FileName = "Multicolor_Dragon_PLA.gcode",
            TotalLayers = 100,
            Layer = 30,
            Progress = 30,
            EstimatedPrintTime = TimeSpan.FromSeconds(5071),
            NozzleTemperature = 220.12,
            NozzleTarget = 220,
            BedTemperature = 55.03,
            BedTarget = 55,
            ChamberTemperature = 35,
            ChamberTarget = 35,
            State = CrealityJobState.Printing,
            JobDuration = jobDuration,
        },
    };

    /// <summary>
    /// The four printers; with <paramref name="jobDuration"/> every job (the one printing, the paused one once
    /// resumed, and any started later) runs from 0 to 100 % in that time, so a demo can be watched to completion.
    /// </summary>
    public static IReadOnlyList<FlashForgePrinterOptions> Create(IPAddress firstAddress, TimeSpan? jobDuration = null)
    {
        IReadOnlyList<FlashForgePrinterOptions> printers = Printers(firstAddress);
        foreach (FlashForgePrinterOptions printer in printers)
        {
            printer.JobDuration = jobDuration;
        }

        return printers;
    }

    /// <summary>
    /// The two Elegoo printers at offsets 4 and 5 from <paramref name="firstAddress"/>: "Workshop Carbon", a
    /// Centauri Carbon printing a .gcode at 40 % with the temperatures of cc-2025-05-status-printing.json, and
    /// "Resin Saturn", an idle Saturn 4 Ultra with two .goo files. <paramref name="jobDuration"/> as for the others.
    /// </summary>
    public static IReadOnlyList<ElegooPrinterOptions> CreateElegoo(IPAddress firstAddress, TimeSpan? jobDuration = null) => new[]
    {
        new ElegooPrinterOptions
        {
            Address = Loopback.Offset(firstAddress, ElegooOffset),
            Family = ElegooFamily.CentauriCarbon,
            Name = "Workshop Carbon",
            MainboardId = "0c4a1e7d0105041800009c0000000401",
            MacAddress = "2C:C3:E6:00:04:01",
            StoredFiles = new[] { "ECC_0.4_SanderBox-Base_PLA0.2_1h25m.gcode", "Benchy_PLA_0.2mm.gcode" },
            CurrentFile = "ECC_0.4_SanderBox-Base_PLA0.2_1h25m.gcode",
            TotalLayers = 183,
            CurrentLayer = 73,
            ProgressPercent = 40,
            EstimatedPrintTime = TimeSpan.FromSeconds(5071),
            NozzleTemperature = 220.0254057077532,
            NozzleTarget = 220,
            BedTemperature = 55.5071776655175,
            BedTarget = 55,
            ChamberTemperature = 28.8793142139421,
            State = ElegooJobState.Printing,
            JobDuration = jobDuration,
        },
        new ElegooPrinterOptions
        {
            Address = Loopback.Offset(firstAddress, ElegooOffset + 1),
            Family = ElegooFamily.Saturn4Ultra,
            Name = "Resin Saturn",
            MainboardId = "5a7e00c0ffee0501",
            StoredFiles = new[] { "Rook_0.05mm.goo", "Calibration_Matrix.goo" },
            State = ElegooJobState.Idle,
            UvLedTemperature = 27.3,
            JobDuration = jobDuration,
        },
    };

    private static IReadOnlyList<FlashForgePrinterOptions> Printers(IPAddress firstAddress) => new[]
    {
        // Legacy printer, idle, light off: TCP 8899 + 140-byte discovery only.
        new FlashForgePrinterOptions
        {
            Address = Loopback.Offset(firstAddress, 0),
            Model = FlashForgeModel.Adventurer4,
            Name = "Workshop A4",
            SerialNumber = "SNADVA4000010",
            CheckCode = "40000010",
            MacAddress = "88:A9:A7:00:04:10",
            State = VirtualJobState.Idle,
            NozzleTemperature = 22,
            BedTemperature = 21,
            LightOn = false,
        },

        // 5M Pro mid-print, figures like the real fw2.7.2 /detail capture.
        new FlashForgePrinterOptions
        {
            Address = Loopback.Offset(firstAddress, 1),
            Model = FlashForgeModel.Adventurer5MPro,
            Name = "Farm 5M Pro 1",
            SerialNumber = "SNMOMC5000011",
            CheckCode = "51234011",
            MacAddress = "88:A9:A7:00:05:11",
            State = VirtualJobState.Printing,
            CurrentFile = "Lego Flower Stem Straight.3mf",
            ProgressPercent = 26,
            CurrentLayer = 75,
            TotalLayers = 552,
            NozzleTemperature = 220.1,
            NozzleTarget = 220,
            BedTemperature = 49.9,
            BedTarget = 50,
            LightOn = true,
            StoredFiles = new[] { "Lego Flower Stem Straight.3mf", "3DBenchy.3mf" },
        },

        // 5M Pro paused half way, still hot.
        new FlashForgePrinterOptions
        {
            Address = Loopback.Offset(firstAddress, 2),
            Model = FlashForgeModel.Adventurer5MPro,
            Name = "Farm 5M Pro 2",
            SerialNumber = "SNMOMC5000012",
            CheckCode = "51234012",
            MacAddress = "88:A9:A7:00:05:12",
            State = VirtualJobState.Paused,
            CurrentFile = "3x2 Rugged Drawer Outer x2.3mf",
            ProgressPercent = 18,
            CurrentLayer = 117,
            TotalLayers = 523,
            NozzleTemperature = 219.6,
            NozzleTarget = 220,
            BedTemperature = 50,
            BedTarget = 50,
            LightOn = true,
            StoredFiles = new[] { "3x2 Rugged Drawer Outer x2.3mf" },
        },

        // 5M Pro whose job finished and has not been cleared, cooling down.
        new FlashForgePrinterOptions
        {
            Address = Loopback.Offset(firstAddress, 3),
            Model = FlashForgeModel.Adventurer5MPro,
            Name = "Farm 5M Pro 3",
            SerialNumber = "SNMOMC5000013",
            CheckCode = "51234013",
            MacAddress = "88:A9:A7:00:05:13",
            State = VirtualJobState.Completed,
            CurrentFile = "3DBenchy.3mf",
            ProgressPercent = 100,
            CurrentLayer = 240,
            TotalLayers = 240,
            PrintDuration = TimeSpan.FromMinutes(47),
            NozzleTemperature = 61.2,
            BedTemperature = 38.4,
            LightOn = true,
            StoredFiles = new[] { "3DBenchy.3mf" },
        },
    };
}
