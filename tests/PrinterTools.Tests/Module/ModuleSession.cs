using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PrinterTools.Host;

namespace PrinterTools.Tests.Module;

/// <summary>What one script run produced, stream by stream.</summary>
public sealed record ScriptResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<ProgressRecord> Progress,
    Exception? Terminating)
{
    public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

    /// <summary>Fails with the errors' own text, which says more than "collection was not empty".</summary>
    public void AssertNoErrors()
    {
        if (Errors.Count > 0 || Terminating is not null)
        {
            throw new Xunit.Sdk.XunitException("Unexpected errors:\n" + string.Join("\n", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")) + "\n" + Terminating);
        }
    }

    public IEnumerable<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]);

    /// <summary>Every text that reached any stream, for checks that a secret never appears.</summary>
    public string AllText() => string.Join("\n",
        Output.Select(o => o.ToString())
            .Concat(Errors.Select(e => e + " " + e.Exception + " " + e.TargetObject + " " + e.ErrorDetails))
            .Concat(Warnings).Concat(Verbose)
            .Concat(Progress.Select(p => p.Activity + " " + p.StatusDescription))
            .Append(Terminating?.ToString() ?? ""));
}

/// <summary>
/// The built module (out/PrinterTools, imported by its manifest) in a PowerShell engine hosted
/// in the test process, as users get it. Discovery is kept on loopback.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    public ModuleSession()
    {
        Host = new TextHost(Out, Err);
        Engine = new HostedEngine(Host, ModuleLocator.FindManifest());
        // A test that forgets -BroadcastAddress must never broadcast on a real network.
        Engine.SetDefaultParameterValue("Find-Printer:BroadcastAddress", new[] { TestNet.At("255.255") });
    }

    public StringWriter Out { get; } = new();
    public StringWriter Err { get; } = new();
    public TextHost Host { get; }
    public HostedEngine Engine { get; }

    /// <summary>Runs a script and collects every stream; terminating errors are returned, not thrown.</summary>
    public ScriptResult Run(string script, Dictionary<string, object?>? variables = null) => Run(script, null, variables);

    /// <summary>The same with <paramref name="input"/> as the script's pipeline input ($input).</summary>
    public ScriptResult Run(string script, IEnumerable<PSObject>? input, Dictionary<string, object?>? variables = null)
    {
        using var ps = Engine.CreatePowerShell();
        foreach (var variable in variables ?? new Dictionary<string, object?>())
        {
            ps.Runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
        }
        ps.AddScript(script);
        var output = new List<PSObject>();
        Exception? terminating = null;
        try
        {
            output.AddRange(input is null ? ps.Invoke() : ps.Invoke(input));
        }
        catch (RuntimeException e)
        {
            terminating = e;
        }
        return new ScriptResult(
            output,
            ps.Streams.Error.ToList(),
            ps.Streams.Warning.Select(w => w.Message).ToList(),
            ps.Streams.Verbose.Select(v => v.Message).ToList(),
            ps.Streams.Progress.ToList(),
            terminating);
    }

    public static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }
        secure.MakeReadOnly();
        return secure;
    }

    public void Dispose() => Engine.Dispose();
}
