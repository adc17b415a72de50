using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PrinterTools.Internal;

/// <summary>
/// Windows PowerShell 5.1 (.NET Framework) has no binding redirects for the module's
/// dependencies: System.Text.Json's own dependencies ask for other versions of System.Memory,
/// System.Runtime.CompilerServices.Unsafe and System.Buffers than the ones it ships with. On
/// .NET Framework any version asked for is answered with the copy in the module folder.
/// PowerShell 7 resolves these from its own runtime and needs nothing.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

    private static bool OnNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        if (OnNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (OnNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }
    }

    /// <summary>The copy in the module folder of the assembly named, whatever version was asked for; null if none.</summary>
    internal static string? FindDependency(string requestedName)
    {
        var simpleName = new AssemblyName(requestedName).Name;
        if (string.IsNullOrEmpty(simpleName) || simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }
        var path = Path.Combine(ModuleFolder, simpleName + ".dll");
        return File.Exists(path) ? path : null;
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args) =>
        FindDependency(args.Name) is { } path ? Assembly.LoadFrom(path) : null;
}
