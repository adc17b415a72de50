using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace PrinterTools.Host;

/// <summary>
/// One runspace with a module imported, running scripts the way pwsh would show them:
/// output and errors rendered by Out-Default through a <see cref="TextHost"/>.
/// Used by the host program and by the tests. Not thread-safe except for <see cref="Stop"/>.
/// </summary>
public sealed partial class HostedEngine : IDisposable
{
    /// <summary>Exit code when a run was stopped (Ctrl+C): 128 + SIGINT, as shells report it.</summary>
    public const int StoppedExitCode = 130;

    private readonly TextHost _host;
    private readonly Runspace _runspace;
    private PowerShell? _running;
    private bool _disposed;

    /// <summary>Opens a runspace on <paramref name="host"/> and imports the module at <paramref name="manifestPath"/>.</summary>
    /// <remarks>
    /// A failed import does not throw: its errors are in <see cref="ImportErrors"/> (and written to
    /// the host's error writer) and <see cref="ModuleInfo"/> is null, so callers decide what to do.
    /// </remarks>
    public HostedEngine(TextHost host, string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        _host = host;

        // CreateDefault2 is the only session state that works from the SMA package alone:
        // CreateDefault wants Microsoft.PowerShell.ConsoleHost, which the package lacks.
        _runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        try
        {
            _runspace.Open();
            UsePlainTextRendering();
            (ModuleInfo, ImportErrors, ImportWarnings) = Import(Path.GetFullPath(manifestPath));
        }
        catch
        {
            _runspace.Dispose();
            throw;
        }
    }

    public TextHost Host => _host;

    public Runspace Runspace => _runspace;

    /// <summary>The imported module, or null when the import failed.</summary>
    public PSModuleInfo? ModuleInfo { get; }

    /// <summary>Errors from Import-Module (terminating or not); empty when it went well.</summary>
    public IReadOnlyList<ErrorRecord> ImportErrors { get; }

    /// <summary>Warnings from Import-Module (for example unapproved verbs); they also went to the host.</summary>
    public IReadOnlyList<WarningRecord> ImportWarnings { get; }

