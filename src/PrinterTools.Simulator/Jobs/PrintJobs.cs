using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Jobs;

/// <summary>
/// Starts, pauses, resumes and cancels jobs, whoever asks: M23/M24/M25/M26 (notes §2.3), /printGcode,
/// /uploadGcode printNow (§3.2), /control jobCtl_cmd (§3.4) and the printer's own screen (the test handle).
/// How a job advances is the options' business (FlashForgePrinterOptions.Job.cs).
/// </summary>
internal sealed class PrintJobs
{
    private readonly FlashForgePrinterOptions _options;
    private readonly FileStore _files;
    private readonly PrinterCounters _counters;

    public PrintJobs(FlashForgePrinterOptions options, FileStore files, PrinterCounters counters)
    {
        _options = options;
        _files = files;
        _counters = counters;
    }

    /// <summary>
    /// Starts printing <paramref name="name"/> from layer 0 of the layers the file names (or 100); false when no
    /// such file is stored. A job already running is replaced: the notes do not say what a busy printer answers.
    /// </summary>
    public bool TryStart(string name, out long size)
    {
        if (!_files.TryGet(name, out byte[] content))
        {
            size = 0;
            return false;
        }

        size = content.Length;
        _options.StartJob(name, GeneratedFile.LayersOf(content));
        _counters.JobStarted();
        return true;
    }

    public bool Pause() => _options.MoveJob(VirtualJobState.Printing, VirtualJobState.Paused);

    public bool Resume() => _options.MoveJob(VirtualJobState.Paused, VirtualJobState.Printing);

    /// <summary>Ends a running or paused job as <see cref="VirtualJobState.Cancelled"/>; false when there was none.</summary>
    public bool Cancel()
    {
        bool cancelled = _options.CancelJob();
        if (cancelled)
        {
            _counters.JobCancelled();
        }

        return cancelled;
    }

    /// <summary>Clears the completed/cancelled dialog (§3.4 stateCtrl_cmd setClearPlatform): ready again.</summary>
    public void ClearPlatform()
    {
        if (!_options.MoveJob(VirtualJobState.Completed, VirtualJobState.Idle))
        {
            _options.MoveJob(VirtualJobState.Cancelled, VirtualJobState.Idle);
        }
    }
}
