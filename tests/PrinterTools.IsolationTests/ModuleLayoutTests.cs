using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace PrinterTools.IsolationTests;

/// <summary>
/// The built module folder: PrinterTools.dll is the only assembly in its root, where .NET would
/// look for the dependencies of an assembly loaded from there (and load them beside other modules'
/// copies); everything else is in dependencies/, where only the module's loader looks.
/// </summary>
public sealed class ModuleLayoutTests
{
    [Fact]
    public void ModuleRoot_HoldsOnlyPrinterToolsDll_TheManifestViewsAndHelp()
    {
        string root = IsolatedModule.ModuleFolder;

        var files = Directory.GetFiles(root).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal);
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal);

        Assert.Equal(new[] { "PrinterTools.dll", "PrinterTools.format.ps1xml", "PrinterTools.psd1", "PrinterTools.types.ps1xml" }, files);
        Assert.Equal(new[] { "dependencies", "en-US" }, folders);
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "en-US"), "*.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public void DependenciesFolder_HoldsTheEngine_ItsLoaders_AndEveryAssemblyTheyReference()
    {
        string[] names = Directory.GetFiles(IsolatedModule.DependencyFolder).Select(Path.GetFileName).ToArray()!;

        foreach (string expected in new[]
        {
            "PrinterTools.Engine.dll", "PrinterTools.Loader.dll", "PrinterTools.LoadContext.dll", "Websocket.Client.dll", "System.Reactive.dll",
            "Microsoft.Extensions.Logging.Abstractions.dll", "System.Text.Json.dll", "DnsClient.dll",
        })
        {
            Assert.Contains(expected, names);
        }

        Assert.DoesNotContain("PrinterTools.dll", names);
        Assert.DoesNotContain("System.Management.Automation.dll", names);
        Assert.All(names, n => Assert.EndsWith(".dll", n, StringComparison.Ordinal));
        // Windows PowerShell 5.1 has only netstandard itself (and PowerShell): the rest must be here.
        foreach (string file in names.Where(n => n != "PrinterTools.LoadContext.dll"))
        {
            foreach (string reference in References(Path.Combine(IsolatedModule.DependencyFolder, file)).Where(r => r is not ("netstandard" or "System.Management.Automation")))
            {
                Assert.True(names.Contains(reference + ".dll"), $"{file} references {reference}, which is not in dependencies/.");
            }
        }
    }

    private static string[] References(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
    }
}
