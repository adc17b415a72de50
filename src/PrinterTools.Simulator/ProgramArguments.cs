using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace PrinterTools.Simulator;

/// <summary>The command line of <see cref="Program"/>; null from <see cref="Parse"/> means a usage error.</summary>
internal sealed class ProgramArguments
{
    public const string Usage = "usage: PrinterTools.Simulator [--first-address 127.x.y.z] [--run-for SECONDS] "
        + "[--job-seconds SECONDS] [--segment-address 127.x.y.z|none] [--printers N [--model Adventurer4|Adventurer5MPro]] "
        + "[--latency MS] [--no-discovery] [--silent-port PORT]...\n"
        + "Without --printers: the demo farm, four FlashForge printers and, after them, two Elegoo SDCP printers "
        + "(Centauri Carbon \"Workshop Carbon\" printing, Saturn 4 Ultra \"Resin Saturn\" idle), then two Creality printers "
        + "(K1C \"Garage K1C\" idle after a completed job, K2 Plus \"Farm K2 Plus\" printing). "
        + "--silent-port applies to the FlashForge printers only.";

    public IPAddress FirstAddress { get; private set; } = VirtualPrinterFarm.DefaultFirstAddress;

    public TimeSpan? RunFor { get; private set; }

    public TimeSpan? JobDuration { get; private set; }

    /// <summary>Null: no segment (asked for, or implied by --no-discovery).</summary>
    public IPAddress? SegmentAddress { get; private set; } = VirtualPrinterFarm.DefaultSegmentAddress;

    /// <summary>Null: the demo farm.</summary>
    public int? Printers { get; private set; }

    /// <summary>Null: the two models in turn.</summary>
    public FlashForgeModel? Model { get; private set; }

    public TimeSpan Latency { get; private set; }

    public bool NoDiscovery { get; private set; }

    public List<int> SilentPorts { get; } = new();

    public static ProgramArguments? Parse(IReadOnlyList<string> args)
    {
        var parsed = new ProgramArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            bool tookValue = true;
            switch (args[i])
            {
                case "--first-address" when value is not null && IPAddress.TryParse(value, out IPAddress? first):
                    parsed.FirstAddress = first;
                    break;
                case "--run-for" when Number(value) is double seconds:
                    parsed.RunFor = TimeSpan.FromSeconds(seconds);
                    break;
                case "--job-seconds" when Number(value) is double jobSeconds && jobSeconds > 0:
                    parsed.JobDuration = TimeSpan.FromSeconds(jobSeconds);
                    break;
                case "--segment-address" when value == "none":
                    parsed.SegmentAddress = null;
                    break;
                case "--segment-address" when value is not null && IPAddress.TryParse(value, out IPAddress? segment):
                    parsed.SegmentAddress = segment;
                    break;
                case "--printers" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0:
                    parsed.Printers = count;
                    break;
                case "--model" when Enum.TryParse(value, ignoreCase: true, out FlashForgeModel model) && Enum.IsDefined(model):
                    parsed.Model = model;
                    break;
                case "--latency" when Number(value) is double ms && ms >= 0:
                    parsed.Latency = TimeSpan.FromMilliseconds(ms);
                    break;
                case "--silent-port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535:
                    parsed.SilentPorts.Add(port);
                    break;
                case "--no-discovery":
                    parsed.NoDiscovery = true;
                    tookValue = false;
                    break;
                default:
                    return null;
            }

            if (tookValue)
            {
                i++;
            }
        }

        if (parsed.Model is not null && parsed.Printers is null)
        {
            return null; // --model picks the models of --printers; the demo farm has its own
        }

        if (parsed.NoDiscovery)
        {
            parsed.SegmentAddress = null; // no printer would answer there
        }

        return parsed;
    }

    /// <summary>The printers to start, with the settings that apply to every one of them.</summary>
    public IReadOnlyList<FlashForgePrinterOptions> CreatePrinters()
    {
        IReadOnlyList<FlashForgePrinterOptions> printers = Printers is int count
            ? GeneratedFarm.Create(FirstAddress, count, Model)
            : DefaultFarm.Create(FirstAddress);
        foreach (FlashForgePrinterOptions printer in printers)
        {
            printer.JobDuration = JobDuration;
            printer.Latency = Latency;
            printer.ListenForDiscovery = !NoDiscovery;
            printer.SilentPorts = SilentPorts;
        }

        return printers;
    }

    /// <summary>The demo farm's Elegoo printers (none with --printers), with the settings that apply to them.</summary>
    public IReadOnlyList<ElegooPrinterOptions> CreateElegooPrinters()
    {
        IReadOnlyList<ElegooPrinterOptions> printers = Printers is null
            ? DefaultFarm.CreateElegoo(FirstAddress, JobDuration)
            : Array.Empty<ElegooPrinterOptions>();
        foreach (ElegooPrinterOptions printer in printers)
        {
            printer.Latency = Latency;
            printer.ListenForDiscovery = !NoDiscovery;
        }

        return printers;
    }

    /// <summary>The demo farm's Creality printers (none with --printers), with the settings that apply to them.</summary>
    public IReadOnlyList<CrealityPrinterOptions> CreateCrealityPrinters()
    {
        IReadOnlyList<CrealityPrinterOptions> printers = Printers is null
            ? DefaultFarm.CreateCreality(FirstAddress, JobDuration)
            : Array.Empty<CrealityPrinterOptions>();
        foreach (CrealityPrinterOptions printer in printers)
        {
            printer.Latency = Latency;
            printer.ListenForDiscovery = !NoDiscovery;
        }

        return printers;
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;
}