    /// <summary>A PowerShell bound to this engine's runspace, for callers who want raw results.</summary>
    public PowerShell CreatePowerShell()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return PowerShell.Create(_runspace);
    }

    /// <summary>
    /// Runs <paramref name="script"/> with its output and errors rendered by Out-Default.
    /// Returns the code of <c>exit N</c> if the script used it; else 1 when a terminating error
    /// occurred or any error record was written; <see cref="StoppedExitCode"/> when stopped; else 0.
    /// </summary>
    /// <param name="variables">Set as global variables before the script runs.</param>
    public int RunScript(string script, IDictionary<string, object>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ObjectDisposedException.ThrowIf(_disposed, this);
        SetVariables(variables);
        using PowerShell ps = CreatePowerShell();
        ps.AddScript(script);
        return Run(ps);
    }

    /// <summary>
    /// Runs a script file like <c>pwsh -File path args</c>: the file is invoked with the call operator
    /// (its own scope, $PSScriptRoot set); an argument shaped like <c>-Name</c> or <c>-Name:value</c> is a
    /// parameter name, every other argument is a string value, so both param() and $args work.
    /// Returns the file's non-zero <c>exit N</c>, else the same codes as <see cref="RunScript"/>.
    /// </summary>
    public int RunFile(string path, IReadOnlyList<string>? args = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ObjectDisposedException.ThrowIf(_disposed, this);

        // `exit N` inside a script file only ends that file: the engine stores N in $LASTEXITCODE
        // instead of telling the host. A native program the file ran sets it too, so only a
        // non-zero value is trusted; otherwise errors decide, as for RunScript.
        _runspace.SessionStateProxy.SetVariable("global:LASTEXITCODE", null);
        int code = RunScript(BuildFileInvocation(Path.GetFullPath(path), args ?? []));
        if (code is 0 or 1 && Unwrap(_runspace.SessionStateProxy.GetVariable("global:LASTEXITCODE")) is int fileExit && fileExit != 0)
        {
            return fileExit;
        }

        return code;
    }

    /// <summary>Asks the running pipeline to stop (Ctrl+C); returns at once, the run returns when stopped.</summary>
    public void Stop()
    {
        PowerShell? ps = Volatile.Read(ref _running);
        if (ps is null)
        {
            return;
        }

        try
        {
            // Asynchronous so a Ctrl+C handler never blocks on a command slow to honour StopProcessing.
            ps.BeginStop(null, null);
        }
        catch (ObjectDisposedException)
        {
            // The run finished between the read and the stop: nothing left to stop.
        }
        catch (PSInvalidOperationException)
        {
            // Same race, seen as an invalid state.
        }
    }

    /// <summary>Sets <c>$PSDefaultParameterValues[key] = value</c> in the runspace (call between runs).</summary>
    public void SetDefaultParameterValue(string key, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectDisposedException.ThrowIf(_disposed, this);
        SessionStateProxy state = _runspace.SessionStateProxy;
        if (Unwrap(state.GetVariable("PSDefaultParameterValues")) is not DefaultParameterDictionary defaults)
        {
            defaults = new DefaultParameterDictionary();
            state.SetVariable("PSDefaultParameterValues", defaults);
        }

        defaults[key] = value;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Stop();
        _runspace.Dispose();
    }

    /// <summary>Writes an error like pwsh's concise view, plus its FullyQualifiedErrorId for scripts that log.</summary>
    public static string FormatError(ErrorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string message = record.ErrorDetails?.Message is { Length: > 0 } details ? details : record.Exception.Message;
        CommandInfo? command = record.InvocationInfo?.MyCommand;
        string prefix = record.CategoryInfo.Category == ErrorCategory.ParserError ? "ParserError"
            : command is CmdletInfo or FunctionInfo ? command.Name
            : "Exception";

        var text = new StringBuilder().Append(prefix).Append(": ").Append(message);
        InvocationInfo? where = record.InvocationInfo;
        if (where is not null && !string.IsNullOrEmpty(where.ScriptName))
        {
            text.AppendLine().Append("  At ").Append(where.ScriptName).Append(':').Append(where.ScriptLineNumber)
                .Append(" char:").Append(where.OffsetInLine);
        }

        text.AppendLine().Append("  FullyQualifiedErrorId: ").Append(record.FullyQualifiedErrorId);
        return text.ToString();
    }

    internal static string BuildFileInvocation(string fullPath, IReadOnlyList<string> args)
    {
        var script = new StringBuilder("& ").Append(Quote(fullPath));
        foreach (string arg in args)
        {
            script.Append(' ');
            Match parameter = ParameterToken().Match(arg);
            if (!parameter.Success)
            {
                script.Append(Quote(arg));
            }
            else if (!parameter.Groups["value"].Success)
            {
                // "-Name" or "-Name:": the binder pairs it with the next argument unless it is a switch.
                script.Append(arg);
            }
            else
            {
                string value = parameter.Groups["value"].Value;
                bool isBoolean = value.Equals("$true", StringComparison.OrdinalIgnoreCase) ||
                                 value.Equals("$false", StringComparison.OrdinalIgnoreCase);
                script.Append('-').Append(parameter.Groups["name"].Value).Append(':')
                    .Append(isBoolean ? value : Quote(value));
            }
        }

        return script.ToString();
    }

    // Single quotes keep arguments literal: no $expansion, no subexpressions, whatever the user typed.
    private static string Quote(string value) => "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";

    [GeneratedRegex(@"^-(?<name>[\p{L}_][\p{L}\p{N}_]*)(?::(?<value>.+)|:)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterToken();

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private int Run(PowerShell ps)
    {
        // Errors join the output so Out-Default renders both in order, as pwsh does (rendering
        // errors apart would put them before table rows Out-Default still holds); the tally in
        // between counts what Out-Default writes to the host as errors (ps.HadErrors is no help:
        // it is set by silenced errors and not by statement-terminating ones like 1/0).
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        var tally = new ErrorTally(_host.TextUI);
        ps.AddCommand(new CmdletInfo("Measure-HostedErrorRecord", typeof(MeasureHostedErrorRecordCommand)))
            .AddParameter(nameof(MeasureHostedErrorRecordCommand.Tally), tally);
        ps.AddCommand("Out-Default");

        _host.ResetShouldExit();
        Volatile.Write(ref _running, ps);
        ErrorRecord? terminating = null;
        bool stopped = false;
        try
        {
            ps.Invoke();
            tally.Finish();
        }
        catch (PipelineStoppedException)
        {
            stopped = true;
        }
        catch (RuntimeException ex)
        {
            terminating = ex.ErrorRecord;
        }
        finally
        {
            Volatile.Write(ref _running, null);
        }

        // `exit N` wins over everything: it is the script's own answer.
        if (_host.ExitCode is int exitCode)
        {
            return exitCode;
        }

        if (stopped || ps.InvocationStateInfo.State == PSInvocationState.Stopped)
        {
            return StoppedExitCode;
        }

        if (terminating is not null)
        {
            _host.UI.WriteErrorLine(FormatError(terminating));
            return 1;
        }

        return tally.Count > 0 ? 1 : 0;
    }

    private void SetVariables(IDictionary<string, object>? variables)
    {
        if (variables is null)
        {
            return;
        }

        foreach (KeyValuePair<string, object> variable in variables)
        {
            _runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
        }
    }

    private void UsePlainTextRendering()
    {
        // Asks the formatter for no colour; a custom host still gets a few escapes (stripped by the UI).
        using PowerShell ps = CreatePowerShell();
        ps.AddScript("if ($null -ne $PSStyle) { $PSStyle.OutputRendering = 'PlainText' }");
        ps.Invoke();
    }

    private (PSModuleInfo?, IReadOnlyList<ErrorRecord>, IReadOnlyList<WarningRecord>) Import(string manifestPath)
    {
        using PowerShell ps = CreatePowerShell();
        ps.AddCommand("Import-Module").AddParameter("Name", manifestPath).AddParameter("PassThru");
        var errors = new List<ErrorRecord>();
        Collection<PSObject> output = [];
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            errors.Add(ex.ErrorRecord);
        }

        errors.InsertRange(0, ps.Streams.Error);
        foreach (ErrorRecord error in errors)
        {
            // Warnings already reached the host; errors of Invoke() only land in the stream.
            _host.UI.WriteErrorLine(FormatError(error));
        }

        PSModuleInfo? module = output.Select(o => Unwrap(o)).OfType<PSModuleInfo>().FirstOrDefault();
        return (module, errors, ps.Streams.Warning.ToArray());
    }
}
