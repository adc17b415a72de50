using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using PrinterTools.Host;
using PrinterTools.Simulator;
using PrinterTools.Tests;
using Xunit;

namespace PrinterTools.IsolationTests;

[CollectionDefinition(Name)]
public sealed class IsolatedModuleCollection : ICollectionFixture<IsolatedModule>
{
    // One per process: what the default load context holds cannot be undone between tests.
    public const string Name = "The module beside other modules' copies of its dependencies";
}

/// <summary>
/// A process set up as a PowerShell session where another module came first: other versions of
/// two of the module's dependencies are loaded in the default load context, then the built
/// module (out/PrinterTools) is imported into a hosted engine. One virtual Adventurer 4 answers
/// on this run's loopback block.
/// </summary>
public sealed class IsolatedModule : IDisposable
{
    public IsolatedModule()
    {
        // Without this, the process's own load path would hand out the engine and the test would prove nothing.
        string[] ownPath = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(Path.GetFileNameWithoutExtension).ToArray()!;
        foreach (string name in new[] { "PrinterTools.Engine", "Websocket.Client", "System.Reactive", "Microsoft.Extensions.Logging.Abstractions", "DnsClient" })
        {
            Assert.DoesNotContain(name, ownPath);
        }

        OtherReactive = LoadIntoDefaultContext("system.reactive/5.0.0/lib/netstandard2.0/System.Reactive.dll");
        OtherLogging = LoadIntoDefaultContext("microsoft.extensions.logging.abstractions/10.0.10/lib/net10.0/Microsoft.Extensions.Logging.Abstractions.dll");
        OtherDnsClient = LoadIntoDefaultContext("dnsclient/1.6.1/lib/net5.0/DnsClient.dll");

        Farm = VirtualPrinterFarm.StartAsync(new[] { new FlashForgePrinterOptions { Address = TestNet.Ip(PrinterAddressSuffix), Model = FlashForgeModel.Adventurer4 } })
            .GetAwaiter().GetResult();
        Engine = new HostedEngine(new TextHost(Out, new StringWriter()), ModuleLocator.FindManifest());
        Assert.True(Engine.ImportErrors.Count == 0, "Import-Module failed: " + string.Join("\n", Engine.ImportErrors));
        // A test that forgets -BroadcastAddress must never broadcast on a real network.
        Engine.SetDefaultParameterValue("Find-Printer:BroadcastAddress", new[] { TestNet.At("255.255") });
    }

    public const string PrinterAddressSuffix = "140.10";

    /// <summary>System.Reactive 5.0.0, an older major than the module's 6.1.0.</summary>
    public Assembly OtherReactive { get; }

    /// <summary>Microsoft.Extensions.Logging.Abstractions 10.0.10, a newer major than the module's 8.0.3.</summary>
    public Assembly OtherLogging { get; }

    /// <summary>DnsClient 1.6.1, an older version than the module's 1.8.0 (it reads Creality's mDNS replies).</summary>
    public Assembly OtherDnsClient { get; }

    public VirtualPrinterFarm Farm { get; }

    public HostedEngine Engine { get; }

    /// <summary>What the engine's host shows: Out-Default renders here.</summary>
    public StringWriter Out { get; } = new();

    public static string PrinterAddress => TestNet.At(PrinterAddressSuffix);

    public static string ModuleFolder => Path.GetDirectoryName(ModuleLocator.FindManifest())!;

    public static string DependencyFolder => Path.Combine(ModuleFolder, "dependencies");

    /// <summary>Runs a script in the engine; fails the test with the errors' own text if it wrote any.</summary>
    public IReadOnlyList<PSObject> Run(string script)
    {
        using PowerShell ps = Engine.CreatePowerShell();
        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        if (ps.Streams.Error.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Errors from: " + script + "\n" + string.Join("\n", ps.Streams.Error.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        }

        return output;
    }

    /// <summary>The text the host shows for a script's output, as pwsh would print it.</summary>
    public string Render(string script)
    {
        lock (Out)
        {
            Out.GetStringBuilder().Clear();
            Assert.Equal(0, Engine.RunScript(script));
            return Out.ToString().Trim('\r', '\n');
        }
    }

    public T RunSingle<T>(string script) => Assert.IsAssignableFrom<T>(Assert.Single(Run(script)).BaseObject);

    /// <summary>The load context <paramref name="assembly"/> is in.</summary>
    public static AssemblyLoadContext ContextOf(Assembly assembly) => AssemblyLoadContext.GetLoadContext(assembly)!;

    public void Dispose()
    {
        Engine.Dispose();
        Farm.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static Assembly LoadIntoDefaultContext(string packagePath)
    {
        string root = typeof(IsolatedModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        string path = Path.Combine(root, packagePath);
        Assert.True(File.Exists(path), $"{path} is missing: restore this project (its PackageDownload brings it).");
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
