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
/// 3. Time to error: every fault a virtual printer can play, against every cmdlet it applies to,
///    at -Timeout 1: the seconds until the command has ended with its error, beside the bound
///    of -Timeout + 1 s that every fault must meet.
/// Loopback only.
/// </summary>
internal static class Program
{
    private static async Task<int> Main()
    {
        Console.WriteLine($"PrinterTools benchmarks, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await UploadMemoryAsync();
        Concurrency();
        return TimeToError() ? 0 : 1;
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
            Console.WriteLine($"-ThrottleLimit {throttle,2}: {results.Count,2} statuses in {clock.Elapsed.TotalSeconds,5:0.00} s   speed-up x{serial / clock.Elapsed.TotalSeconds:0.0}   most commands in flight at once: {farm.Farm.MaxConcurrentCommands}");
            farm.Farm.ResetCounters();
        }
    }

    /// <summary>Seconds from start to the end of each command against each fault; false if any broke the bound.</summary>
    private static bool TimeToError()
    {
        const double timeout = 1;
        var faults = new (string Name, Action<FlashForgePrinterOptions> Play)[]
        {
            ("Silent", o => o.Fault = FlashForgeFault.Silent),
            ("Silent, no UDP", o => { o.Fault = FlashForgeFault.Silent; o.AnswerDiscovery = false; }),
            ("SlowDrip", o => o.Fault = FlashForgeFault.SlowDrip),
            ("Truncated", o => o.Fault = FlashForgeFault.Truncated),
            ("Garbage", o => o.Fault = FlashForgeFault.Garbage),
            ("Oversized", o => o.Fault = FlashForgeFault.Oversized),
            ("ResetOnConnect", o => o.Fault = FlashForgeFault.ResetOnConnect),
            ("RefuseControl", o => o.Fault = FlashForgeFault.RefuseControl),
            ("RefuseUpload", o => o.Fault = FlashForgeFault.RefuseUpload),
            ("WrongDiscoverySize", o => o.Fault = FlashForgeFault.WrongDiscoverySize),
            ("NoisySnapshot", o => o.Fault = FlashForgeFault.NoisySnapshot),
            ("BadThumbnailLength", o => o.Fault = FlashForgeFault.BadThumbnailLength),
            ("no printer", _ => { }),
        };
        var folder = Directory.CreateTempSubdirectory("printertools-bench-faults-").FullName;
        var upload = Path.Combine(folder, "cube.gx");
        File.WriteAllText(upload, string.Concat(Enumerable.Repeat("G1 X10 Y10\n", 2000)));
        var commands = new (string Name, string Script)[]
        {
            ("Find-Printer", $"Find-Printer -Address {{0}} -Timeout {timeout}"),
            ("Get-PrinterStatus", $"Get-PrinterStatus -Address {{0}} -Vendor FlashForge -Timeout {timeout}"),
            ("Send-PrinterGcode", $"Send-PrinterGcode -Address {{0}} -Vendor FlashForge -Gcode 'M105' -Force -Timeout {timeout}"),
            ("Start-PrinterJob", $"Start-PrinterJob -Address {{0}} -Vendor FlashForge -Path '{upload}' -Timeout {timeout}"),
            ("Receive -Thumbnail", $"Receive-PrinterFile -Address {{0}} -Vendor FlashForge -FileName 'cube.gx' -Thumbnail -Destination '{folder}' -Force -Timeout {timeout}"),
            ("Receive -Snapshot", $"Receive-PrinterFile -Address {{0}} -Vendor FlashForge -Snapshot -Destination '{folder}' -Force -Timeout {timeout}"),
        };
        // The 5M Pro serves the camera; the others are Adventurer 4 consoles.
        var options = faults.Select((fault, i) =>
        {
            var printer = new FlashForgePrinterOptions
            {
                Address = IPAddress.Parse($"127.0.92.{10 + i}"),
                Model = fault.Name == "NoisySnapshot" ? FlashForgeModel.Adventurer5MPro : FlashForgeModel.Adventurer4,
                StoredFiles = new[] { "cube.gx" },
            };
            fault.Play(printer);
            return printer;
        }).Where((_, i) => faults[i].Name != "no printer").ToList();
        using var farm = new Disposer(VirtualPrinterFarm.StartAsync(options).GetAwaiter().GetResult());
        using var engine = new HostedEngine(new TextHost(TextWriter.Null, TextWriter.Null), ModuleLocator.FindManifest());

        Console.WriteLine();
        Console.WriteLine($"Seconds to the end of the command, -Timeout {timeout} (bound {timeout + 1} s); the error id, or 'ok' where the fault does not apply");
        Console.WriteLine($"{"fault",-19}" + string.Concat(commands.Select(c => $"{c.Name,26}")));
        var worst = 0.0;
        for (var i = 0; i < faults.Length; i++)
        {
            var line = $"{faults[i].Name,-19}";
            foreach (var command in commands)
            {
                using var ps = engine.CreatePowerShell();
                ps.AddScript(string.Format(System.Globalization.CultureInfo.InvariantCulture, command.Script, $"127.0.92.{10 + i}"));
                var clock = Stopwatch.StartNew();
                try
                {
                    ps.Invoke();
                }
                catch (System.Management.Automation.RuntimeException)
                {
                }
                clock.Stop();
                var id = ps.Streams.Error.Count == 0 ? "ok" : ps.Streams.Error[0].FullyQualifiedErrorId.Split(',')[0].Replace("Printer", "");
                worst = Math.Max(worst, clock.Elapsed.TotalSeconds);
                line += $"{$"{clock.Elapsed.TotalSeconds:0.00} {id}",26}";
            }
            Console.WriteLine(line);
        }
        // Tab completion of -FileName lists the printer's files with its own limit of 2 s (no -Timeout there).
        double completionSeconds;
        using (var ps = engine.CreatePowerShell())
        {
            var input = "Start-PrinterJob -Address 127.0.92.10 -Vendor FlashForge -FileName ";
            var clock = Stopwatch.StartNew();
            var completion = System.Management.Automation.CommandCompletion.CompleteInput(input, input.Length, null, ps);
            clock.Stop();
            completionSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"Tab completion of -FileName against the silent printer: {completionSeconds:0.00} s (its limit 2 s, bound 3 s), {completion.CompletionMatches.Count} names offered");
        }
        Directory.Delete(folder, true);
        var met = worst <= timeout + 1 && completionSeconds <= 3;
        Console.WriteLine($"Slowest command: {worst:0.00} s; bounds: {(met ? "met" : "BROKEN")}");
        return met;
    }

    private sealed class Disposer : IDisposable
    {
        public Disposer(VirtualPrinterFarm farm) => Farm = farm;
        public VirtualPrinterFarm Farm { get; }
        public void Dispose() => Farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
