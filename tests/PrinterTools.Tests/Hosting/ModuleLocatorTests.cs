using System;
using System.IO;
using PrinterTools.Host;
using Xunit;

namespace PrinterTools.Tests.Hosting;

public sealed class ModuleLocatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "PrinterTools.LocatorTests." + Guid.NewGuid().ToString("N"));

    public ModuleLocatorTests()
    {
        Directory.CreateDirectory(_root);
    }

    [Fact]
    public void WalksUpToOutPrinterTools()
    {
        string manifest = MakeManifest(Path.Combine(_root, "out", "PrinterTools"));
        string deep = Directory.CreateDirectory(Path.Combine(_root, "src", "PrinterTools.Host", "bin", "Debug")).FullName;

        Assert.Equal(manifest, ModuleLocator.FindManifest(null, [deep]));
    }

    [Fact]
    public void TriesEachRootInOrder()
    {
        string manifest = MakeManifest(Path.Combine(_root, "repo", "out", "PrinterTools"));
        string elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;

        Assert.Equal(manifest, ModuleLocator.FindManifest(" ", [elsewhere, Path.Combine(_root, "repo")]));
    }

    [Fact]
    public void ExplicitFolderOrManifestWins()
    {
        string manifest = MakeManifest(Path.Combine(_root, "custom"));
        MakeManifest(Path.Combine(_root, "out", "PrinterTools"));

        Assert.Equal(manifest, ModuleLocator.FindManifest(Path.Combine(_root, "custom"), [_root]));
        Assert.Equal(manifest, ModuleLocator.FindManifest(manifest, [_root]));
    }

    [Fact]
    public void WrongExplicitPathSaysWhat()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => ModuleLocator.FindManifest(Path.Combine(_root, "nope"), [_root]));

        Assert.Contains(ModuleLocator.EnvironmentVariable, ex.Message);
        Assert.Contains("build first: dotnet build PrinterTools.sln", ex.Message);
    }

    [Fact]
    public void NotFoundTellsHowToBuild()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => ModuleLocator.FindManifest(null, [_root]));

        Assert.Contains("build first: dotnet build PrinterTools.sln", ex.Message);
        Assert.Contains(_root, ex.Message);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless.
        }
    }

    internal static string MakeManifest(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, ModuleLocator.ManifestName);
        File.WriteAllText(path, "@{ ModuleVersion = '0.0.1' }");
        return path;
    }
}

// Changes the process environment, so it runs alone, after the parallel collections.
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
}

[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class ModuleLocatorEnvironmentTests : IDisposable
{
    private readonly string? _saved = Environment.GetEnvironmentVariable(ModuleLocator.EnvironmentVariable);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "PrinterTools.LocatorEnv." + Guid.NewGuid().ToString("N"));

    [Fact]
    public void EnvironmentVariableIsUsedAsFolderOrFile()
    {
        string manifest = ModuleLocatorTests.MakeManifest(_root);

        Environment.SetEnvironmentVariable(ModuleLocator.EnvironmentVariable, _root);
        Assert.Equal(manifest, ModuleLocator.FindManifest());

        Environment.SetEnvironmentVariable(ModuleLocator.EnvironmentVariable, manifest);
        Assert.Equal(manifest, ModuleLocator.FindManifest());
    }

    [Fact]
    public void EnvironmentVariableToNothingFails()
    {
        Environment.SetEnvironmentVariable(ModuleLocator.EnvironmentVariable, Path.Combine(_root, "missing"));

        var ex = Assert.Throws<FileNotFoundException>(ModuleLocator.FindManifest);
        Assert.Contains(ModuleLocator.EnvironmentVariable, ex.Message);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ModuleLocator.EnvironmentVariable, _saved);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless.
        }
    }
}
