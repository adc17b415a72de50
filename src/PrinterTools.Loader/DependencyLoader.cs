using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace PrinterTools.Loader;

/// <summary>
/// Makes the module's dependencies folder the only source of PrinterTools.Engine and its
/// dependencies. The manifest imports it as a nested module, so before PrinterTools.dll: PowerShell
/// loads every public type of a module assembly before it calls that assembly's own
/// IModuleAssemblyInitializer, and the cmdlet types cannot load without the engine (their
/// PrinterVendor? parameters are fields of an engine type).
/// <list type="bullet">
/// <item>PowerShell 7: the engine and its dependencies load in the module's own load context
/// (PrinterTools.LoadContext, net8.0, loaded here by reflection), apart from other modules' copies.</item>
/// <item>Windows PowerShell 5.1: there are no binding redirects for the module's dependencies
/// (System.Text.Json's and Websocket.Client's ask for other versions of System.Memory and the
/// like than the ones shipped), so any version asked for is answered with the copy in the folder.</item>
/// </list>
/// </summary>
/// <remarks>
/// Not undone by Remove-Module: what it resolved stays loaded (a binary module cannot be unloaded),
/// another runspace may still be using the module, and a new import finds it in place.
/// </remarks>
public sealed class DependencyLoader : IModuleAssemblyInitializer
{
    internal const string LoadContextAssemblyFile = "PrinterTools.LoadContext.dll";

    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>The module's dependencies folder: this assembly's own.</summary>
    internal static string DependencyFolder { get; } = Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? ".";

    private static bool OnNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            if (OnNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
            else
            {
                UseModuleLoadContext();
            }

            _registered = true;
        }
    }

    /// <summary>The copy in the dependencies folder of the assembly named, whatever version was asked for; null if none.</summary>
    internal static string? FindDependency(string requestedName)
    {
        var simpleName = new AssemblyName(requestedName).Name;
        if (string.IsNullOrEmpty(simpleName) || simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }

        var path = Path.Combine(DependencyFolder, simpleName + ".dll");
        return File.Exists(path) ? path : null;
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args) =>
        FindDependency(args.Name) is { } path ? Assembly.LoadFrom(path) : null;

    private static void UseModuleLoadContext()
    {
        // The context is a net8.0 assembly: an older .NET cannot load it, so say what is needed.
        if (Environment.Version.Major < 8)
        {
            throw new PlatformNotSupportedException(
                $"PrinterTools needs PowerShell 7.4 or later (.NET 8 or later) or Windows PowerShell 5.1; this PowerShell runs on .NET {Environment.Version}.");
        }

        // LoadFrom puts it in the default context, next to PrinterTools.dll, which is what hooks it.
        Assembly assembly = Assembly.LoadFrom(Path.Combine(DependencyFolder, LoadContextAssemblyFile));
        MethodInfo register = assembly.GetType("PrinterTools.LoadContext.ModuleLoadContext", throwOnError: true)!
            .GetMethod("Register", BindingFlags.Public | BindingFlags.Static)!;
        try
        {
            register.Invoke(null, new object[] { DependencyFolder });
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
