using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace PrinterTools.LoadContext;

/// <summary>
/// PowerShell 7: the load context of PrinterTools.Engine and of every assembly the module ships in
/// its dependencies folder (Websocket.Client, System.Reactive, Microsoft.Extensions.Logging.Abstractions
/// and theirs), so that copies another module loaded in the default context, at other versions,
/// neither break the engine nor stand in for its own.
/// </summary>
/// <remarks>
/// PrinterTools.dll stays in the default context, where PowerShell loads it. Its references to the
/// engine fail there (the engine is not in the module root), and the default context's Resolving
/// event answers exactly "PrinterTools.Engine" with the copy in this context; everything else is
/// asked for by the engine, so from here. One context per process: PowerShell cannot unload a
/// binary module, and every runspace that imports it shares the same PrinterTools.dll.
/// </remarks>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    public const string ContextName = "PrinterTools";

    public const string EngineName = "PrinterTools.Engine";

    // In the default context already (PrinterTools.dll, its loader, this assembly, PowerShell): a
    // second copy here would be a second set of types that PowerShell and the cmdlets do not know.
    private static readonly HashSet<string> DefaultContextNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "PrinterTools",
        "PrinterTools.Loader",
        typeof(ModuleLoadContext).Assembly.GetName().Name!,
        "System.Management.Automation",
    };

    private static readonly object Gate = new();
    private static ModuleLoadContext? _instance;

    private readonly Dictionary<string, string> _platform;
    private readonly Lazy<Assembly> _engine;

    private ModuleLoadContext(string dependencyFolder)
        : base(ContextName, isCollectible: false)
    {
        DependencyFolder = dependencyFolder;
        _platform = PlatformAssemblies();
        _engine = new Lazy<Assembly>(() => LoadFromAssemblyPath(Path.Combine(DependencyFolder, EngineName + ".dll")));
    }

    /// <summary>The folder this context loads from: the module's dependencies folder.</summary>
    public string DependencyFolder { get; }

    /// <summary>
    /// Makes the context for <paramref name="dependencyFolder"/> and hooks the default context's
    /// Resolving event for the engine; later calls (another import, another runspace) return it.
    /// </summary>
    public static ModuleLoadContext Register(string dependencyFolder)
    {
        if (string.IsNullOrEmpty(dependencyFolder))
        {
            throw new ArgumentException("The dependencies folder is required.", nameof(dependencyFolder));
        }

        lock (Gate)
        {
            if (_instance is null)
            {
                var context = new ModuleLoadContext(Path.GetFullPath(dependencyFolder));
                Default.Resolving += context.ResolveEngine;
                _instance = context;
            }

            return _instance;
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string? name = assemblyName.Name;
        if (string.Equals(name, EngineName, StringComparison.OrdinalIgnoreCase))
        {
            return _engine.Value;
        }

        if (string.IsNullOrEmpty(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ||
            DefaultContextNames.Contains(name) || IsPlatformAssembly(assemblyName))
        {
            // Null: the default context binds it, from the runtime or PowerShell.
            return null;
        }

        string path = Path.Combine(DependencyFolder, assemblyName.CultureName ?? string.Empty, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>The trusted platform assemblies (the .NET runtime and the host's own, PowerShell's in pwsh) by simple name.</summary>
    private static Dictionary<string, string> PlatformAssemblies()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }

        return paths;
    }

    // The default context binds a platform assembly from its one file for the whole process, so
    // no module can bring another copy of it: it is shared when its version is enough (System.Text.Json
    // and the netstandard2.0 shims on PowerShell 7.4+), and ours is loaded when it is older.
    private bool IsPlatformAssembly(AssemblyName requested)
    {
        if (!_platform.TryGetValue(requested.Name!, out string? path))
        {
            return false;
        }

        if (requested.Version is null)
        {
            return true;
        }

        try
        {
            return AssemblyName.GetAssemblyName(path).Version >= requested.Version;
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName assemblyName) =>
        string.Equals(assemblyName.Name, EngineName, StringComparison.OrdinalIgnoreCase) ? _engine.Value : null;
}
