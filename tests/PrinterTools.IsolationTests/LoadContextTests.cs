using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using PrinterTools.Host;
using Xunit;

namespace PrinterTools.IsolationTests;

/// <summary>
/// PowerShell 7: the module's engine and dependencies load in its own load context, so another
/// module's versions of them in the default context neither break the module nor are used by it,
/// and theirs keep working.
/// </summary>
[Collection(IsolatedModuleCollection.Name)]
public sealed class LoadContextTests
{
    private readonly IsolatedModule _module;

    public LoadContextTests(IsolatedModule module) => _module = module;

    [Fact]
    public void Cmdlets_RunAndFindThePrinter_WithOtherVersionsOfTheirDependenciesLoadedFirst()
    {
        var commands = _module.Run("Get-Command -Module PrinterTools").Select(c => ((CommandInfo)c.BaseObject).Name);
        Assert.Equal(new[] { "Find-Printer", "Get-PrinterFile", "Get-PrinterStatus", "Receive-PrinterFile", "Remove-PrinterFile", "Resume-PrinterJob", "Send-PrinterGcode", "Set-PrinterFan", "Set-PrinterLight", "Set-PrinterTemperature", "Start-PrinterJob", "Stop-PrinterJob", "Suspend-PrinterJob", "Wait-PrinterJob" }, commands.OrderBy(n => n, StringComparer.Ordinal));

        var status = Assert.Single(_module.Run($"Find-Printer -Address {IsolatedModule.PrinterAddress} -Timeout 5 | Get-PrinterStatus -Timeout 5"));

        Assert.Equal(IsolatedModule.PrinterAddress, status.Properties["Address"].Value);
        Assert.Equal("Idle", status.Properties["State"].Value.ToString());
        Assert.Equal(ModuleLoadContextName, IsolatedModule.ContextOf(status.BaseObject.GetType().Assembly).Name);
    }

    [Fact]
    public void WebSocketClient_LoadsTheModulesSystemReactive_NotTheOneInTheDefaultContext()
    {
        using var client = CreateSdcpWebSocket();
        Assembly websocket = client.GetType().Assembly;
        Assembly reactive = BoundBy(websocket, "System.Reactive");

        Assert.Equal("Websocket.Client", websocket.GetName().Name);
        Assert.Equal(ModuleLoadContextName, IsolatedModule.ContextOf(websocket).Name);
        Assert.NotSame(_module.OtherReactive, reactive);
        Assert.Same(AssemblyLoadContext.Default, IsolatedModule.ContextOf(_module.OtherReactive));
        Assert.Same(IsolatedModule.ContextOf(websocket), IsolatedModule.ContextOf(reactive));
        Assert.Equal(new Version(5, 0, 0, 0), _module.OtherReactive.GetName().Version);
        Assert.Equal(new Version(6, 1, 0, 0), reactive.GetName().Version);
        Assert.Equal(IsolatedModule.DependencyFolder, Path.GetDirectoryName(reactive.Location));
        // The client's own observables are made by that copy.
        object messages = client.GetType().GetProperty("MessageReceived")!.GetValue(client)!;
        Assert.Same(reactive, messages.GetType().Assembly);
    }

    [Fact]
    public void WebSocketClient_LoadsTheModulesLoggingAbstractions_NotTheNewerOneInTheDefaultContext()
    {
        using var client = CreateSdcpWebSocket();
        Assembly logging = BoundBy(client.GetType().Assembly, "Microsoft.Extensions.Logging.Abstractions");

        // A newer version would satisfy the reference too: only the module's context keeps its own.
        Assert.NotSame(_module.OtherLogging, logging);
        Assert.Same(AssemblyLoadContext.Default, IsolatedModule.ContextOf(_module.OtherLogging));
        Assert.Equal(ModuleLoadContextName, IsolatedModule.ContextOf(logging).Name);
        Assert.Equal(new Version(10, 0, 0, 0), _module.OtherLogging.GetName().Version);
        Assert.Equal(new Version(8, 0, 0, 0), logging.GetName().Version);
    }

