using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.FlashForge;
using PrinterTools.Host;
using PrinterTools.Simulator;

namespace PrinterTools.Benchmarks;

/// <summary>
/// dotnet run -c Release --project src/PrinterTools.Benchmarks
/// 1. Upload memory: the most live managed memory (sampled with a full collection every 20 ms)
///    during uploads of 1, 8 and 32 MB over the console and over HTTP, and the bytes allocated
///    per MB sent, against virtual printers in a child process (so their stored copies are not
///    counted). Streaming means live memory stays flat while the size grows 32 times.
/// 2. Concurrency: Get-PrinterStatus over 16 slow virtual printers with -ThrottleLimit 1 and 16,
///    through the hosted module.
/// Loopback only.
/// </summary>
internal static class Program
{
    private static async Task<int> Main()
    {
        Console.WriteLine($"PrinterTools benchmarks, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await UploadMemoryAsync();
        Concurrency();
        return 0;
    }

    private static async Task UploadMemoryAsync()
    {
        var simulator = typeof(VirtualPrinterFarm).Assembly.Location;
        using var farm = Process.Start(new ProcessStartInfo("dotnet", $"\"{simulator}\" --first-address 127.0.90.10")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            // The default farm prints one line per printer once all listen.
            for (var i = 0; i < 4; i++)
            {
                await farm.StandardOutput.ReadLineAsync();
            }
            var legacy = new FlashForgeConnectionOptions("127.0.90.10") { Timeout = TimeSpan.FromSeconds(30) };
            // The default farm's 5M Pro that has finished its job (serial and check code are the simulator's defaults).
            var modern = new FlashForgeConnectionOptions("127.0.90.13") { Timeout = TimeSpan.FromSeconds(30), Credential = new NetworkCredential("SNMOMC5000013", "51234013") };

            Console.WriteLine();
            Console.WriteLine("Upload      size   most live memory   allocated per MB   throughput");
            var folder = Directory.CreateTempSubdirectory("printertools-bench-").FullName;
            foreach (var megabytes in new[] { 1, 8, 32 })
            {
                var file = Path.Combine(folder, $"b{megabytes}.gx");
                var content = new byte[megabytes * 1024 * 1024];
                new Random(megabytes).NextBytes(content);
                await File.WriteAllBytesAsync(file, content);
                content = null;

                await Measure("console", megabytes, file, (stream, size) => FlashForgeControlSession.RunAsync(legacy, CancellationToken.None,
                    async session =>
                    {
                        await FlashForgeConsoleFiles.UploadAsync(session, $"b{megabytes}.gx", stream, size, null, legacy.Timeout, CancellationToken.None);
                        return true;
                    }));
                await Measure("HTTP", megabytes, file, (stream, size) =>
                    FlashForgeHttpClient.UploadAsync(modern, "SNMOMC5000013", $"b{megabytes}.gx", stream, size,
                        FlashForgeHttpFiles.UploadHeaders(size, printNow: false, levelBed: false, newFirmware: true), null, CancellationToken.None));
            }
            Directory.Delete(folder, true);
        }
        finally
        {
            farm.Kill(entireProcessTree: true);
        }
    }

    private static async Task Measure(string transport, int megabytes, string file, Func<Stream, long, Task> upload)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                // A full collection first: garbage waiting for the next GC is not memory the upload holds.
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(20);
            }
        });
        var clock = Stopwatch.StartNew();
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            await upload(stream, stream.Length);
        }
        clock.Stop();
        sampling.Cancel();
        await sampler;
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
        Console.WriteLine($"{transport,-8} {megabytes,4} MB   {(peak - baseline) / 1024.0 / 1024.0,8:0.00} MB        {allocated / 1024.0 / megabytes,8:0} KB      {megabytes / clock.Elapsed.TotalSeconds,6:0.0} MB/s");
    }

    private static void Concurrency()
    {
        const int printers = 16;
        var options = Enumerable.Range(10, printers).Select(i => new FlashForgePrinterOptions
        {
            Address = IPAddress.Parse($"127.0.91.{i}"),
            Model = FlashForgeModel.Adventurer4,
            Latency = TimeSpan.FromMilliseconds(50),
        });
        using var farm = new Disposer(VirtualPrinterFarm.StartAsync(options).GetAwaiter().GetResult());
        using var engine = new HostedEngine(new TextHost(TextWriter.Null, Console.Error), ModuleLocator.FindManifest());
        var addresses = string.Join(",", Enumerable.Range(10, printers).Select(i => $"'127.0.91.{i}'"));

        Console.WriteLine();
        Console.WriteLine($"Get-PrinterStatus over {printers} printers, each reply delayed 50 ms (5 commands each)");
        double? serial = null;
        foreach (var throttle in new[] { 1, 4, 16 })
        {
            var clock = Stopwatch.StartNew();
            using var ps = engine.CreatePowerShell();
            var results = ps.AddScript($"{addresses} | Get-PrinterStatus -Vendor FlashForge -ThrottleLimit {throttle}").Invoke();
            clock.Stop();
            serial ??= clock.Elapsed.TotalSeconds;
            Console.WriteLine($"-ThrottleLimit {throttle,2}: {results.Count,2} statuses in {clock.Elapsed.TotalSeconds,5:0.00} s   speed-up x{serial / clock.Elapsed.TotalSeconds:0.0}   most sessions at once: {farm.Farm.MaxConcurrentControlSessions}");
            farm.Farm.ResetCounters();
        }
    }

    private sealed class Disposer : IDisposable
    {
        public Disposer(VirtualPrinterFarm farm) => Farm = farm;
        public VirtualPrinterFarm Farm { get; }
        public void Dispose() => Farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
