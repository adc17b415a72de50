using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Vendors;

/// <summary>
/// Lists and removes stored files the same way for every vendor. A removal reads the list first (a name not
/// listed, or the file the printer is printing, is an error and is not sent), sends the vendor's delete once,
/// and reads the list back until the files are gone: an SDCP printer acknowledges a delete it did not do.
/// </summary>
public static class PrinterFiles
{
    public static async Task<IReadOnlyList<PrinterFile>> ListAsync(PrinterConnection printer, CancellationToken cancel) =>
        (await printer.ListFilesAsync(cancel).ConfigureAwait(false)).Select(file => OnPrinter(printer, file)).ToList();

    /// <summary>
    /// Removes the files named; each one that cannot be removed is told to <paramref name="problem"/> and the
    /// others go on. Returns the files removed, as they were listed.
    /// </summary>
    public static Task<IReadOnlyList<PrinterFile>> RemoveAsync(PrinterConnection printer, IReadOnlyList<string> fileNames,
        Action<PrinterException> problem, CancellationToken cancel)
    {
        if (printer.FileRemovalUnsupported is { } unsupported)
        {
            throw unsupported;
        }
        return Deadline.RunAsync(printer.Address, "the removal of stored files", printer.Timeout, cancel, async token =>
        {
            var listed = await ListAsync(printer, token).ConfigureAwait(false);
            var status = await printer.ReadStatusAsync(token).ConfigureAwait(false);
            var chosen = new List<PrinterFile>();
            foreach (var name in fileNames.Distinct(StringComparer.Ordinal))
            {
                // The file of that name, not one whose own name only shows so once cleaned of control characters.
                if (Find(listed.Where(f => !f.NameAltered).ToList(), name) is not { } file)
                {
                    problem(Find(listed, name) is { } altered
                        ? Unnameable(altered)!
                        : new PrinterException(PrinterErrorKind.FileNotFound, printer.Address, $"{printer.DisplayName} lists no file '{name}'; nothing was sent for it."));
                }
                else if (InUse(status, file.FileName))
                {
                    problem(new PrinterException(PrinterErrorKind.Busy, printer.Address,
                        $"{printer.DisplayName} is {status.State} '{file.FileName}'; it was not removed. Stop the job first (Stop-PrinterJob)."));
                }
                else if (!chosen.Contains(file))
                {
                    chosen.Add(file);
                }
            }
            if (chosen.Count == 0)
            {
                return (IReadOnlyList<PrinterFile>)chosen;
            }
            var names = chosen.Select(f => f.FileName).ToList();
            await printer.SendRemoveFilesAsync(names, token).ConfigureAwait(false);
            var what = names.Count == 1 ? $"remove '{names[0]}'" : $"remove {names.Count} files";
            await PrinterReadBack.UntilAsync(printer, read => printer.ListFilesAsync(read),
                now => !now.Any(f => !f.NameAltered && names.Contains(f.FileName, StringComparer.Ordinal)), what,
                now => now is null ? "no list" : $"{string.Join(", ", names.Where(n => now.Any(f => !f.NameAltered && f.FileName == n)).Select(n => $"'{n}'"))} still listed", token).ConfigureAwait(false);
            return chosen;
        });
    }

    /// <summary>
    /// Null when a listed file can be named back to its printer, else why not: its own name had control characters,
    /// and the cleaned name it shows may be another file's. For a file piped in, which would be acted on by name.
    /// </summary>
    public static PrinterException? Unnameable(PrinterFile file) => file.NameAltered
        ? new PrinterException(PrinterErrorKind.NotSupported, file.Address,
            $"{file.Name}: the file listed as '{file.FileName}' has control characters in its name on the printer, which is never sent back; nothing was sent for it. Act on it at the printer's screen.")
        : null;

    /// <summary>The listed file of that name: the exact spelling, else the one name that differs only in case.</summary>
    private static PrinterFile? Find(IReadOnlyList<PrinterFile> listed, string name) =>
        listed.FirstOrDefault(f => string.Equals(f.FileName, name, StringComparison.Ordinal))
        ?? (listed.Where(f => string.Equals(f.FileName, name, StringComparison.OrdinalIgnoreCase)).ToList() is { Count: 1 } one ? one[0] : null);

    /// <summary>Whether the printer's job is on the file: removing it could end the print.</summary>
    private static bool InUse(PrinterStatus status, string fileName) =>
        status.State is PrinterState.Printing or PrinterState.Pausing or PrinterState.Paused or PrinterState.Resuming or PrinterState.Stopping or PrinterState.Busy
        && status.FileName is { } current && string.Equals(PrinterFileName.FromPrinterPath(current), fileName, StringComparison.OrdinalIgnoreCase);

    private static PrinterFile OnPrinter(PrinterConnection printer, PrinterFile file) => new()
    {
        Name = printer.DisplayName,
        Address = printer.Address,
        Vendor = printer.Vendor,
        Model = printer.Target.Known?.Model,
        FileName = file.FileName,
        Size = file.Size,
        Modified = file.Modified,
        Layers = file.Layers,
        EstimatedTime = file.EstimatedTime,
        Material = file.Material,
        NameAltered = file.NameAltered,
    };
}
