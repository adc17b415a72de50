using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Vendors;

/// <summary>
/// One printer, opened by its vendor's <see cref="PrinterVendorClient"/>: every operation a
/// cmdlet asks of a printer goes through here. An operation the vendor lacks answers
/// PrinterNotSupported naming the vendor and the operation, so no cmdlet decides by vendor.
/// <see cref="CloseAsync"/> releases whatever the connection holds (a control session, a
/// socket); the cmdlets always call it, also after Ctrl+C and errors.
/// </summary>
public abstract class PrinterConnection : IDisposable
{
    protected PrinterConnection(PrinterTarget target, PrinterVendor vendor, TimeSpan timeout)
    {
        Target = target;
        Vendor = vendor;
        Timeout = timeout;
    }

    public PrinterTarget Target { get; }
    public string Address => Target.Address;
    public PrinterVendor Vendor { get; }
    /// <summary>What -Timeout bounds: each operation's own deadline.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The printer's name for messages and output: the known one, else its address.</summary>
    public string DisplayName => Target.Known?.Name is { Length: > 0 } name ? name : Address;

    /// <summary>The printer's name with the model a status gives, for messages about what it lacks: "10.0.0.5 (K1C)".</summary>
    public string DisplayNameWithModel(PrinterStatus status) => status.Model is { Length: > 0 } model ? $"{DisplayName} ({model})" : DisplayName;

    /// <param name="deliver">Told the status as soon as the last reading is in, before anything is released.</param>
    public virtual Task<PrinterStatus> ReadStatusAsync(CancellationToken cancel, Action<PrinterStatus>? deliver = null) =>
        throw NotSupported("reading status");

    /// <summary>One line of G-code, answered before the next is sent.</summary>
    public virtual Task<PrinterGcodeReply> SendGcodeAsync(string command, CancellationToken cancel) =>
        throw NotSupported("G-code", "its protocol has no G-code channel");

    public virtual Task<PrinterJob> StartJobAsync(PrinterJobRequest request, IProgress<long>? progress, CancellationToken cancel) =>
        throw NotSupported("starting jobs");

    /// <summary>
    /// The files stored on the printer, with what the vendor's list tells of each; <see cref="PrinterFiles"/>
    /// adds the printer's name and address.
    /// </summary>
    public virtual Task<IReadOnlyList<PrinterFile>> ListFilesAsync(CancellationToken cancel) =>
        throw NotSupported("listing stored files");

    /// <summary>
    /// Deletes stored files, each command once: <see cref="PrinterFiles"/> checks the list before and reads it
    /// back after, since a printer may acknowledge a delete it did not do.
    /// </summary>
    public virtual Task SendRemoveFilesAsync(IReadOnlyList<string> fileNames, CancellationToken cancel) =>
        throw FileRemovalUnsupported ?? NotSupported("removing stored files");

    /// <summary>Null when the printer deletes stored files, else why not: told before anything is read or sent.</summary>
    public virtual PrinterException? FileRemovalUnsupported => NotSupported("removing stored files");

    public virtual Task<byte[]> ThumbnailAsync(string fileName, CancellationToken cancel) =>
        throw NotSupported("thumbnails");

    public virtual Task<byte[]> SnapshotAsync(CancellationToken cancel) =>
        throw NotSupported("camera snapshots");

    /// <summary>The time-lapse video of the last job that printed <paramref name="fileName"/>.</summary>
    public virtual Task<byte[]> TimelapseAsync(string fileName, CancellationToken cancel) =>
        throw NotSupported("time-lapse videos");

    public virtual Task<byte[]> DownloadFileAsync(string fileName, CancellationToken cancel) =>
        throw NotSupported("downloading stored files");

    /// <summary>
    /// The one command that pauses, resumes or stops the current job, once: <see cref="PrinterJobControl"/>
    /// checks the state before and reads the state it leads to, so an acknowledgement alone proves nothing.
    /// </summary>
    public virtual Task SendJobActionAsync(PrinterJobAction action, CancellationToken cancel) =>
        throw NotSupported("job control");

    /// <summary>Switches the printer's light once; <see cref="PrinterSettings"/> reads back that it did.</summary>
    public virtual Task SendLightAsync(bool on, CancellationToken cancel) =>
        throw NotSupported("switching the light");

    /// <summary>
    /// The heaters this printer has, each with the highest target it takes, from the status just read: the printer's
    /// own maximum where it reports one, else its vendor's known limit, else a conservative bound
    /// (<see cref="PrinterTemperatures"/>). A heater it lacks is absent.
    /// </summary>
    public virtual IReadOnlyDictionary<PrinterHeater, PrinterHeaterLimit> HeaterLimits(PrinterStatus status) =>
        throw NotSupported("setting temperatures");

    /// <summary>Sets the asked targets once, already checked against <see cref="HeaterLimits"/>; <see cref="PrinterTemperatures"/> reads them back.</summary>
    public virtual Task SendTemperatureAsync(PrinterTemperatureTargets targets, CancellationToken cancel) =>
        throw NotSupported("setting temperatures");

    /// <summary>How this printer drives <paramref name="fan"/>, from the status just read; null when it has no such fan.</summary>
    public virtual PrinterFanControl? Fan(PrinterStatus status, PrinterFan fan) =>
        throw NotSupported("fan control");

    /// <summary>Sets one fan once (percent already rounded for an on/off fan); <see cref="PrinterFans"/> reads it back.</summary>
    public virtual Task SendFanAsync(PrinterFan fan, int percent, CancellationToken cancel) =>
        throw NotSupported("fan control");

    /// <summary>Releases what the connection holds; safe to call twice.</summary>
    public virtual Task CloseAsync() => Task.CompletedTask;

    /// <summary>The same on the pipeline thread, where blocking is fine.</summary>
    public void Dispose() => CloseAsync().GetAwaiter().GetResult();

    /// <summary>PrinterNotSupported for a part this printer lacks (a heater, a fan), for the shared logic that finds out.</summary>
    internal PrinterException Lacks(string message) => new(PrinterErrorKind.NotSupported, Address, message);

    /// <summary>PrinterNotSupported for an operation this vendor does not offer.</summary>
    protected PrinterException NotSupported(string operation, string? why = null) =>
        new(PrinterErrorKind.NotSupported, Address,
            $"{Address} is a {Vendor} printer; PrinterTools offers no {operation} for {Vendor} printers{(why is null ? "" : $": {why}")}.");
}
