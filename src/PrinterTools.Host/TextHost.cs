using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace PrinterTools.Host;

/// <summary>
/// A minimal PowerShell host that renders everything as plain text to the writers it is given:
/// the console for the host program, StringWriters for tests.
/// </summary>
public sealed class TextHost : PSHost
{
    private readonly Guid _instanceId = Guid.NewGuid();
    private readonly TextHostUserInterface _ui;
    private readonly object _exitLock = new();
    private int? _exitCode;

    /// <param name="output">Receives the success stream as rendered by Out-Default.</param>
    /// <param name="error">Receives errors, warnings, verbose, debug and progress lines.</param>
    /// <param name="input">Answers prompts; with none, every prompt fails instead of blocking.</param>
    /// <param name="bufferWidth">Width the formatter lays tables out for; wide so columns are not cut.</param>
    public TextHost(TextWriter output, TextWriter error, TextReader? input = null, int bufferWidth = 160)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferWidth, 20);
        _ui = new TextHostUserInterface(output, error, input, bufferWidth);
    }

    public override string Name => "PrinterTools.Host";

    public override Version Version { get; } = typeof(TextHost).Assembly.GetName().Version ?? new Version(1, 0);

    public override Guid InstanceId => _instanceId;

    public override PSHostUserInterface UI => _ui;

    /// <summary>The same object as <see cref="UI"/>, typed, for its extra properties.</summary>
    public TextHostUserInterface TextUI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>Every progress record the engine sent, in order (a snapshot).</summary>
    public IReadOnlyList<ProgressRecord> ProgressRecords => _ui.ProgressRecords;

    /// <summary>True once a script ran <c>exit N</c>; the engine reports it through <see cref="SetShouldExit"/>.</summary>
    public bool ShouldExit
    {
        get { lock (_exitLock) { return _exitCode.HasValue; } }
    }

    /// <summary>The code given to <c>exit</c>, or null when the script did not exit explicitly.</summary>
    public int? ExitCode
    {
        get { lock (_exitLock) { return _exitCode; } }
    }

    // `exit N` at the top level of a script arrives here instead of ending the process.
    public override void SetShouldExit(int exitCode)
    {
        lock (_exitLock)
        {
            _exitCode = exitCode;
        }
    }

    /// <summary>Forgets a previous <c>exit</c> so the next script starts clean.</summary>
    public void ResetShouldExit()
    {
        lock (_exitLock)
        {
            _exitCode = null;
        }
    }

    // Nested prompts need an interactive loop this host does not have ($host.EnterNestedPrompt(), Suspend).
    public override void EnterNestedPrompt() =>
        throw new PSNotSupportedException("Nested prompts are not supported by PrinterTools.Host.");

    public override void ExitNestedPrompt() =>
        throw new PSNotSupportedException("Nested prompts are not supported by PrinterTools.Host.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
