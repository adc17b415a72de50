using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator;

/// <summary>
/// Runs a virtual farm until Ctrl+C or SIGTERM:
/// <c>dotnet run --project src/PrinterTools.Simulator [-- --first-address 127.0.0.10] [--run-for SECONDS]
/// [--job-seconds SECONDS] [--segment-address 127.0.0.1|none] [--printers N [--model Adventurer4|Adventurer5MPro]]
/// [--latency MS] [--no-discovery] [--silent-port PORT]...</c>. Without <c>--printers</c> it is the demo farm:
/// four FlashForge printers, then two Elegoo SDCP printers (a Centauri Carbon printing, a Saturn 4 Ultra idle;
/// WebSocket 3030, uploads on 80 or 3030, discovery on UDP 3000), then two Creality printers (a K1C idle after a
/// completed job, a K2 Plus printing; WebSocket 9999, HTTP 80 or 9999, mDNS on UDP 5353); with it, N idle FlashForge printers on consecutive host addresses (the models in turn unless <c>--model</c>). With
/// <c>--job-seconds</c> every job runs from 0 to 100 % in that time; the segment address (default 127.0.0.1)
/// answers discovery for the whole farm; <c>--latency</c> is every printer's Latency, <c>--silent-port</c> a port
/// each printer drops connection attempts on, and <c>--no-discovery</c> binds no UDP socket (no segment either),
/// which big farms need to stay within their file descriptors.
/// Standard input is never read, so CI (no terminal) neither blocks on it nor stops early.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (ProgramArguments.Parse(args) is not ProgramArguments arguments)
        {
            Console.Error.WriteLine(ProgramArguments.Usage);
            return 2;
        }

        TimeSpan? runFor = arguments.RunFor;
        TimeSpan? jobDuration = arguments.JobDuration;
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // shut down cleanly instead of being killed
            stop.TrySetResult();
        };
        using PosixSignalRegistration? term = OnSigterm(stop);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();

        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartAsync(
            arguments.CreatePrinters(), arguments.CreateElegooPrinters(), arguments.CreateCrealityPrinters(), arguments.SegmentAddress).ConfigureAwait(false);
        foreach (VirtualFlashForgePrinter printer in farm.Printers)
        {
            FlashForgePrinterOptions o = printer.Options;
            Console.WriteLine($"{o.Name}\t{printer.Model}\t{printer.Address}\t{o.SerialNumber}\t{o.CheckCode}\t{o.State}");
        }

        foreach (VirtualElegooPrinter printer in farm.ElegooPrinters)
        {
            // No check code on SDCP: the column holds the port uploads go to.
            ElegooPrinterOptions o = printer.Options;
            Console.WriteLine($"{o.Name}\t{printer.Family}\t{printer.Address}\t{o.MainboardId}\tupload:{printer.UploadPort}\t{o.State}");
        }

        foreach (VirtualCrealityPrinter printer in farm.CrealityPrinters)
        {
            // The serial number names the mDNS service; the column after it holds the port of /info and uploads.
            CrealityPrinterOptions o = printer.Options;
            Console.WriteLine($"{o.Name}\t{printer.Model}\t{printer.Address}\t{o.SerialNumber}\thttp:{printer.HttpPort}\t{o.State}");
        }

        if (farm.SegmentAddress is IPAddress bound)
        {
            IEnumerable<int> missing = farm.WantedSegmentPorts.Except(farm.SegmentPorts);
            Console.WriteLine($"Discovery segment {bound} on UDP {string.Join(", ", farm.SegmentPorts)}"
                + (missing.Any() ? $"; {string.Join(", ", missing)} taken by another process, skipped" : string.Empty));
        }

        if (arguments.NoDiscovery)
        {
            Console.WriteLine("Discovery off: no printer binds a UDP port.");
        }

        Console.WriteLine(jobDuration is null ? "Jobs do not advance." : $"Jobs take {jobDuration.Value.TotalSeconds} s.");
        Console.WriteLine(runFor is null ? "Running; Ctrl+C or SIGTERM stops." : $"Running for {runFor.Value.TotalSeconds} s.");
        if (runFor is TimeSpan limit)
        {
            await Task.WhenAny(stop.Task, Task.Delay(limit)).ConfigureAwait(false);
        }
        else
        {
            await stop.Task.ConfigureAwait(false);
        }

        Console.WriteLine("Stopping.");
        return 0;
    }

    /// <summary>SIGTERM (docker stop, CI, kill) stops the farm cleanly instead of killing it mid-dispose.</summary>
    private static PosixSignalRegistration? OnSigterm(TaskCompletionSource stop)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.TrySetResult();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null; // ProcessExit still covers it
        }
    }
}
