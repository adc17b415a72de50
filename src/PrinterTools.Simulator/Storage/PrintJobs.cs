using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Storage;

/// <summary>Starting a stored file: M23 (notes §2.3), /printGcode and /uploadGcode with printNow (§3.2).</summary>
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
        int layers = GeneratedFile.LayersOf(content);
        _options.Update(o =>
        {
            o.State = VirtualJobState.Printing;
            o.CurrentFile = name;
            o.ProgressPercent = 0;
            o.CurrentLayer = 0;
            o.TotalLayers = layers;
        });
        _counters.JobStarted();
        return true;
    }
}
