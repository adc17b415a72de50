using System;
using System.Diagnostics;
using PrinterTools.Simulator;

namespace PrinterTools.Benchmarks;

/// <summary>An in-process farm, stopped when disposed.</summary>
internal sealed class FarmScope : IDisposable
{
    public FarmScope(VirtualPrinterFarm farm) => Farm = farm;
    public VirtualPrinterFarm Farm { get; }
    public void Dispose() => Farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>A farm of the simulator's program in a child process, its addresses read from its output.</summary>
internal sealed class ChildFarm : IDisposable
{
    private readonly Process _process;

    private ChildFarm(Process process, string[] addresses)
    {
        _process = process;
        Addresses = addresses;
    }

    public string[] Addresses { get; }

    public static ChildFarm Start(string arguments)
    {
        var simulator = typeof(VirtualPrinterFarm).Assembly.Location;
        var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{simulator}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var addresses = new System.Collections.Generic.List<string>();
        // One line per printer (name, model, address, ...), then "Running ..." once all listen.
        while (process.StandardOutput.ReadLine() is { } line && !line.StartsWith("Running", StringComparison.Ordinal))
        {
            var fields = line.Split('\t');
            if (fields.Length > 2)
            {
                addresses.Add(fields[2]);
            }
        }
        if (process.HasExited)
        {
            throw new InvalidOperationException($"The simulator stopped: {process.StandardError.ReadToEnd()}");
        }
        return new ChildFarm(process, addresses.ToArray());
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
