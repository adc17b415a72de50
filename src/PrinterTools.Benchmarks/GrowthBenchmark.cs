using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Host;
using PrinterTools.Simulator;

namespace PrinterTools.Benchmarks;

/// <summary>
/// How a default sweep grows from 16 to 4,000 printers, and whether it stays safe: the farm runs
/// in a child process, so this process's CPU time, sockets and threads are the module's alone.
/// Sockets and threads are sampled every 10 ms during the sweep; TIME_WAIT counts the closed
/// console connections the kernel still holds afterwards (each holds an ephemeral port).
/// </summary>
internal static class GrowthBenchmark
{
    private const int LatencyMs = 100;

    public static bool Run()
    {
        Console.WriteLine();
        Console.WriteLine($"Default sweep (Get-PrinterStatus -Vendor FlashForge, addresses piped), Adventurer 4 farms in a child process, {LatencyMs} ms per reply");
        Console.WriteLine($"{"printers",8} {"seconds",8} {"s / latency",12} {"CPU s",7} {"statuses",9} {"errors",7} {"peak sockets",13} {"peak threads",13} {"TIME_WAIT added",16}");
        using var engine = new HostedEngine(new TextHost(TextWriter.Null, TextWriter.Null), ModuleLocator.FindManifest());
        var ok = true;
        foreach (var count in new[] { 16, 64, 250, 1000, 4000 })
        {
            ok &= Measure(engine, count);
        }
        return ok;
    }

    private static bool Measure(HostedEngine engine, int count)
    {
        using var farm = ChildFarm.Start($"--printers {count} --latency {LatencyMs} --first-address 127.51.0.1 --model Adventurer4 --no-discovery --segment-address none");
        using var ps = engine.CreatePowerShell();
        ps.Runspace.SessionStateProxy.SetVariable("addresses", farm.Addresses);
        ps.AddScript("$addresses | Get-PrinterStatus -Vendor FlashForge");
        var timeWaitBefore = TimeWaitToConsolePort();

        using var sampling = new CancellationTokenSource();
        int peakSockets = 0, peakThreads = 0;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakSockets = Math.Max(peakSockets, Sockets() ?? 0);
                peakThreads = Math.Max(peakThreads, Process.GetCurrentProcess().Threads.Count);
                await Task.Delay(10);
            }
        });
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var output = ps.Invoke();
        clock.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        sampling.Cancel();
        sampler.GetAwaiter().GetResult();
        var timeWait = TimeWaitToConsolePort() - timeWaitBefore;

        var errors = ps.Streams.Error.Count;
        Console.WriteLine($"{count,8} {clock.Elapsed.TotalSeconds,8:0.00} {clock.Elapsed.TotalSeconds * 1000 / LatencyMs,12:0.0} {cpu,7:0.00} {output.Count,9} {errors,7} {peakSockets,13} {peakThreads,13} {timeWait,16}");
        return output.Count == count && errors == 0;
    }

    /// <summary>Sockets this process holds (Linux /proc), null elsewhere.</summary>
    private static int? Sockets()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(fd =>
            {
                try
                {
                    return new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true;
                }
                catch (IOException)
                {
                    return false;
                }
            });
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// This machine's connections to port 8899 in TIME_WAIT (Linux /proc/net/tcp and tcp6, state
    /// 06; .NET's sockets are dual-mode, so IPv4 peers show in tcp6): the client closed first, and
    /// each holds one of its ephemeral ports for a minute.
    /// </summary>
    private static int TimeWaitToConsolePort() =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).Sum(table =>
            File.ReadLines(table).Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Count(f => f.Length > 3 && f[3] == "06" && f[2].EndsWith(":22C3", StringComparison.Ordinal)));
}
