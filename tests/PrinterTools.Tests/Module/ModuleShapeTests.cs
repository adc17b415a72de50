using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PrinterTools.Host;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>The built module folder as users import it: manifest, names, output types, views.</summary>
public sealed class ModuleShapeTests : IClassFixture<ModuleShapeTests.Session>
{
    public sealed class Session : IDisposable
    {
        public ModuleSession Module { get; } = new();
        public void Dispose() => Module.Dispose();
    }

    /// <summary>Windows' PrintManagement module and Out-Printer own these names.</summary>
    private static readonly string[] PrintManagementNames =
    {
        "Get-Printer", "Set-Printer", "Rename-Printer", "Add-Printer", "Remove-Printer", "Get-PrintJob", "Suspend-PrintJob",
        "Resume-PrintJob", "Remove-PrintJob", "Restart-PrintJob", "Get-PrinterPort", "Get-PrinterDriver", "Get-PrinterProperty",
        "Out-Printer", "Add-PrinterDriver", "Add-PrinterPort", "Remove-PrinterDriver", "Remove-PrinterPort", "Set-PrinterProperty",
        "Get-PrintConfiguration", "Set-PrintConfiguration", "Read-PrinterNfcTag", "Write-PrinterNfcTag",
    };

    private readonly ModuleSession _session;

    public ModuleShapeTests(Session session) => _session = session.Module;

    [Fact]
    public void Import_RaisesNoWarningAndNoError()
    {
        Assert.Empty(_session.Engine.ImportErrors);
        Assert.Empty(_session.Engine.ImportWarnings);
        Assert.Equal("PrinterTools", _session.Engine.ModuleInfo!.Name);
    }

    [Fact]
    public void TestModuleManifest_Passes_WithTheDeclaredMetadata()
    {
        var result = _session.Run("Test-ModuleManifest -Path $path", new() { ["path"] = ModuleLocator.FindManifest() });

        result.AssertNoErrors();
        var manifest = (PSModuleInfo)Assert.Single(result.Output).BaseObject;
        Assert.Equal(new Version(5, 1), manifest.PowerShellVersion);
        Assert.Equal(new[] { "Core", "Desktop" }, manifest.CompatiblePSEditions.OrderBy(e => e));
        Assert.Equal(new[] { "Find-Printer", "Get-PrinterFile", "Get-PrinterStatus", "Receive-PrinterFile", "Remove-PrinterFile", "Resume-PrinterJob", "Send-PrinterGcode", "Set-PrinterFan", "Set-PrinterLight", "Set-PrinterTemperature", "Start-PrinterJob", "Stop-PrinterJob", "Suspend-PrinterJob", "Wait-PrinterJob" }, manifest.ExportedCmdlets.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("PrinterTools.format.ps1xml", manifest.ExportedFormatFiles.Single());
        Assert.Contains("PrinterTools.types.ps1xml", manifest.ExportedTypeFiles.Single());
        Assert.Contains("FlashForge", (IEnumerable<string>)manifest.Tags);
        Assert.NotNull(manifest.ProjectUri);
        Assert.NotNull(manifest.LicenseUri);
    }

    [Fact]
    public void ExportedCmdlets_UseApprovedVerbs_AvoidPrintManagementNames_AndDeclareOutputTypes()
    {
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsSecurity), typeof(VerbsOther) }
            .SelectMany(t => t.GetFields()).Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var cmdlets = _session.Run("Get-Command -Module PrinterTools").Objects<CmdletInfo>().ToList();

