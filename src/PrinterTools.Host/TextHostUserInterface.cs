using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Threading;

namespace PrinterTools.Host;

/// <summary>
/// Writes every stream as plain text: output to one writer, everything else (errors, warnings,
/// verbose, debug, progress, prompts) to the other, so redirected output stays pure data.
/// </summary>
public sealed class TextHostUserInterface : PSHostUserInterface
{
    // One progress line per activity at most this often: enough to show life, not to flood a log.
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly TextReader? _input;
    private readonly TextHostRawUserInterface _rawUI;

    // The pipeline thread writes, Stop() and progress may come from others: one lock keeps lines whole.
    private readonly object _writeLock = new();
    private readonly object _progressLock = new();
    private readonly List<ProgressRecord> _progressRecords = [];
    private readonly Dictionary<(long SourceId, int ActivityId), long> _lastProgressShown = [];
    private long _errorLines;

    internal TextHostUserInterface(TextWriter output, TextWriter error, TextReader? input, int bufferWidth)
    {
        _output = output;
        _error = error;
        _input = input;
        _rawUI = new TextHostRawUserInterface(bufferWidth);
    }

    public override PSHostRawUserInterface RawUI => _rawUI;

    // Tells the formatter not to colour anything; escapes that still come are stripped anyway.
    public override bool SupportsVirtualTerminal => false;

    /// <summary>Print a throttled one-line summary of progress records to the error writer.</summary>
    public bool ShowProgress { get; set; } = true;

    /// <summary>
    /// Keep every progress record in <see cref="ProgressRecords"/> (for tests). A long-running
    /// program turns this off so the list does not grow without bound.
    /// </summary>
    public bool KeepProgressRecords { get; set; } = true;

    /// <summary>The clock of the progress throttle; tests set a manual one instead of sleeping.</summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every progress record received so far, in order (a snapshot).</summary>
    public IReadOnlyList<ProgressRecord> ProgressRecords
    {
        get { lock (_progressLock) { return _progressRecords.ToArray(); } }
    }

    public override void Write(string value) => WriteTo(_output, value, newLine: false);

    // Colours have no meaning in plain text.
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        WriteTo(_output, value, newLine: false);

    public override void WriteLine(string value) => WriteTo(_output, value, newLine: true);

    public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        WriteTo(_output, value, newLine: true);

    public override void WriteErrorLine(string value)
    {
        Interlocked.Increment(ref _errorLines);
        WriteTo(_error, value, newLine: true);
    }

    /// <summary>
    /// How many times <see cref="WriteErrorLine"/> was called. Out-Default renders an error record
    /// through it, and an error record that is mere data through WriteLine: watching this count
    /// is how <see cref="HostedEngine"/> learns which of the two Out-Default saw.
    /// </summary>
    public long ErrorLinesWritten => Interlocked.Read(ref _errorLines);

    // Same prefixes as pwsh, so logs read the same whichever host produced them.
    public override void WriteWarningLine(string message) => WriteTo(_error, "WARNING: " + message, newLine: true);

    public override void WriteVerboseLine(string message) => WriteTo(_error, "VERBOSE: " + message, newLine: true);

    public override void WriteDebugLine(string message) => WriteTo(_error, "DEBUG: " + message, newLine: true);

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string? line = null;
        lock (_progressLock)
        {
            if (KeepProgressRecords)
            {
                _progressRecords.Add(record);
            }

            var key = (sourceId, record.ActivityId);
            if (record.RecordType == ProgressRecordType.Completed)
            {
                // Nothing to show for a finished bar; forget it so a rerun shows at once.
                _lastProgressShown.Remove(key);
                return;
            }

            long now = Clock.GetTimestamp();
            if (ShowProgress &&
                (!_lastProgressShown.TryGetValue(key, out long last) || Clock.GetElapsedTime(last, now) >= ProgressInterval))
            {
                _lastProgressShown[key] = now;
                line = FormatProgress(record);
            }
        }

