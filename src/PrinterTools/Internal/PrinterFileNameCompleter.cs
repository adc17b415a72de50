using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;

namespace PrinterTools.Internal;

/// <summary>
/// Tab completion of -FileName from the files stored on the printer named by -Address (or
/// -Printer). Completion must stay quick: one listing per printer is kept for a short while, and
/// a printer that does not answer within two seconds simply offers nothing.
/// </summary>
internal sealed class PrinterFileNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, (DateTime At, IReadOnlyList<string> Names)> Cache = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var target = TargetOf(fakeBoundParameters);
        if (target is null)
        {
            return Array.Empty<CompletionResult>();
        }
        var typed = wordToComplete.Trim('\'', '"');
        // Names come from the printer: only plain file names are offered, and they are quoted the
        // way the parser reads quotes (it also takes the typographic ones as single quotes).
        return FilesOn(target, CredentialOf(fakeBoundParameters))
            .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && PrinterVendors.CheckFileName(name) is null)
            .OrderBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Select(name => new CompletionResult("'" + CodeGeneration.EscapeSingleQuotedStringContent(name) + "'", name, CompletionResultType.ParameterValue, name));
    }

    private static IReadOnlyList<string> FilesOn(PrinterTarget target, NetworkCredential? credential)
    {
        if (Cache.TryGetValue(target.Address, out var cached) && DateTime.UtcNow - cached.At < CacheFor)
        {
            return cached.Names;
        }
        try
        {
            using var window = new CancellationTokenSource(ListTimeout);
            var names = ListAsync(target, credential, window.Token).GetAwaiter().GetResult();
            Cache[target.Address] = (DateTime.UtcNow, names);
            return names;
        }
        catch (Exception e) when (e is PrinterException or OperationCanceledException)
        {
            return Array.Empty<string>();
        }
    }

    private static Task<IReadOnlyList<string>> ListAsync(PrinterTarget target, NetworkCredential? credential, CancellationToken cancel) =>
        PrinterVendors.UseAsync(target, credential, ListTimeout, "lists files of", cancel, async printer =>
            (IReadOnlyList<string>)(await printer.ListFilesAsync(cancel).ConfigureAwait(false)).Select(file => file.FileName).ToList());

    private static PrinterTarget? TargetOf(IDictionary bound)
    {
        var vendor = bound["Vendor"] is { } v && LanguagePrimitives.TryConvertTo<PrinterVendor>(v, out var parsed) ? parsed : (PrinterVendor?)null;
        switch (Unwrap(bound["Printer"]) ?? Unwrap(bound["Address"]))
        {
            case PrinterInfo printer:
                return new PrinterTarget(printer.Address, printer.Vendor, printer);
            case string address when address.Length > 0:
                return new PrinterTarget(address, vendor);
            default:
                return null;
        }
    }

    /// <summary>The first of an array, without PowerShell's wrapper.</summary>
    private static object? Unwrap(object? value)
    {
        value = value is PSObject pso ? pso.BaseObject : value;
        if (value is IList list && value is not string)
        {
            value = list.Count > 0 ? list[0] : null;
            value = value is PSObject inner ? inner.BaseObject : value;
        }
        return value;
    }

    private static NetworkCredential? CredentialOf(IDictionary bound) =>
        Unwrap(bound["Credential"]) is PSCredential credential ? new NetworkCredential(credential.UserName, credential.Password) : null;
}
