using System;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PrinterTools.Internal;

/// <summary>
/// Keeps the engine's types nameable in PowerShell 7 ([PrinterTools.PrinterStatus], New-Object,
/// -as [type]). The engine loads in the module's own load context (PrinterTools.Loader, run before
/// this assembly is imported), and PowerShell resolves type names only in assemblies of the default
/// context: each public engine type is added as a type accelerator of its own full name.
/// Windows PowerShell 5.1 has one context and finds them as it always did.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static readonly object Gate = new();

    private static bool OnNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        if (OnNetFramework)
        {
            return;
        }

        // Internal to PowerShell but stable since 3.0, and the documented way for modules to add accelerators.
        Type? accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
        MethodInfo? add = accelerators?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
        var known = accelerators?.GetProperty("Get", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as System.Collections.IDictionary;
        if (add is null || known is null)
        {
            // The cmdlets work without it, only naming their types does not (which the isolation tests catch).
            return;
        }

        // Every runspace that imports the module runs this, maybe at once: Add throws on a name PowerShell's
        // cache already holds, so the names go in once per process, one import at a time.
        lock (Gate)
        {
            foreach (Type type in typeof(PrinterInfo).Assembly.GetExportedTypes())
            {
                if (!type.IsGenericTypeDefinition && type.FullName is { } name && !known.Contains(name))
                {
                    add.Invoke(null, new object[] { name, type });
                }
            }
        }
    }
}
