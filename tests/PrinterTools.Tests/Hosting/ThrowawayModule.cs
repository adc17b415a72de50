using System;
using System.IO;

namespace PrinterTools.Tests.Hosting;

/// <summary>
/// A tiny script module in a temp folder, so the host is tested without the real PrinterTools
/// module (which is written at the same time and may not import yet).
/// </summary>
public sealed class ThrowawayModule : IDisposable
{
    public ThrowawayModule()
    {
        Folder = Path.Combine(Path.GetTempPath(), "PrinterTools.HostTests." + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        ManifestPath = Write(
            "HostTest",
            """
            function Get-HostTestGreeting {
                [CmdletBinding()]
                param([string] $Name = 'world')
                "hello $Name"
            }

            function Remove-HostTestThing {
                [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
                param([string] $Name = 'thing')
                if ($PSCmdlet.ShouldProcess($Name, 'Remove')) { "removed $Name" } else { "kept $Name" }
            }
            """,
            "'Get-HostTestGreeting', 'Remove-HostTestThing'");
    }

    public string Folder { get; }

    public string ManifestPath { get; }

    /// <summary>Writes another module (psm1 + psd1) next to the default one and returns its manifest.</summary>
    public string Write(string name, string psm1, string functionsToExport)
    {
        string dir = Path.Combine(Folder, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".psm1"), psm1);
        string manifest = Path.Combine(dir, name + ".psd1");
        File.WriteAllText(
            manifest,
            $$"""
            @{
                RootModule        = '{{name}}.psm1'
                ModuleVersion     = '1.0.0'
                GUID              = '{{Guid.NewGuid()}}'
                FunctionsToExport = @({{functionsToExport}})
                CmdletsToExport   = @()
                AliasesToExport   = @()
                VariablesToExport = @()
            }
            """);
        return manifest;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failed cleanup must not fail a test.
        }
    }
}
