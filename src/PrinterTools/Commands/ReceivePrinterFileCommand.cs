using System;
using System.IO;
using System.Management.Automation;
using PrinterTools.Vendors;
using PrinterTools.Internal;

namespace PrinterTools.Commands;

/// <summary>
/// Receive-PrinterFile: saves what a printer offers to the local disk: a stored file's thumbnail
/// (-FileName -Thumbnail) or a camera snapshot (-Snapshot). Names that come from a printer are
/// never trusted as paths: the file always lands inside -Destination.
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "PrinterFile", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class ReceivePrinterFileCommand : PrinterTargetCmdletBase
{
    /// <summary>The stored file whose thumbnail (or, where the vendor allows, content) to receive.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PrinterFileNameCompleter))]
    public string? FileName { get; set; }

    [Parameter]
    public SwitchParameter Thumbnail { get; set; }

    [Parameter]
    public SwitchParameter Snapshot { get; set; }

    /// <summary>With -FileName: the time-lapse video of the newest job that printed the file, where the printer records them.</summary>
    [Parameter]
    public SwitchParameter Timelapse { get; set; }

    /// <summary>A folder (the name is made from the printer's file name) or a file path. Default: the current folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Overwrites an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 10;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Snapshot == (FileName is not null))
        {
            ThrowArgumentError("Give either -Snapshot, or -FileName with -Thumbnail.", nameof(FileName), FileName);
        }
        if (Snapshot && (Thumbnail || Timelapse))
        {
            ThrowArgumentError("-Thumbnail and -Timelapse go with -FileName, not with -Snapshot.", nameof(Thumbnail), null);
        }
        if (Thumbnail && Timelapse)
        {
            ThrowArgumentError("Give -Thumbnail or -Timelapse, not both.", nameof(Timelapse), null);
        }
        // The name goes into a console command and a request: no folders, no line breaks.
        if (FileName is not null && PrinterVendors.CheckFileName(FileName) is { } problem)
        {
            ThrowArgumentError(problem, nameof(FileName), FileName);
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var (target, errorTarget) in Targets(Printer, Address, Vendor))
        {
            try
            {
                Receive(target);
            }
            catch (PrinterException e)
            {
                WritePrinterError(e, errorTarget);
            }
        }
    }

    private void Receive(PrinterTarget target)
    {
        var printerName = target.Known?.Name is { Length: > 0 } known ? known : target.Address;
        var suggested = Snapshot ? $"{printerName}-{DateTime.Now:yyyyMMdd-HHmmss}.jpg"
            : Thumbnail ? System.IO.Path.GetFileNameWithoutExtension(FileName!) + ".png"
            : Timelapse ? System.IO.Path.GetFileNameWithoutExtension(FileName!) + ".mp4"
            : FileName!;
        var destination = GetUnresolvedProviderPathFromPSPath(Destination ?? ".");
        var path = LocalDestination.Resolve(destination, suggested);
        if (!Directory.Exists(System.IO.Path.GetDirectoryName(path)))
        {
            WriteError(new ErrorRecord(new DirectoryNotFoundException($"The folder of '{path}' does not exist."), PrinterErrors.DestinationNotFound, ErrorCategory.ObjectNotFound, path));
            return;
        }
        if (File.Exists(path) && !Force)
        {
            WriteError(new ErrorRecord(new IOException($"'{path}' exists; use -Force to overwrite it."), PrinterErrors.DestinationExists, ErrorCategory.ResourceExists, path));
            return;
        }
        var what = Snapshot ? "camera snapshot" : Thumbnail ? $"thumbnail of '{FileName}'" : Timelapse ? $"time-lapse video of '{FileName}'" : $"stored file '{FileName}'";
        if (!ShouldProcess(path, $"Save the {what} from {printerName}"))
        {
            return;
        }
        var credential = AccessCredential();
        var timeout = TimeSpan.FromSeconds(Timeout);
        var bytes = Await(token => PrinterVendors.UseAsync(target, credential, timeout, "receives files from", token, printer =>
            Snapshot ? printer.SnapshotAsync(token)
            : Thumbnail ? printer.ThumbnailAsync(FileName!, token)
            : Timelapse ? printer.TimelapseAsync(FileName!, token)
            : printer.DownloadFileAsync(FileName!, token)));
        if (Thumbnail && Directory.Exists(destination) && LocalDestination.PictureExtension(bytes) is { } actual
            && !path.EndsWith(actual, StringComparison.OrdinalIgnoreCase))
        {
            // A name this cmdlet made is named for the picture it is: resin printers keep their thumbnails as BMP.
            path = System.IO.Path.ChangeExtension(path, actual);
            if (File.Exists(path) && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"'{path}' exists; use -Force to overwrite it."), PrinterErrors.DestinationExists, ErrorCategory.ResourceExists, path));
                return;
            }
        }
        try
        {
            WriteObject(LocalDestination.Write(path, bytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, PrinterErrors.DestinationUnwritable, ErrorCategory.WriteError, path));
        }
    }
}