    [Fact]
    public void CrealityMdnsReader_UsesTheModulesDnsClient_NotTheOlderOneInTheDefaultContext()
    {
        Assembly engine = _module.RunSingle<Type>("[PrinterTools.PrinterInfo]").Assembly;
        MethodInfo serialsIn = engine.GetType("PrinterTools.Creality.CrealityMdns", throwOnError: true)!
            .GetMethod("SerialsIn", BindingFlags.Public | BindingFlags.Static)!;
        // A reply whose one PTR record names _Creality-SN42._udp.local (name compression as mDNS responders send it).
        byte[] reply =
        {
            0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0,
            9, (byte)'_', (byte)'s', (byte)'e', (byte)'r', (byte)'v', (byte)'i', (byte)'c', (byte)'e', (byte)'s',
            7, (byte)'_', (byte)'d', (byte)'n', (byte)'s', (byte)'-', (byte)'s', (byte)'d',
            4, (byte)'_', (byte)'u', (byte)'d', (byte)'p', 5, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', 0,
            0, 12, 0, 1, 0, 0, 0, 120, 0, 17,
            14, (byte)'_', (byte)'C', (byte)'r', (byte)'e', (byte)'a', (byte)'l', (byte)'i', (byte)'t', (byte)'y', (byte)'-', (byte)'S', (byte)'N', (byte)'4', (byte)'2',
            0xC0, 30, // "_udp.local" of the owner name
        };

        var serials = (System.Collections.Generic.IReadOnlyList<string>)serialsIn.Invoke(null, new object[] { reply })!;
        Assembly dns = BoundBy(engine, "DnsClient");

        Assert.Equal(new[] { "SN42" }, serials);
        Assert.Equal(ModuleLoadContextName, IsolatedModule.ContextOf(dns).Name);
        Assert.Equal(IsolatedModule.DependencyFolder, Path.GetDirectoryName(dns.Location));
        Assert.Equal(new Version(1, 8, 0, 0), dns.GetName().Version);
        Assert.Same(AssemblyLoadContext.Default, IsolatedModule.ContextOf(_module.OtherDnsClient));
        Assert.Equal(new Version(1, 6, 1, 0), _module.OtherDnsClient.GetName().Version);
    }

    [Fact]
    public void OtherModulesCopies_StillWork_AndAreTheOnesScriptsName()
    {
        using (CreateSdcpWebSocket())
        {
            // The module's copies are loaded now too.
        }

        Assert.Equal("()", _module.RunSingle<string>("[System.Reactive.Unit]::Default.ToString()"));
        Assert.Same(_module.OtherReactive, _module.RunSingle<Assembly>("[System.Reactive.Unit].Assembly"));
        Assert.False(_module.RunSingle<bool>("[Microsoft.Extensions.Logging.Abstractions.NullLogger]::Instance.IsEnabled('Critical')"));
        Assert.Same(_module.OtherLogging, _module.RunSingle<Assembly>("[Microsoft.Extensions.Logging.Abstractions.NullLogger].Assembly"));
    }

