using System;
using System.Collections.Generic;
using System.Linq;

namespace PrinterTools.Host;

/// <summary>The parsed command line of the host program.</summary>
internal sealed record HostOptions
{
    public const string Usage = """
        Runs a PowerShell script against the built PrinterTools module (no pwsh needed).

        Usage:
          PrinterTools.Host [-Simulator] -Command <script...>
          PrinterTools.Host [-Simulator] -File <path.ps1> [args...]
          PrinterTools.Host -Help

          -Command, -c   The rest of the line is the script; "-" reads the script from standard input.
          -File, -f      Runs a script file; later arguments go to it ("-Name value" binds -Name).
          -Simulator     Starts the virtual printers first and points Find-Printer at them.
          -Help, -h, -?  Shows this text.

        Options also work as --simulator, --command, --file; case does not matter.
        Environment: PRINTERTOOLS_MODULE_PATH = module folder or psd1 (default: out/PrinterTools).
        Exit code: the script's `exit N`, else 1 after any error, 130 when stopped, 2 for bad usage.
        """;

    public bool Simulator { get; init; }

    public bool Help { get; init; }

    public string? Command { get; init; }

    public string? File { get; init; }

    public IReadOnlyList<string> FileArguments { get; init; } = [];

    /// <summary>Why the command line is unusable; null when it is fine.</summary>
    public string? Error { get; init; }

    public static HostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HostOptions();
        for (int i = 0; i < args.Count; i++)
        {
            // Like pwsh: -Command and -File take the rest of the line, so they end option parsing.
            switch (Normalize(args[i]))
            {
                case "simulator":
                    options = options with { Simulator = true };
                    break;
                case "help" or "h" or "?":
                    options = options with { Help = true };
                    break;
                case "command" or "c":
                    string script = string.Join(' ', args.Skip(i + 1));
                    return script.Length == 0
                        ? options with { Error = "-Command needs a script." }
                        : options with { Command = script };
                case "file" or "f":
                    return i + 1 >= args.Count
                        ? options with { Error = "-File needs the path of a script." }
                        : options with { File = args[i + 1], FileArguments = args.Skip(i + 2).ToArray() };
                default:
                    return options with { Error = $"Unknown argument '{args[i]}'." };
            }
        }

        return options.Help ? options : options with { Error = "Give -Command or -File." };
    }

    private static string Normalize(string arg)
    {
        string name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..]
            : arg.StartsWith('-') || arg.StartsWith('/') ? arg[1..]
            : "\0" + arg; // not an option at all: never matches a name
        return name.ToLowerInvariant();
    }
}