        Assert.Equal(_session.Engine.ModuleInfo!.ExportedCmdlets.Count, cmdlets.Count);
        Assert.All(cmdlets, c =>
        {
            Assert.Contains(c.Verb, approved);
            Assert.DoesNotContain(c.Name, PrintManagementNames, StringComparer.OrdinalIgnoreCase);
            Assert.NotEmpty(c.OutputType);
        });
    }

    [Theory]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "System.Runtime.CompilerServices.Unsafe.dll")]
    [InlineData("System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Memory.dll")]
    [InlineData("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Text.Json.dll")]
    [InlineData("System.Reactive, Version=5.0.0.0, Culture=neutral, PublicKeyToken=94bc3704cddfc263", "System.Reactive.dll")]
    [InlineData("Microsoft.Extensions.Logging.Abstractions, Version=10.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60", "Microsoft.Extensions.Logging.Abstractions.dll")]
    [InlineData("PrinterTools.Engine, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", "PrinterTools.Engine.dll")]
    [InlineData("Something.Else, Version=1.0.0.0", null)]
    public void OnWindowsPowerShell_AnyVersionOfAShippedDependency_ResolvesToTheModulesCopy(string requested, string? expected)
    {
        // Windows PowerShell 5.1 has no binding redirects for us; the module's loader (the manifest's
        // nested module) answers with its own copies, from the dependencies folder.
        var loader = Assert.Single(_session.Engine.ModuleInfo!.NestedModules).ImplementingAssembly.GetType("PrinterTools.Loader.DependencyLoader")!;
        var find = loader.GetMethod("FindDependency", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

        var path = (string?)find.Invoke(null, new object[] { requested });

        Assert.Equal(expected, path is null ? null : System.IO.Path.GetFileName(path));
        if (path is not null)
        {
            Assert.Equal(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ModuleLocator.FindManifest())!, "dependencies"), System.IO.Path.GetDirectoryName(path));
        }
    }

    public static IEnumerable<object[]> OutputObjects()
    {
        var info = new PrinterInfo { Name = "Bay 1", Vendor = PrinterVendor.FlashForge, Model = "Adventurer 5M Pro", Address = "127.0.0.11", SerialNumber = "SNTEST1", Protocol = "FlashForge TCP 8899 + HTTP 8898" };
        var status = new PrinterStatus
        {
            Name = "Bay 1", Address = "127.0.0.11", Vendor = PrinterVendor.FlashForge, Model = "Adventurer 5M Pro", State = PrinterState.Printing, FileName = "benchy.3mf",
            Progress = 42.5, CurrentLayer = 75, TotalLayers = 552, NozzleTemperature = 220.1, NozzleTargetTemperature = 220, BedTemperature = 49.9, BedTargetTemperature = 50,
        };
        yield return new object[] { info, new[] { "Name", "Vendor", "Model", "Address", "SerialNumber", "Protocol" }, new[] { "Bay 1", "FlashForge", "Adventurer 5M Pro", "127.0.0.11", "SNTEST1" } };
        var reply = new PrinterGcodeReply { Name = "Bay 1", Address = "127.0.0.11", Command = "M105", Response = "T0:220/220 B:50/50", Succeeded = true };
        var job = new PrinterJob { Name = "Bay 1", Address = "127.0.0.11", FileName = "benchy.gx", State = PrinterState.Printing, StartedAt = new DateTime(2026, 11, 27, 9, 30, 0), BytesUploaded = 3146962 };
        yield return new object[] { reply, new[] { "Name", "Command", "Succeeded", "Response" }, new[] { "Bay 1", "M105", "True", "T0:220/220 B:50/50" } };
        yield return new object[] { job, new[] { "Name", "Address", "State", "StartedAt", "Uploaded", "FileName" }, new[] { "Bay 1", "Printing", "2026-11-27 09:30:00", "3,146,962", "benchy.gx" } };
        yield return new object[] { status, new[] { "Name", "Model", "Address", "State", "Progress", "Nozzle °C", "Bed °C", "FileName" }, new[] { "Bay 1", "Adventurer 5M Pro", "Printing", "42.5 %", "220.1/220", "49.9/50", "benchy.3mf" } };
    }

    [Theory]
    [MemberData(nameof(OutputObjects))]
    public void TableView_RendersTheSame_ForLiveAndDeserializedObjects(object value, string[] headers, string[] cells)
    {
        var copy = PSSerializer.Deserialize(PSSerializer.Serialize(value));
        Assert.StartsWith("Deserialized.PrinterTools.", ((PSObject)copy).TypeNames[0]);

        var live = Render(value);
        var deserialized = Render(copy);

        foreach (var header in headers)
        {
            Assert.Matches($@"(^|\s){header}(\s|$)", live.Split('\n').First(l => l.Trim().Length > 0));
        }
        Assert.All(cells, cell => Assert.Contains(cell, live));
        Assert.Equal(live, deserialized);
    }

    private string Render(object value)
    {
        lock (_session)
        {
            _session.Out.GetStringBuilder().Clear();
            _session.Run("$value | Out-Default", new() { ["value"] = value }).AssertNoErrors();
            return _session.Out.ToString().Trim('\r', '\n');
        }
    }
}
