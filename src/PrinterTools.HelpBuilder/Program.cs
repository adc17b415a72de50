using System;

namespace PrinterTools.HelpBuilder;

internal static class Program
{
    private static int Main(string[] args) => HelpBuild.Run(args, Console.Out, Console.Error);
}
