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
/// 1. Uploads: the most live managed memory (sampled with a full collection every 20 ms) during
///    uploads of 1, 8 and 64 MiB over the console and over HTTP, the bytes allocated per MiB and
///    per 4 KiB console packet, and the throughput beside a raw socket copy of the same file to a
///    loopback listener, against virtual printers in a child process (so their stored copies are
///    not counted). The virtual 5M Pro refuses a chunked body (HTTP 411), so an HTTP upload that
///    succeeds was sent with its Content-Length.
/// 2. Fleet: the fleet-scale issue's table, 250 printers with 100 ms per reply (FleetBenchmark).
/// 3. Growth: a default sweep of 16 to 4,000 printers, with CPU, sockets and threads (GrowthBenchmark).
/// 4. Time to error: every fault a virtual printer can play, against every cmdlet it applies to,
///    at -Timeout 1: the seconds until the command has ended with its error, beside the bound
///    of -Timeout + 1 s that every fault must meet.
/// Loopback only. Exits 1 when a goal or bound is missed.
/// </summary>
internal static class Program
{
    private static async Task<int> Main()
    {
        Console.WriteLine($"PrinterTools benchmarks, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var only = Environment.GetEnvironmentVariable("PRINTERTOOLS_BENCH_ONLY");
        var ok = true;
        if (only is null or "upload") await UploadMemoryAsync();
        if (only is null or "fleet") ok &= FleetBenchmark.Run();
        if (only is null or "growth") ok &= GrowthBenchmark.Run();
        if (only is null or "faults") ok &= TimeToError();
        return ok ? 0 : 1;
    }

    private static async Task UploadMemoryAsync()
    {
        // The default farm, in a child process so that its stored copies are not counted here.
        using var farm = ChildFarm.Start("--first-address 127.0.90.10");
        var legacy = new FlashForgeConnectionOptions("127.0.90.10") { Timeout = TimeSpan.FromSeconds(30) };
        // The default farm's 5M Pro that has finished its job (serial and check code are the simulator's defaults).
        var modern = new FlashForgeConnectionOptions("127.0.90.13") { Timeout = TimeSpan.FromSeconds(30), Credential = new NetworkCredential("SNMOMC5000013", "51234013") };

        Console.WriteLine();
        Console.WriteLine("Upload      size   most live memory   allocated per MiB   per packet   throughput   raw socket copy   ratio");
        var folder = Directory.CreateTempSubdirectory("printertools-bench-").FullName;
        using var drain = new DrainingHttpServer("127.0.90.201");
        var toDrain = new FlashForgeConnectionOptions("127.0.90.201") { Timeout = TimeSpan.FromSeconds(30), Credential = modern.Credential, HttpPort = drain.Port };
        Func<Stream, long, Task> OverConsole(string name) => (stream, size) => FlashForgeControlSession.RunAsync(legacy, CancellationToken.None,
            async session =>
            {
                await FlashForgeConsoleFiles.UploadAsync(session, name, stream, size, null, legacy.Timeout, CancellationToken.None);
                return true;
            });
        Func<Stream, long, Task> Http(FlashForgeConnectionOptions to, string name) => (stream, size) =>
            FlashForgeHttpClient.UploadAsync(to, "SNMOMC5000013", name, stream, size,
                FlashForgeHttpFiles.UploadHeaders(size, printNow: false, levelBed: false, newFirmware: true), null, CancellationToken.None);
        var first = true;
        foreach (var megabytes in new[] { 1, 8, 64 })
        {
            var file = Path.Combine(folder, $"b{megabytes}.gx");
            var content = new byte[megabytes * 1024 * 1024];
            new Random(megabytes).NextBytes(content);
            await File.WriteAllBytesAsync(file, content);
            content = null;
            if (first)
            {
                // Warm-up (JIT, first connections): not measured.
                await Measure(null, megabytes, file, OverConsole("warm.gx"));
                await Measure(null, megabytes, file, Http(modern, "warm.gx"));
                await Measure(null, megabytes, file, Http(toDrain, "warm.gx"));
                first = false;
            }
            await Measure("console", megabytes, file, OverConsole($"b{megabytes}.gx"));
            await Measure("HTTP", megabytes, file, Http(modern, $"b{megabytes}.gx"));
            await Measure("HTTP*", megabytes, file, Http(toDrain, $"b{megabytes}.gx"));
        }
        System.Console.WriteLine($"HTTP: to the virtual 5M Pro, which refuses a chunked body (411), so each upload went with its Content-Length. HTTP*: to a server that only drains the body ({drain.WithLength} of {drain.Requests} requests had a Content-Length); its own allocations are counted too.");
        Directory.Delete(folder, true);
    }

    /// <summary>One upload measured and printed; a null <paramref name="transport"/> runs it unprinted (warm-up).</summary>
    private static async Task Measure(string? transport, int megabytes, string file, Func<Stream, long, Task> upload)
    {
        var raw = await RawCopyAsync(file);
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
        // The sampler's own allocations (its delays) are counted too: a few KB per run.
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
        if (transport is null)
        {
            return;
        }
        var packets = megabytes * 1024 * 1024 / FlashForgeConsoleFiles.PacketDataBytes;
        var perPacket = transport == "console" ? $"{(double)allocated / packets,8:0} B" : "        -";
        var speed = megabytes / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{transport,-8} {megabytes,4} MiB   {(peak - baseline) / 1024.0 / 1024.0,8:0.00} MiB        {allocated / 1024.0 / megabytes,8:0} KiB    {perPacket}   {speed,6:0.0} MiB/s   {raw,8:0.0} MiB/s    {speed / raw,5:0.00}");
    }

    /// <summary>The same file copied over a plain loopback socket to a listener that only drains: the link's speed here.</summary>
    private static async Task<double> RawCopyAsync(string file)
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Parse("127.0.90.200"), 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var drain = Task.Run(async () =>
            {
                using var peer = await listener.AcceptTcpClientAsync();
                var buffer = new byte[64 * 1024];
                var stream = peer.GetStream();
                while (await stream.ReadAsync(buffer) > 0)
                {
                }
            });
            var clock = Stopwatch.StartNew();
            using (var client = new System.Net.Sockets.TcpClient())
            {
                await client.ConnectAsync(IPAddress.Parse("127.0.90.200"), port);
                await using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
                await source.CopyToAsync(client.GetStream());
            }
            await drain;
            clock.Stop();
            return new FileInfo(file).Length / 1024.0 / 1024.0 / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            listener.Stop();
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
        using var farm = new FarmScope(VirtualPrinterFarm.StartAsync(options).GetAwaiter().GetResult());
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
}