    [Fact]
    public void PrinterToolsDll_IsInTheDefaultContext_AndItsEngineIsTheOneCopyInTheModulesContext()
    {
        Assembly module = _module.Engine.ModuleInfo!.ImplementingAssembly;
        Assembly engine = _module.RunSingle<Type>("[PrinterTools.PrinterInfo]").Assembly;

        Assert.Same(AssemblyLoadContext.Default, IsolatedModule.ContextOf(module));
        Assert.Equal(ModuleLoadContextName, IsolatedModule.ContextOf(engine).Name);
        Assert.Equal(IsolatedModule.DependencyFolder, Path.GetDirectoryName(engine.Location));
        Assert.Same(engine, BoundBy(module, "PrinterTools.Engine"));
        // Asked for by name from the default context, as the cmdlets do, it is that same copy.
        Assert.Same(engine, AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("PrinterTools.Engine")));
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "PrinterTools.Engine");
    }

    [Fact]
    public void TypeNames_NameTheEnginesTypes_ThatTheCmdletsReturn()
    {
        Type found = Assert.Single(_module.Run($"Find-Printer -Address {IsolatedModule.PrinterAddress} -Timeout 5")).BaseObject.GetType();

        Assert.Same(found, _module.RunSingle<Type>("[PrinterTools.PrinterInfo]"));
        Assert.Same(found, _module.RunSingle<Type>("'PrinterTools.PrinterInfo' -as [type]"));
        Assert.Same(found, _module.RunSingle<Type>("[type]'PrinterTools.PrinterInfo'"));
        Assert.Same(found, _module.RunSingle<object>("[PrinterTools.PrinterInfo]::new()").GetType());
        Assert.Equal("FlashForge", _module.RunSingle<object>("[PrinterTools.PrinterVendor]::FlashForge").ToString());
        Assert.True(_module.RunSingle<bool>($"(Find-Printer -Address {IsolatedModule.PrinterAddress} -Timeout 5) -is [PrinterTools.PrinterInfo]"));
    }

    [Fact]
    public void Views_RenderEngineObjects_TheSameLiveAndDeserialized()
    {
        const string Make = "$status = [PrinterTools.PrinterStatus]@{ Name = 'Bay 1'; Address = '127.0.0.11'; Model = 'Adventurer 5M Pro'; State = 'Printing'; Progress = 42.5; NozzleTemperature = 220.1; NozzleTargetTemperature = 220 }; ";

        string live = _module.Render(Make + "$status");
        string deserialized = _module.Render(Make + "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($status))");
        var typeNames = _module.Run(Make + "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($status)).PSObject.TypeNames")
            .Select(t => t.ToString());

        Assert.Contains("Nozzle °C", live);
        Assert.Contains("42.5 %", live);
        Assert.Equal(live, deserialized);
        Assert.Equal("Deserialized.PrinterTools.PrinterStatus", typeNames.First());
    }

    [Fact]
    public void FileView_IsTheSameLiveAndDeserialized_AndLeavesUnlistedValuesBlank()
    {
        const string Make = "$file = [PrinterTools.PrinterFile]@{ Name = 'Bay 2'; Address = '127.0.0.12'; FileName = 'bracket.gcode'; Size = 1234567; "
            + "Modified = [datetime]'2026-11-30 08:15'; Layers = 250; EstimatedTime = [timespan]'1.02:05:00'; Material = 'PLA' }; "
            + "$bare = [PrinterTools.PrinterFile]@{ Name = 'Bay 3'; Address = '127.0.0.13'; FileName = 'names-only.gx' }; ";

        string live = _module.Render(Make + "$file, $bare");
        string deserialized = _module.Render(Make + "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize(@($file, $bare)))");

        Assert.Contains("1,234,567", live);
        Assert.Contains("2026-11-30 08:15", live);
        Assert.Contains("26:05", live); // over a day in hours, not "1.02:05:00"
        Assert.DoesNotContain(" 0 ", live.Split('\n').Single(line => line.Contains("names-only.gx")));
        Assert.Equal(live, deserialized);
    }

    [Fact]
    public void SecondRunspace_ImportsTheModule_AndGetsTheSameEngine()
    {
        using var second = new HostedEngine(new TextHost(new StringWriter(), new StringWriter()), ModuleLocator.FindManifest());
        using PowerShell ps = second.CreatePowerShell();
        ps.AddScript("[PrinterTools.PrinterInfo]");

        Assert.Empty(second.ImportErrors);
        Assert.Same(_module.RunSingle<Type>("[PrinterTools.PrinterInfo]"), Assert.Single(ps.Invoke()).BaseObject);
    }

    private const string ModuleLoadContextName = "PrinterTools";

    /// <summary>The engine's SDCP WebSocket, made as the Elegoo client will make it; not started, so nothing is sent.</summary>
    private IDisposable CreateSdcpWebSocket()
    {
        Assembly engine = _module.RunSingle<Type>("[PrinterTools.PrinterInfo]").Assembly;
        MethodInfo create = engine.GetType("PrinterTools.Elegoo.SdcpWebSocket", throwOnError: true)!
            .GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static)!;
        return (IDisposable)create.Invoke(null, new object?[] { IsolatedModule.PrinterAddress, TimeSpan.FromSeconds(5), null })!;
    }

    /// <summary>The assembly that <paramref name="referrer"/>'s reference named <paramref name="name"/> binds to, in its own load context.</summary>
    private static Assembly BoundBy(Assembly referrer, string name)
    {
        AssemblyName reference = referrer.GetReferencedAssemblies().Single(r => r.Name == name);
        return IsolatedModule.ContextOf(referrer).LoadFromAssemblyName(reference);
    }
}
