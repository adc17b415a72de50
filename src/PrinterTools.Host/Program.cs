using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Host;

/// <summary>
/// <c>dotnet run --project src/PrinterTools.Host -- [-Simulator] (-Command script | -File path [args])</c>:
/// a pwsh stand-in for machines that only have the .NET SDK.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        HostOptions options = HostOptions.Parse(args);
        if (options.Help)
        {
            Console.Out.WriteLine(HostOptions.Usage);
            return 0;
        }

        if (options.Error is not null)
        {
            Console.Error.WriteLine(options.Error);
            Console.Error.WriteLine(HostOptions.Usage);
            return 2;
        }

        // First Ctrl+C stops the pipeline so cmdlets close their printer connections; a second one
        // (for a command that ignores the stop) ends the process the usual way.
        HostedEngine? engine = null;
        int cancelPresses = 0;
        Console.CancelKeyPress += (_, e) =>
        {
            if (Interlocked.Increment(ref cancelPresses) > 1)
            {
                return;
            }

            e.Cancel = true;
            Console.Error.WriteLine("Stopping... (Ctrl+C again to quit at once)");
            Volatile.Read(ref engine)?.Stop();
        };

        string manifest;
        try
        {
            manifest = ModuleLocator.FindManifest();
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        string? script = options.Command == "-" ? await Console.In.ReadToEndAsync().ConfigureAwait(false) : options.Command;
        // With a script on stdin there is nothing left to answer prompts with.
        TextReader? input = options.Command == "-" ? null : Console.In;
        var host = new TextHost(Console.Out, Console.Error, input);
        host.TextUI.KeepProgressRecords = false;

        SimulatorSession? simulator = null;
        try
        {
            if (options.Simulator)
            {
                try
                {
                    simulator = await SimulatorSession.StartAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Console.Error.WriteLine($"Simulator failed to start: {ex.Message}");
                    return 1;
                }
            }

            using var created = new HostedEngine(host, manifest);
            if (created.ModuleInfo is null)
            {
                // The engine already wrote the import errors.
                return 1;
            }

            if (simulator is not null)
            {
                // Find-Printer probes -BroadcastAddress; aim it at the loopback farm instead of the LAN.
                // The environment variable also covers runspaces the script makes itself, and a
                // script that resets $PSDefaultParameterValues.
                var addresses = simulator.Addresses.Select(a => a.ToString()).ToArray();
                Environment.SetEnvironmentVariable("PRINTERTOOLS_BROADCAST_ADDRESS", string.Join(",", addresses));
                created.SetDefaultParameterValue("Find-Printer:BroadcastAddress", addresses);
                Console.Error.WriteLine(simulator.Describe());
            }

            Volatile.Write(ref engine, created);
            if (Volatile.Read(ref cancelPresses) > 0)
            {
                return HostedEngine.StoppedExitCode;
            }

            return options.File is not null
                ? created.RunFile(options.File, options.FileArguments)
                : created.RunScript(script!);
        }
        finally
        {
            Volatile.Write(ref engine, null);
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
