using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Vendors;
using PrinterTools.Internal;

namespace PrinterTools.Commands;

/// <summary>
/// Start-PrinterJob: uploads a local file (-Path) and starts it, or starts a file already on the
/// printer (-FileName, or Get-PrinterFile's output piped in). Printers piped in are served
/// concurrently, each upload with its own progress bar; a printer is given one job per command.
/// -Wait follows each job until it ends.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "PrinterJob", DefaultParameterSetName = PrinterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PrinterJob))]
public sealed class StartPrinterJobCommand : PrinterFileCmdletBase
{
    private string? _localPath;
    private int _activityIds;

    /// <summary>A local file to upload and start.</summary>
    [Parameter(ParameterSetName = PrinterSet)]
    [Parameter(ParameterSetName = AddressSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The file's name on the printer: the file to start, or the name to upload -Path as.</summary>
    [Parameter(ParameterSetName = PrinterSet)]
    [Parameter(ParameterSetName = AddressSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PrinterFileNameCompleter))]
    public string? FileName { get; set; }

    /// <summary>The file each printer was given in this command, by address: a second one is refused, never sent.</summary>
    private readonly Dictionary<string, string> _startedOn = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Levels the bed before printing, where the printer can (FlashForge's auto-leveling, the Centauri Carbon's calibration).</summary>
    [Parameter]
    public SwitchParameter LevelBed { get; set; }

    /// <summary>Records a time-lapse video of the job, where the printer can (the Centauri Carbon).</summary>
    [Parameter]
    public SwitchParameter Timelapse { get; set; }

    /// <summary>The layer to start at, where the printer can (Elegoo printers); 0 is the first.</summary>
    [Parameter]
    [ValidateRange(0, 1000000)]
    public int StartLayer { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: seconds between status reads.</summary>
    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double PollInterval { get; set; } = 5;

    /// <summary>With -Wait: the most seconds to wait for the job to end; without it, as long as the job runs.</summary>
    [Parameter]
    [ValidateRange(1, 31 * 24 * 3600)]
    public double WaitTimeout { get; set; }

    /// <summary>
    /// Seconds each exchange with the printer may take: connecting, each command, each pause in an
    /// upload, releasing control; with -Wait, how long the printer may stop answering.
    /// </summary>
    [Parameter]
    [ValidateRange(0.05, 3600)]
    public double Timeout { get; set; } = 10;

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Seconds between two printers' starts (uploads still run at once), so a farm's heaters do not all switch on together.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public double StaggerSeconds { get; set; }

    private StartStagger? _stagger;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _stagger = StaggerSeconds > 0 ? StartStagger.Create(TimeSpan.FromSeconds(StaggerSeconds)) : null;
        // Without -Path or -FileName, the input must be Get-PrinterFile's files.
        if (Path is null && FileName is null && !MyInvocation.ExpectingInput)
        {
            ThrowArgumentError(NoFileMessage, nameof(Path), null);
        }
        if (Path is not null || FileName is not null)
        {
            var name = FileName ?? System.IO.Path.GetFileName(Path!);
            if (PrinterVendors.CheckFileName(name, forUpload: Path is not null) is { } problem)
            {
                ThrowArgumentError(problem, nameof(FileName), name);
            }
        }
        if (Path is not null)
        {
            _localPath = CheckLocalFile(Path);
        }
    }

    private const string NoFileMessage = "Give -Path (a local file to upload and start) or -FileName (a file already on the printer), or pipe in files from Get-PrinterFile.";

    protected override void ProcessRecord()
    {
        if (ParameterSetName == FileSet)
        {
            foreach (var (target, errorTarget, fileName) in FileTargets())
            {
                if (PrinterVendors.CheckFileName(fileName, forUpload: false) is { } problem)
                {
                    WriteArgumentError(problem, nameof(InputObject), PrinterText.Clean(fileName));
                    continue;
                }
                Start(target, errorTarget, fileName);
            }
        }
        else if (Path is null && FileName is null)
        {
            // Printers piped in (a status, say) without a file: its last job is never started by accident.
            WriteArgumentError(NoFileMessage, nameof(FileName), null);
        }
        else
        {
            foreach (var (target, errorTarget) in Targets(Printer, Address, Vendor))
            {
                Start(target, errorTarget, FileName);
            }
        }
        Pump.RunAvailable();
    }

    protected override void EndProcessing()
    {
        Pump.RunUntilDone();
        base.EndProcessing();
    }

    private void Start(PrinterTarget target, object errorTarget, string? fileName)
    {
        var request = new PrinterJobRequest
        {
            LocalPath = _localPath,
            FileName = fileName,
            LevelBed = LevelBed,
            Timelapse = Timelapse,
            StartLayer = StartLayer,
            Warn = message => Pump.Post(() => WriteWarning(message)),
            BeforeStart = _stagger is { } stagger ? stagger.WaitTurnAsync : null,
        };
        var action = _localPath is null
            ? $"Start printing '{request.TargetName}'"
            : $"Upload '{_localPath}' ({new FileInfo(_localPath).Length:N0} bytes) as '{request.TargetName}' and start printing it";
        if (_startedOn.TryGetValue(target.Address, out var started))
        {
            // A second start would reach a printer that may not yet show the first job, and both would go out.
            WritePrinterError(new PrinterException(PrinterErrorKind.Busy, target.Address,
                $"{target.Address} is given '{started}' by this command already: a printer takes one job at a time, so '{request.TargetName}' is not sent."), errorTarget);
            return;
        }
        if (!ShouldProcess(target.Known?.ToString() ?? target.Address, action))
        {
            return;
        }
        _startedOn[target.Address] = request.TargetName;
        var credential = AccessCredential();
        var timeout = TimeSpan.FromSeconds(Timeout);
        var progress = new ProgressRecord(Interlocked.Increment(ref _activityIds), $"Start-PrinterJob: {target.Known?.Name ?? target.Address}", "Connecting");
        Pump.Start(ThrottleLimit,
            async cancel =>
            {
                var size = _localPath is null ? 0 : new FileInfo(_localPath).Length;
                var job = await PrinterVendors.UseAsync(target, credential, timeout, "starts jobs on", cancel, async printer =>
                {
                    var started = await printer.StartJobAsync(request, new UploadProgress(this, progress, size), cancel).ConfigureAwait(false);
                    return Wait ? await WaitForEndAsync(printer, started, progress, cancel).ConfigureAwait(false) : started;
                }).ConfigureAwait(false);
                Pump.Post(() =>
                {
                    if (Wait)
                    {
                        WriteVerbose($"{target.Address}: the job '{job.FileName}' ended {job.State}.");
                        if (job.State != PrinterState.Completed)
                        {
                            WriteWarning($"{target.Address}: the job '{job.FileName}' ended {job.State}{(job.State == PrinterState.Stopped ? " (cancelled on the printer)" : "")}, not Completed.");
                        }
                    }
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgressCopy(progress);
                    WriteObject(job);
                });
            },
            error => WritePrinterError(error, errorTarget));
    }

    /// <summary>Follows the job to its end (<see cref="PrinterJobWait"/>, shared with Wait-PrinterJob), with its progress bar.</summary>
    private async Task<PrinterJob> WaitForEndAsync(PrinterConnection printer, PrinterJob job, ProgressRecord progress, CancellationToken cancel)
    {
        var end = await PrinterJobWait.UntilEndAsync(printer, job.FileName, TimeSpan.FromSeconds(PollInterval),
            WaitTimeout > 0 ? TimeSpan.FromSeconds(WaitTimeout) : null, "-WaitTimeout", alreadyRunning: false,
            status => Pump.Post(() => WriteProgressCopy(JobProgress.Update(progress, status))), cancel).ConfigureAwait(false);
        return new PrinterJob
        {
            Name = job.Name, Address = job.Address, FileName = job.FileName, StartedAt = job.StartedAt,
            BytesUploaded = job.BytesUploaded, State = end.State, FinalStatus = end.Status,
        };
    }

    /// <summary>Resolves the -Path and checks it can be read, before anything is sent to any printer.</summary>
    private string CheckLocalFile(string path)
    {
        var full = GetUnresolvedProviderPathFromPSPath(path);
        try
        {
            using var probe = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (probe.Length == 0)
            {
                ThrowArgumentError($"'{full}' is empty.", nameof(Path), full);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            ThrowTerminatingError(new ErrorRecord(e, PrinterErrors.LocalFileNotFound, ErrorCategory.ObjectNotFound, full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Locked by the program still writing it, or not ours to read.
            ThrowTerminatingError(new ErrorRecord(e, PrinterErrors.LocalFileUnreadable, ErrorCategory.ReadError, full));
        }
        return full;
    }

    /// <summary>Upload progress from a worker thread, posted to the pipeline thread at most once per percent.</summary>
    private sealed class UploadProgress : IProgress<long>
    {
        private readonly StartPrinterJobCommand _command;
        private readonly ProgressRecord _record;
        private readonly long _size;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _lastPercent = -1;

        public UploadProgress(StartPrinterJobCommand command, ProgressRecord record, long size)
        {
            _command = command;
            _record = record;
            _size = size;
        }

        public void Report(long sent)
        {
            var percent = _size == 0 ? 100 : (int)(100 * sent / _size);
            if (percent == _lastPercent)
            {
                return;
            }
            _lastPercent = percent;
            var status = $"Uploading: {sent:N0} of {_size:N0} bytes";
            var elapsed = _clock.Elapsed.TotalSeconds;
            var remaining = sent == 0 || elapsed == 0 ? -1 : (int)((_size - sent) / (sent / elapsed));
            _command.Pump.Post(() =>
            {
                _record.StatusDescription = status;
                _record.PercentComplete = percent;
                _record.SecondsRemaining = remaining;
                _command.WriteProgressCopy(_record);
            });
        }
    }
}
