using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Camera;
using PrinterTools.Simulator.Discovery;
using PrinterTools.Simulator.Http;
using PrinterTools.Simulator.Jobs;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Storage;
using PrinterTools.Simulator.Tcp;

namespace PrinterTools.Simulator;

/// <summary>
/// One virtual FlashForge printer on its own loopback address, on the real ports: UDP discovery, TCP 8899 and,
/// for the 5M Pro, HTTP 8898 and the camera on 8080. It stores files (uploads over TCP and HTTP) and prints
/// them. Written from shared/protocols/flashforge.md and its captures only.
/// </summary>
public sealed class VirtualFlashForgePrinter : IAsyncDisposable
{
    private readonly PrinterCounters _counters;
    private readonly DiscoveryServer _discovery;
    private readonly CommandServer _commands;
    private readonly HttpApiServer? _http;
    private readonly CameraServer? _camera;
    private readonly FileStore _files;
    private readonly PrintJobs _jobs;
    private readonly List<SilentPort> _silentPorts = new();
    private int _disposed;

    private VirtualFlashForgePrinter(FlashForgePrinterOptions options, PrinterCounters? farmCounters)
    {
        _counters = new PrinterCounters(farmCounters);
        Options = options;
        Address = options.Address;
        Model = options.Model;
        _files = new FileStore(options);
        _jobs = new PrintJobs(options, _files, _counters);
        _discovery = new DiscoveryServer(options, _counters);
        _commands = new CommandServer(options, _counters, _files, _jobs);
        bool modern = Model == FlashForgeModel.Adventurer5MPro;
        _http = modern ? new HttpApiServer(options, _counters, _files, _jobs) : null;
        _camera = modern
            ? new CameraServer(new CameraHooks(() => options.Latency, () => options.Fault == FlashForgeFault.NoisySnapshot,
                _counters.CameraConnectionAccepted, _counters.CameraClientOpened, _counters.CameraClientClosed))
            : null;
        _counters.CommandArrived += command => CommandReceived?.Invoke(this, command);
    }

    /// <summary>Binds every port of the printer; throws if the address is not 127.x or a port is taken.</summary>
    public static Task<VirtualFlashForgePrinter> StartAsync(FlashForgePrinterOptions options, CancellationToken ct = default) =>
        StartAsync(options, null, ct);