        if (line is not null)
        {
            WriteTo(_error, line, newLine: true);
        }
    }

    public override string ReadLine()
    {
        TextReader input = _input ?? throw NotInteractive("read a line of input");
        return input.ReadLine() ?? throw NotInteractive("read a line of input (input is at its end)");
    }

    public override SecureString ReadLineAsSecureString()
    {
        string line = ReadLine();
        var secure = new SecureString();
        foreach (char c in line)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        ArgumentNullException.ThrowIfNull(descriptions);
        TextReader input = _input ?? throw NotInteractive(message);
        WriteCaptionAndMessage(caption, message);

        var answers = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
        foreach (FieldDescription field in descriptions)
        {
            Type? fieldType = ResolveType(field.ParameterTypeFullName);
            if (fieldType == typeof(PSCredential))
            {
                throw new PSNotSupportedException(
                    $"PrinterTools.Host cannot prompt for the credential '{field.Name}'; pass it as a parameter instead.");
            }

            WriteTo(_error, (string.IsNullOrEmpty(field.Label) ? field.Name : field.Label.Replace("&", string.Empty)) + ": ", newLine: false);
            string line = ReadAnswer(input) ?? throw NotInteractive(message);
            if (fieldType == typeof(SecureString))
            {
                var secure = new SecureString();
                foreach (char c in line)
                {
                    secure.AppendChar(c);
                }

                secure.MakeReadOnly();
                answers[field.Name] = PSObject.AsPSObject(secure);
            }
            else
            {
                // Text is what a line gives; the binder converts it later as it does for pwsh.
                answers[field.Name] = PSObject.AsPSObject(line);
            }
        }

        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        ArgumentNullException.ThrowIfNull(choices);
        // No reader: fail like PowerShell's own non-interactive host, so a High-impact command
        // stops with a clear error (use -Confirm:$false or -Force) instead of waiting forever.
        TextReader input = _input ?? throw NotInteractive(message);

        var hotkeys = new string[choices.Count];
        var labels = new string[choices.Count];
        for (int i = 0; i < choices.Count; i++)
        {
            (hotkeys[i], labels[i]) = SplitHotkey(choices[i].Label, i);
        }

        var menu = new StringBuilder();
        for (int i = 0; i < choices.Count; i++)
        {
            menu.Append('[').Append(hotkeys[i]).Append("] ").Append(labels[i]).Append("  ");
        }

        menu.Append("[?] Help");
        if (defaultChoice >= 0 && defaultChoice < choices.Count)
        {
            menu.Append(" (default is \"").Append(hotkeys[defaultChoice]).Append("\")");
        }

        menu.Append(": ");

        WriteCaptionAndMessage(caption, message);
        while (true)
        {
            WriteTo(_error, menu.ToString(), newLine: false);
            string answer = (ReadAnswer(input) ?? throw NotInteractive(message)).Trim();
            if (answer.Length == 0 && defaultChoice >= 0 && defaultChoice < choices.Count)
            {
                return defaultChoice;
            }

            if (answer == "?")
            {
                for (int i = 0; i < choices.Count; i++)
                {
                    WriteTo(_error, $"{hotkeys[i]} - {choices[i].HelpMessage}", newLine: true);
                }

                continue;
            }

            for (int i = 0; i < choices.Count; i++)
            {
                if (string.Equals(answer, hotkeys[i], StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(answer, labels[i], StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw CredentialNotSupported();

    public override PSCredential PromptForCredential(
        string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw CredentialNotSupported();

    // Same error id and category PowerShell uses when its host cannot interact with a user.
    internal static HostException NotInteractive(string? what) =>
        new(
            "A command that prompts the user failed because PrinterTools.Host has no input to read from " +
            $"(non-interactive). The prompt was: {what}",
            null,
            "HostFunctionNotImplemented",
            ErrorCategory.NotImplemented);

    private static HostException CredentialNotSupported() =>
        new(
            "PrinterTools.Host cannot prompt for credentials; pass a PSCredential with -Credential instead.",
            null,
            "HostFunctionNotImplemented",
            ErrorCategory.NotImplemented);

    private static (string Hotkey, string Label) SplitHotkey(string label, int index)
    {
        // "&Yes to All" → hotkey "Y", label "Yes to All"; no ampersand → the choice number.
        int amp = label.IndexOf('&');
        if (amp >= 0 && amp + 1 < label.Length)
        {
            return (char.ToUpperInvariant(label[amp + 1]).ToString(), label.Remove(amp, 1));
        }

        return ((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), label);
    }

    private static Type? ResolveType(string? fullName)
    {
        if (string.IsNullOrEmpty(fullName))
        {
            return null;
        }

        return Type.GetType(fullName) ?? typeof(PSObject).Assembly.GetType(fullName);
    }

    private static string FormatProgress(ProgressRecord record)
    {
        var text = new StringBuilder(record.Activity);
        if (!string.IsNullOrEmpty(record.StatusDescription))
        {
            text.Append(": ").Append(record.StatusDescription);
        }

        if (record.PercentComplete >= 0)
        {
            text.Append(" (").Append(record.PercentComplete).Append("%)");
        }

        if (!string.IsNullOrEmpty(record.CurrentOperation))
        {
            text.Append(" - ").Append(record.CurrentOperation);
        }

        return text.ToString();
    }

    // At end of input the prompt line is left open: end it so the error starts on its own line.
    private string? ReadAnswer(TextReader input)
    {
        string? line = input.ReadLine();
        if (line is null)
        {
            WriteTo(_error, string.Empty, newLine: true);
        }

        return line;
    }

    private void WriteCaptionAndMessage(string? caption, string? message)
    {
        if (!string.IsNullOrEmpty(caption))
        {
            WriteTo(_error, caption, newLine: true);
        }

        if (!string.IsNullOrEmpty(message))
        {
            WriteTo(_error, message, newLine: true);
        }
    }

    private void WriteTo(TextWriter writer, string? value, bool newLine)
    {
        string text = AnsiText.Strip(value);
        lock (_writeLock)
        {
            if (newLine)
            {
                writer.WriteLine(text);
            }
            else
            {
                writer.Write(text);
            }
        }
    }
}
