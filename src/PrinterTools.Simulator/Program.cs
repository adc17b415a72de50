using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator;

/// <summary>
/// Runs the default farm until Ctrl+C or SIGTERM:
/// <c>dotnet run --project src/PrinterTools.Simulator [-- --first-address 127.0.0.10] [--run-for SECONDS]
/// [--job-seconds SECONDS] [--segment-address 127.0.0.1|none]</c>. With <c>--job-seconds</c> every job runs
/// from 0 to 100 % in that time; the segment address (default 127.0.0.1) answers discovery for the whole farm.
/// Standard input is never read, so CI (no terminal) neither blocks on it nor stops early.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        IPAddress first = VirtualPrinterFarm.DefaultFirstAddress;
        TimeSpan? runFor = null;
        TimeSpan? jobDuration = null;
        IPAddress? segment = VirtualPrinterFarm.DefaultSegmentAddress;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--first-address" when value is not null && IPAddress.TryParse(value, out IPAddress? parsed):
                    first = parsed;
                    i++;
                    break;
                case "--run-for" when value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                    runFor = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case "--job-seconds" when value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double jobSeconds) && jobSeconds > 0:
                    jobDuration = TimeSpan.FromSeconds(jobSeconds);
                    i++;
                    break;
                case "--segment-address" when value == "none":
                    segment = null;
                    i++;
                    break;
                case "--segment-address" when value is not null && IPAddress.TryParse(value, out IPAddress? segmentAddress):
                    segment = segmentAddress;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine("usage: PrinterTools.Simulator [--first-address 127.x.y.z] [--run-for SECONDS] "
                        + "[--job-seconds SECONDS] [--segment-address 127.x.y.z|none]");
                    return 2;
            }
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // shut down cleanly instead of being killed
            stop.TrySetResult();
        };
        using PosixSignalRegistration? term = OnSigterm(stop);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();

        await using VirtualPrinterFarm farm = await VirtualPrinterFarm.StartDefaultAsync(first, segment, jobDuration).ConfigureAwait(false);
        foreach (VirtualFlashForgePrinter printer in farm.Printers)
        {
            FlashForgePrinterOptions o = printer.Options;
            Console.WriteLine($"{o.Name}\t{printer.Model}\t{printer.Address}\t{o.SerialNumber}\t{o.CheckCode}\t{o.State}");
        }

        if (farm.SegmentAddress is IPAddress bound)
        {
            IEnumerable<int> missing = Discovery.SegmentListener.Ports.Except(farm.SegmentPorts);
            Console.WriteLine($"Discovery segment {bound} on UDP {string.Join(", ", farm.SegmentPorts)}"
                + (missing.Any() ? $"; {string.Join(", ", missing)} taken by another process, skipped" : string.Empty));
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
