using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator;
using Xunit;

namespace PrinterTools.Tests.Simulator;

/// <summary>The simulator as a program: its command line, and a farm run in a child process. Addresses 127.R.108.x-109.x.</summary>
public sealed class ProgramTests
{
    [Fact]
    public void The_farm_options_apply_to_every_printer_and_without_printers_the_demo_farm_starts()
    {
        ProgramArguments parsed = ProgramArguments.Parse(new[]
        {
            "--printers", "3", "--model", "adventurer5mpro", "--first-address", TestNet.At("108.254"),
            "--latency", "100", "--no-discovery", "--silent-port", "3030", "--silent-port", "9999",
        })!;
        IReadOnlyList<FlashForgePrinterOptions> printers = parsed.CreatePrinters();

        Assert.Equal(new[] { "108.254", "109.1", "109.2" }.Select(TestNet.Ip), printers.Select(p => p.Address));
        Assert.All(printers, p =>
        {
            Assert.Equal(FlashForgeModel.Adventurer5MPro, p.Model);
            Assert.Equal(TimeSpan.FromMilliseconds(100), p.Latency);
            Assert.False(p.ListenForDiscovery);
            Assert.Equal(new[] { 3030, 9999 }, p.SilentPorts);
        });
        Assert.Null(parsed.SegmentAddress); // no printer would answer there

        ProgramArguments demo = ProgramArguments.Parse(Array.Empty<string>())!;
        Assert.Equal(4, demo.CreatePrinters().Count);
        Assert.Equal(VirtualPrinterFarm.DefaultSegmentAddress, demo.SegmentAddress);
        Assert.All(demo.CreatePrinters(), p => Assert.True(p.ListenForDiscovery));
        Assert.All(demo.CreatePrinters(), p => Assert.Equal(TimeSpan.Zero, p.Latency));
    }

    [Theory]
    [InlineData("--model Adventurer4")] // --model picks the models of --printers only
    [InlineData("--printers 0")]
    [InlineData("--printers many")]
    [InlineData("--printers 2 --model Creator5")]
    [InlineData("--latency -1")]
    [InlineData("--silent-port 70000")]
    [InlineData("--no-discovery --printers")]
    public void A_bad_command_line_is_a_usage_error(string commandLine)
    {
        Assert.Null(ProgramArguments.Parse(commandLine.Split(' ')));
    }

    [Fact]
    public async Task A_child_process_runs_the_farm_it_was_asked_for_and_lists_each_printer_before_running()
    {
        using Process child = StartChild("--printers", "4", "--first-address", TestNet.At("108.253"), "--no-discovery", "--silent-port", "3030");
        try
        {
            List<string> lines = await ReadUntilRunningAsync(child);

            string[][] printers = lines.Where(l => l.Contains('\t')).Select(l => l.Split('\t')).ToArray();
            Assert.Equal(new[] { "108.253", "108.254", "109.1", "109.2" }.Select(TestNet.At), printers.Select(p => p[2]));
            Assert.Equal(new[] { "Adventurer4", "Adventurer5MPro", "Adventurer4", "Adventurer5MPro" }, printers.Select(p => p[1]));
            Assert.StartsWith("Running", lines[^1], StringComparison.Ordinal);

            // The printers answer; with --no-discovery their UDP ports are free, and --silent-port hangs a connect.
            IPAddress a4 = TestNet.Ip("109.1");
            using var cancel = new CancellationTokenSource();
            using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Task connecting = silent.ConnectAsync(new IPEndPoint(a4, 3030), cancel.Token).AsTask();
            await using (RawConsole console = await RawConsole.ConnectAsync(a4))
            {
                Assert.StartsWith("CMD M115 Received.", await console.AskAsync("M115"));
            }

            Assert.False(connecting.IsCompleted, $"the connect to the silent port ended: {connecting.Status}");
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
            using (var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                udp.Bind(new IPEndPoint(a4, 19000));
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    /// <summary>The simulator this test run built, under the same dotnet host as the tests.</summary>
    private static Process StartChild(params string[] args)
    {
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(VirtualPrinterFarm).Assembly.Location);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task<List<string>> ReadUntilRunningAsync(Process child)
    {
        var lines = new List<string>();
        using var guard = new CancellationTokenSource(TestGuard.Limit);
        while (await child.StandardOutput.ReadLineAsync(guard.Token) is string line)
        {
            lines.Add(line);
            if (line.StartsWith("Running", StringComparison.Ordinal))
            {
                return lines;
            }
        }

        throw new Xunit.Sdk.XunitException($"The simulator ended before running: {string.Join("\n", lines)}\n{await child.StandardError.ReadToEndAsync()}");
    }
}