    internal static async Task<VirtualFlashForgePrinter> StartAsync(FlashForgePrinterOptions options, PrinterCounters? farmCounters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        Loopback.Require(options.Address);
        ct.ThrowIfCancellationRequested();
        int[] served = options.Model == FlashForgeModel.Adventurer5MPro
            ? new[] { CommandServer.Port, HttpApiServer.Port, CameraServer.Port }
            : new[] { CommandServer.Port };
        if (options.SilentPorts.Intersect(served).ToArray() is { Length: > 0 } clash)
        {
            throw new ArgumentException($"SilentPorts names a port the printer serves: {string.Join(", ", clash)}.", nameof(options));
        }

        var printer = new VirtualFlashForgePrinter(options, farmCounters);
        try
        {
            printer._commands.Start(printer.Address);
            printer._http?.Start(printer.Address);
            printer._camera?.Start(printer.Address);
            if (options.ListenForDiscovery)
            {
                printer._discovery.Start(printer.Address, printer.Model);
            }

            foreach (int port in options.SilentPorts)
            {
                printer._silentPorts.Add(await SilentPort.OpenAsync(printer.Address, port, ct).ConfigureAwait(false));
            }
        }
        catch
        {
            await printer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return printer;
    }

    /// <summary>Live settings: tests may change State, Latency, Fault and the rest while the printer runs.</summary>
    public FlashForgePrinterOptions Options { get; }

    public IPAddress Address { get; }

    /// <summary>The farm this printer was started in, for its farm-wide counters; null on its own.</summary>
    public VirtualPrinterFarm? Farm { get; internal set; }

    /// <summary>"FlashForge": with <see cref="Address"/>, what PrinterTools cmdlets bind by property name.</summary>
    public string Vendor => "FlashForge";

    /// <summary>The model fixed at start (which ports exist does not change while running).</summary>
    public FlashForgeModel Model { get; }

    public int OpenConnections => _counters.OpenConnections;

    public int MaxConcurrentConnections => _counters.MaxConcurrentConnections;

    public int TotalConnections => _counters.TotalConnections;

    public int MaxConcurrentHttpRequests => _counters.MaxConcurrentHttpRequests;

    /// <summary>Held by a TCP connection here or by the stand-in of <see cref="HoldControlByAnotherClient"/>.</summary>
    public bool ControlHeld => _commands.Control.IsHeld;

    /// <summary>
    /// Plays another client (FlashPrint on another PC) taking control: every M601 from here gets
    /// <c>Control failed.</c> (§2.2), state-changing commands are refused, status commands are still answered.
    /// False, and nothing changes, when a connection here holds control right now.
    /// </summary>
    public bool HoldControlByAnotherClient() => _commands.Control.HoldForAnotherClient();

    /// <summary>The other client of <see cref="HoldControlByAnotherClient"/> lets go (a no-op when it holds nothing).</summary>
    public void ReleaseControlByAnotherClient() => _commands.Control.ReleaseForAnotherClient();

    public int ControlReleases => _counters.ControlReleases;

    /// <summary>Every TCP command line received, without "~" and line end, in arrival order (a copy).</summary>
    public IReadOnlyList<string> ReceivedCommands => _counters.ReceivedCommands;

    /// <summary>The same lines with their connection, code and whether they needed and had control (a copy).</summary>
    public IReadOnlyList<ReceivedCommand> CommandLog => _counters.CommandLog;

    /// <summary>
    /// Raised as each TCP command line arrives, before the printer acts on it or answers, on the connection's
    /// thread: keep handlers short. To see a command's effect, wait for its reply instead.
    /// </summary>
    public event EventHandler<ReceivedCommand>? CommandReceived;

    /// <summary>
    /// Completes once <paramref name="count"/> commands with <paramref name="code"/> (e.g. "G28", any case) have
    /// arrived since start or <see cref="ResetCounters"/>, at once if they already have: no sleeping, no race.
    /// </summary>
    public Task WhenCommandReceived(string code, int count = 1, CancellationToken ct = default) =>
        _counters.WhenCommandReceived(code ?? throw new ArgumentNullException(nameof(code)), count, ct);

    /// <summary>Commands that need control (job, upload, heating, light, G-code motion …) received, refused ones included.</summary>
    public int StateChangingCommandsReceived => _counters.StateChangingCommands;

    /// <summary>State-changing commands from a connection without control: answered with an error, nothing changed.</summary>
    public int CommandsRefusedWithoutControl => _counters.CommandsRefusedWithoutControl;

    /// <summary>
    /// Console command lines that arrived on a connection while an earlier command on that connection was still
    /// unanswered (its reply not yet sent, or never sent: the Silent fault). A real console can misbehave then
    /// (notes §2.2 "One command in flight"): a client should wait for each reply; this should stay 0.
    /// </summary>
    public int CommandsSentBeforeReply => _counters.CommandsSentBeforeReply;

    public int DiscoveryRepliesSent => _counters.DiscoveryRepliesSent;

    /// <summary>Discovery replies that could not be sent, even after retrying a full send buffer: should stay 0.</summary>
    public int DiscoveryRepliesFailed => _counters.DiscoveryRepliesFailed;

    public int HttpRequests => _counters.HttpRequests;

    /// <summary>HTTP connections clients opened (told apart by their address and port), each a handshake's round trip.</summary>
    public int HttpConnections => _counters.HttpConnections;

    /// <summary>Uploads stored (TCP M29 "Done saving file.", HTTP /uploadGcode code 0).</summary>
    public int UploadsCompleted => _counters.UploadsCompleted;

    /// <summary>Uploads refused, failed or cut off: bad packet, size mismatch, no space, no control, dropped connection.</summary>
    public int UploadsRejected => _counters.UploadsRejected;

    /// <summary>Upload bytes received as they arrive: TCP packet data (without header and padding) and HTTP request body bytes.</summary>
    public long BytesReceived => _counters.BytesReceived;

    /// <summary>
    /// Data bytes that arrived after a refused M28 (no control, no space, bad arguments, the RefuseUpload fault)
    /// and before the next accepted one: a client must send none.
    /// </summary>
    public long BytesReceivedAfterRefusedUpload => _counters.BytesReceivedAfterRefusedUpload;

    /// <summary>Prints started from a stored file: M23, /printGcode, /uploadGcode with printNow=true.</summary>
    public int JobsStarted => _counters.JobsStarted;

    /// <summary>Running or paused jobs cancelled: M26, HTTP jobCtl_cmd cancel, <see cref="CancelJob"/>.</summary>
    public int JobsCancelled => _counters.JobsCancelled;

    /// <summary>Ends the running or paused job as completed at once (as if its time ran out); false when there is none.</summary>
    public bool FinishJob() => Options.SetJobProgress(100);

    /// <summary>Puts the running or paused job at <paramref name="percent"/> with the layer to match; 100 completes it.</summary>
    public bool SetProgress(int percent) => Options.SetJobProgress(percent);

    /// <summary>Someone pressed cancel on the printer's screen: the job ends <see cref="VirtualJobState.Cancelled"/>.</summary>
    public bool CancelJob() => _jobs.Cancel();

    /// <summary>Camera connections accepted (snapshots and streams, 5M Pro, port 8080).</summary>
    public int CameraConnections => _counters.CameraConnections;

    /// <summary>Camera stream viewers connected right now (5M Pro, port 8080).</summary>
    public int CameraClients => _counters.CameraClients;

    /// <summary>A snapshot of the stored files (copies), keyed by plain file name.</summary>
    public IReadOnlyDictionary<string, byte[]> Files => _files.Copy();

    /// <summary>A copy of one stored file, or null.</summary>
    public byte[]? GetFile(string name) => _files.TryGet(name, out byte[] content) ? (byte[])content.Clone() : null;

    /// <summary>
    /// The named headers of the last HTTP /uploadGcode request (serialNumber, fileSize, printNow, …), null before the
    /// first. The check code's value is never kept: it shows as "(redacted)".
    /// </summary>
    public IReadOnlyDictionary<string, string>? LastUploadHeaders => _http?.LastUploadHeaders;

    /// <summary>The Content-Length of the last HTTP /uploadGcode request; null before the first, or when it had none.</summary>
    public long? LastUploadContentLength => _http?.LastUploadContentLength;

    /// <summary>
    /// HTTP requests to an API endpoint (5M Pro, /uploadGcode included) that announced no Content-Length, such as
    /// a chunked body: answered 411 Length Required, as the strictest embedded servers do, the body left unused.
    /// </summary>
    public int ChunkedRequestsRefused => _counters.ChunkedRequestsRefused;

    public void ResetCounters() => _counters.Reset();

    /// <summary>A probe reached the farm's segment address: answer it from this printer's own address.</summary>
    internal void AnswerSegmentProbe(int port, IPEndPoint source) => _discovery.AnswerSegmentProbe(port, source);

    /// <summary>Stops every listener and closes every connection; pending replies are abandoned.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _discovery.DisposeAsync().ConfigureAwait(false);
        _silentPorts.ForEach(port => port.Dispose());
        await _commands.DisposeAsync().ConfigureAwait(false);
        if (_camera is not null)
        {
            await _camera.DisposeAsync().ConfigureAwait(false);
        }

        if (_http is not null)
        {
            await _http.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override string ToString() => $"{Options.Name} ({Model}) at {Address}";
}
