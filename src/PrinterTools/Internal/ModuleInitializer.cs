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
    private static bool OnNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        if (OnNetFramework)
        {
            return;
        }

        // Internal to PowerShell but stable since 3.0, and the documented way for modules to add accelerators.
        MethodInfo? add = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators")
            ?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
        if (add is null)
        {
            // The cmdlets work without it, only naming their types does not (which the isolation tests catch).
            return;
        }

        foreach (Type type in typeof(PrinterInfo).Assembly.GetExportedTypes())
        {
            if (!type.IsGenericTypeDefinition && type.FullName is { } name)
            {
                // Add replaces an entry of the same name, so a second import is harmless.
                add.Invoke(null, new object[] { name, type });
            }
        }
    }
}
