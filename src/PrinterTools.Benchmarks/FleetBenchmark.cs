using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Host;
using PrinterTools.Simulator;

namespace PrinterTools.Benchmarks;

/// <summary>
/// The fleet-scale rows: 250 virtual printers (Adventurer 4 and 5M Pro alternating) with 100 ms
/// per reply, the TCP connect counted as one more reply (the simulator holds a new connection's
/// first answer one latency longer, as a LAN's handshake would). Two figures of round trips:
/// the wall time divided by the latency (CPU of both sides on this machine included), and the
/// count of the exchanges the busiest printer saw one after another (connections + console
/// commands + HTTP requests; commands are sequential, proven by CommandsSentBeforeReply = 0).
/// </summary>
internal static class FleetBenchmark
{
    private const int FarmSize = 250;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);
    private const string CheckCode = "24681357";

    public static bool Run()
    {
        var segment = IPAddress.Parse("127.0.93.254");
        var printers = Enumerable.Range(1, FarmSize).Select(i => new FlashForgePrinterOptions
        {
            Address = IPAddress.Parse($"127.0.93.{i}"),
            Model = i % 2 == 1 ? FlashForgeModel.Adventurer4 : FlashForgeModel.Adventurer5MPro,
            Name = $"Bay-{i:000}",
            SerialNumber = $"SNBENCH{i:00000}",
            CheckCode = CheckCode,
            Latency = Latency,
            // A third of the farm printing: those are asked M27 too.
            State = i % 3 == 0 ? VirtualJobState.Printing : VirtualJobState.Idle,
            CurrentFile = i % 3 == 0 ? "part.gx" : null,
        }).ToList();
        // One printer that also has Elegoo's port 3030 behind a firewall that drops it.
        var firewalled = new FlashForgePrinterOptions
        {
            Address = IPAddress.Parse("127.0.94.10"),
            Model = FlashForgeModel.Adventurer4,
            Latency = Latency,
            SilentPorts = new[] { 3030 },
        };
        using var farm = new FarmScope(VirtualPrinterFarm.StartAsync(printers.Append(firewalled), segment).GetAwaiter().GetResult());
        using var engine = new HostedEngine(new TextHost(TextWriter.Null, TextWriter.Null), ModuleLocator.FindManifest());
        var ok = true;

        Console.WriteLine();
        Console.WriteLine($"Fleet: {FarmSize} virtual printers (Adventurer 4 and 5M Pro), {Latency.TotalMilliseconds:0} ms per reply, the TCP connect counted as a round trip");
        Console.WriteLine($"{"What",-62} {"seconds",8} {"s / latency",12} {"counted",8}  {"result"}");

        // Find-Printer, five times: every printer, once, within the window (-Timeout 3) + 10 %.
        PSObject[] found = Array.Empty<PSObject>();
        var findRuns = new List<(int Found, int Duplicates, double Seconds)>();
        for (var run = 0; run < 5; run++)
        {
            var (output, seconds, errors) = Invoke(engine, $"Find-Printer -BroadcastAddress {segment}");
            var addresses = output.Select(o => ((PrinterInfo)o.BaseObject).Address).Where(a => a.StartsWith("127.0.93.", StringComparison.Ordinal)).ToList();
            findRuns.Add((addresses.Distinct().Count(), addresses.Count - addresses.Distinct().Count(), seconds));
            found = output.Where(o => ((PrinterInfo)o.BaseObject).Address.StartsWith("127.0.93.", StringComparison.Ordinal)).ToArray();
        }
        var findMet = findRuns.All(r => r.Found == FarmSize && r.Duplicates == 0 && r.Seconds <= 3 * 1.1);
        ok &= findMet;
        Console.WriteLine($"{"Find-Printer over 250, 5 runs (window 3 s)",-62} {findRuns.Max(r => r.Seconds),8:0.00} {"",12}  " +
            $"{"",8} found {string.Join(" / ", findRuns.Select(r => $"{100.0 * r.Found / FarmSize:0}%"))}, duplicates {findRuns.Sum(r => r.Duplicates)}, slowest {findRuns.Max(r => r.Seconds) / 3:0.00} x window {(findMet ? "(goal met)" : "(GOAL MISSED)")}");

        // Warm-up (JIT, first connections of the engine): not measured.
        Invoke(engine, "$input | Get-PrinterStatus", found.Take(20).ToArray());

        // One by one: -ThrottleLimit 1 over the first 25, scaled to 250 (it is linear by definition).
        var sample = found.Take(25).ToArray();
        var (_, oneByOneSample, _) = Invoke(engine, "$input | Get-PrinterStatus -ThrottleLimit 1", sample);
        var oneByOne = oneByOneSample * FarmSize / sample.Length;
        Console.WriteLine($"{"Get-PrinterStatus one by one (-ThrottleLimit 1; 25, scaled)",-62} {oneByOne,8:0.00} {oneByOne / Latency.TotalSeconds,12:0}");
        var sweep = new Sweeper(engine, farm.Farm, oneByOne);

        ok &= sweep.Run("Get-PrinterStatus, default, Find-Printer objects piped in", "$input | Get-PrinterStatus", found, goalTrips: 5, goalSpeedUp: 100);
        var inventory = Inventory(engine, found);
        ok &= sweep.Run("Get-PrinterStatus, default, Import-Csv inventory piped in", "$input | Get-PrinterStatus", inventory, goalTrips: 5, goalSpeedUp: 100);
        var addressList = found.Select(o => new PSObject(((PrinterInfo)o.BaseObject).Address)).ToArray();
        ok &= sweep.Run("Get-PrinterStatus, default, bare -Address (vendor unknown)", "$input | Get-PrinterStatus", addressList, goalTrips: 6, goalSpeedUp: null);
        sweep.Run("Get-PrinterStatus -ThrottleLimit 250, piped", "$input | Get-PrinterStatus -ThrottleLimit 250", found, goalTrips: null, goalSpeedUp: null);
        var pros = found.Where(o => ((PrinterInfo)o.BaseObject).Model == "Adventurer 5M Pro").ToArray();
        // Warm-up of the HTTP path (JIT of the HTTP stack on both sides): not measured.
        Invoke(engine, "$input | Get-PrinterStatus -AccessCode $code", pros.Take(2).ToArray());
        ok &= sweep.Run($"5M Pro over HTTP with the check code ({pros.Length} printers)", "$input | Get-PrinterStatus -AccessCode $code", pros, goalTrips: 2, goalSpeedUp: null, againstOneByOne: false);

        var overlapping = sweep.CommandsSentBeforeReply;
        ok &= overlapping == 0;
        Console.WriteLine($"{"Console commands sent before the previous reply, all sweeps",-62} {"",8} {"",12} {"",8}  {overlapping} {(overlapping == 0 ? "(one command in flight per console: met)" : "(BROKEN)")}");

        // Vendor detection while port 3030 drops connection attempts silently.
        var (detected, detectSeconds, detectErrors) = Invoke(engine, $"Get-PrinterStatus -Address {firewalled.Address} -Timeout 5");
        var detectMet = detected.Length == 1 && detectErrors == 0 && detectSeconds < 5;
        ok &= detectMet;
        Console.WriteLine($"{"Vendor detection, port 3030 dropping silently (-Timeout 5)",-62} {detectSeconds,8:0.00} {detectSeconds / Latency.TotalSeconds,12:0.0} {"",8}  " +
            $"{(detected.Length == 1 ? "status read" : "NO STATUS")} {(detectMet ? "(goal met: before -Timeout)" : "(GOAL MISSED)")}");
        return ok;
    }

    /// <summary>Runs sweeps and prints their rows: time, round trips both ways, speed-up, and whether the goals hold.</summary>
    private sealed class Sweeper
    {
        private readonly HostedEngine _engine;
        private readonly VirtualPrinterFarm _farm;
        private readonly double _oneByOne;

        public Sweeper(HostedEngine engine, VirtualPrinterFarm farm, double oneByOne)
        {
            _engine = engine;
            _farm = farm;
            _oneByOne = oneByOne;
        }

        /// <summary>Over all sweeps run: commands a console got before it had answered the previous one.</summary>
        public int CommandsSentBeforeReply { get; private set; }

        /// <param name="againstOneByOne">False where the one-by-one run (console) is not the same work.</param>
        public bool Run(string what, string script, PSObject[] input, int? goalTrips, double? goalSpeedUp, bool againstOneByOne = true)
        {
            _farm.ResetCounters();
            var (output, seconds, errors) = Invoke(_engine, script, input);
            var trips = seconds / Latency.TotalSeconds;
            var counted = _farm.Printers.Max(p => p.TotalConnections + p.ReceivedCommands.Count + p.HttpConnections + p.HttpRequests);
            var speedUp = _oneByOne / seconds;
            CommandsSentBeforeReply += _farm.CommandsSentBeforeReply;
            var met = output.Length == input.Length && errors == 0 && (goalTrips is null || counted <= goalTrips) && (goalSpeedUp is null || speedUp >= goalSpeedUp);
            var goal = goalTrips is null ? "" : $"; goal <= {goalTrips} round trips{(goalSpeedUp is null ? "" : $", >= x{goalSpeedUp}")}: {(met ? "met" : "MISSED")}";
            Console.WriteLine($"{what,-62} {seconds,8:0.00} {trips,12:0.0} {counted,8}  {output.Length} statuses, {errors} errors{(againstOneByOne ? $", x{speedUp:0} one by one" : "")}{goal}");
            return met;
        }
    }

    /// <summary>What Import-Csv gives back of an Export-Csv'd Find-Printer: every property as text.</summary>
    private static PSObject[] Inventory(HostedEngine engine, PSObject[] found) =>
        Invoke(engine, "$input | ForEach-Object { [pscustomobject]@{ Name = \"$($_.Name)\"; Vendor = \"$($_.Vendor)\"; Model = \"$($_.Model)\"; Address = \"$($_.Address)\"; SerialNumber = \"$($_.SerialNumber)\" } }", found).Output;

    private static (PSObject[] Output, double Seconds, int Errors) Invoke(HostedEngine engine, string script, PSObject[]? input = null)
    {
        using var ps = engine.CreatePowerShell();
        ps.Runspace.SessionStateProxy.SetVariable("code", Secure(CheckCode));
        ps.AddScript(script);
        var clock = Stopwatch.StartNew();
        var output = (input is null ? ps.Invoke() : ps.Invoke(input)).ToArray();
        clock.Stop();
        return (output, clock.Elapsed.TotalSeconds, ps.Streams.Error.Count);
    }

    private static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }
        return secure;
    }
}
