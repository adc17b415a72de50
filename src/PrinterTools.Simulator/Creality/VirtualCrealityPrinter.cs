using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Camera;
using PrinterTools.Simulator.Creality;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator;

/// <summary>
/// One virtual Creality printer (K1C or K2 Plus) on its own loopback address, on the real ports: the WebSocket
/// and <c>/ping</c> on 9999, <c>/info</c>, uploads and downloads on HTTP 80, the K1C's MJPEG camera on 8080, and
/// an mDNS responder on UDP 5353. It stores uploaded files, prints them and pushes its attributes.
/// Written from shared/protocols/creality.md and its fixtures only.
/// </summary>
public sealed class VirtualCrealityPrinter : IAsyncDisposable
{
    private readonly CrealityCounters _counters = new();
    private readonly CrealityFileStore _files;
    private readonly CrealitySessions _sessions = new();
    private readonly CrealityPusher _pusher;
    private readonly CrealityWebSocketEndpoint _webSocket;
    private readonly CrealityUploadEndpoint _upload;
    private readonly CrealityDownloads _downloads;
    private readonly CrealityMdnsResponder _mdns;
    private readonly CameraServer? _camera;
    private CrealityHttpServer? _webSocketPort;
    private CrealityHttpServer? _httpPort;
    private int _disposed;

    private VirtualCrealityPrinter(CrealityPrinterOptions options)
    {
        Options = options;
        Address = options.Address;
        Model = options.Model;
        _files = new CrealityFileStore(options);
        options.SeedHistory(options.StoredFiles);
        _pusher = new CrealityPusher(options, _sessions);
        var handler = new CrealityRequestHandler(options, _counters, new CrealityReplies(options, _files), new CrealitySetCommands(options, _files, _counters));
        _webSocket = new CrealityWebSocketEndpoint(options, _counters, _sessions, _pusher, handler);
        _upload = new CrealityUploadEndpoint(options, _files, _counters);
        _downloads = new CrealityDownloads(options, _files);
        _mdns = new CrealityMdnsResponder(options, _counters);
        // §8: mjpg-streamer on the K1C only; the K2 Plus has webrtcSupport 1 and no :8080.
        _camera = options.Defaults.HasMjpegCamera
            ? new CameraServer(new CameraHooks(() => options.Latency, () => false, _counters.CameraConnectionAccepted, () => { }, () => { }))
            : null;
    }

    /// <summary>Binds every port of the printer; throws if the address is not 127.x or a port is taken.</summary>
    public static async Task<VirtualCrealityPrinter> StartAsync(CrealityPrinterOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Loopback.Require(options.Address);
        ct.ThrowIfCancellationRequested();
        var printer = new VirtualCrealityPrinter(options);
        try
        {
            await printer.StartPortsAsync().ConfigureAwait(false);
        }
        catch
        {
            await printer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return printer;
    }

    private async Task StartPortsAsync()
    {
        HttpPort = Options.HttpPort;
        _httpPort = NewServer(webSocket: false, webRoutes: true);
        try
        {
            _httpPort.Start(Address, HttpPort);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            // Port 80 needs privileges: /info, uploads and downloads move to 9999 beside the WebSocket.
            await _httpPort.DisposeAsync().ConfigureAwait(false);
            _httpPort = null;
            HttpPort = CrealityModelDefaults.WebSocketPort;
        }

        _webSocketPort = NewServer(webSocket: true, webRoutes: _httpPort is null);
        _webSocketPort.Start(Address, CrealityModelDefaults.WebSocketPort);
        _camera?.Start(Address);
        if (Options.ListenForDiscovery)
        {
            _mdns.Start(Address);
        }

        _pusher.Start();
    }

    private CrealityHttpServer NewServer(bool webSocket, bool webRoutes) => new(webSocket, webRoutes, Options, _webSocket, _upload, _downloads);

    /// <summary>Live settings: tests may change State, Fault, Latency, PushInterval, temperatures and the rest while the printer runs.</summary>
    public CrealityPrinterOptions Options { get; }

    public IPAddress Address { get; }

    /// <summary>The model fixed at start (which ports exist does not change while running).</summary>
    public CrealityModel Model { get; }

    /// <summary>"Creality": with <see cref="Address"/>, what PrinterTools cmdlets bind by property name.</summary>
    public string Vendor => "Creality";

    /// <summary>The farm this printer was started in; null on its own.</summary>
    public VirtualPrinterFarm? Farm { get; internal set; }

    /// <summary>Where <c>/info</c>, uploads and downloads are served: HttpPort (80), or 9999 when 80 could not be bound.</summary>
    public int HttpPort { get; private set; }

    public int OpenWebSockets => _counters.OpenWebSockets;

    public int TotalWebSockets => _counters.TotalWebSockets;

    /// <summary>Every request key received, in arrival order (a copy); heartbeats have Key <c>ModeCode</c>.</summary>
    public IReadOnlyList<CrealityReceivedRequest> ReceivedRequests => _counters.ReceivedRequests;

    /// <summary>
    /// Completes once <paramref name="count"/> requests with <paramref name="key"/> (a params key, or
    /// <c>ModeCode</c>) have arrived since start or <see cref="ResetCounters"/>; logged before the printer acts on them.
    /// </summary>
    public Task WhenRequestReceived(string key, int count = 1, CancellationToken ct = default) => _counters.WhenRequestReceived(key, count, ct);

    /// <summary>Heartbeats answered with the text frame <c>ok</c> (§2).</summary>
    public int HeartbeatsAnswered => _counters.HeartbeatsAnswered;

    /// <summary>WebSockets dropped right after an accepted start (CloseAfterStart, the K1 quirk of §2).</summary>
    public int ClosedAfterStart => _counters.ClosedAfterStart;

    /// <summary>Uploads stored.</summary>
    public int UploadsCompleted => _counters.UploadsCompleted;

    /// <summary>Uploads refused (bad MD5, no file part, not .gcode, name too long) or answered with the UploadErrorBody fault.</summary>
    public int UploadsRejected => _counters.UploadsRejected;

    /// <summary>Bytes of the <c>file</c> parts of every upload read.</summary>
    public long UploadBytesReceived => _counters.UploadBytesReceived;

    /// <summary>The <c>MD5</c> header of the last upload read; null when it had none (or before the first).</summary>
    public string? LastUploadMd5Header => _counters.LastUploadMd5Header;

    /// <summary>Jobs started by an accepted <c>printprt:</c>.</summary>
    public int JobsStarted => _counters.JobsStarted;

    /// <summary>The <c>opGcodeFile</c> value of the last start that was accepted; null before the first.</summary>
    public string? LastStartRequest => _counters.LastStartRequest;

    /// <summary>Every <c>gcodeCmd</c> value received, in order (a copy).</summary>
    public IReadOnlyList<string> GcodeReceived => _counters.GcodeReceived;

    public int MdnsRepliesSent => _counters.MdnsRepliesSent;

    /// <summary>Connections accepted by the K1C's camera on 8080 (streams and snapshots).</summary>
    public int CameraConnections => _counters.CameraConnections;

    /// <summary>A snapshot of the stored files (copies), keyed by plain name.</summary>
    public IReadOnlyDictionary<string, byte[]> Files => _files.Copy();

    /// <summary>A copy of one stored file (plain name or full path in the model's folder), or null.</summary>
    public byte[]? GetFile(string name) => _files.TryFind(name, out LocalFile file) ? (byte[])file.Content.Clone() : null;

    /// <summary>Ends the running or paused job as completed at once (state 2, values latched); false when there is none.</summary>
    public bool FinishJob() => Options.SetJobProgress(100);

    /// <summary>Puts the running or paused job at <paramref name="percent"/> with the layer to match; 100 completes it.</summary>
    public bool SetProgress(int percent) => Options.SetJobProgress(percent);

    public void ResetCounters() => _counters.Reset();

    /// <summary>An mDNS query reached the farm's segment address: answer it from this printer's own address.</summary>
    internal void AnswerSegmentQuery(IPEndPoint source, ReadOnlyMemory<byte> payload) => _mdns.AnswerSegmentQuestion(source, payload);

    /// <summary>Stops every listener and closes every connection; pending replies are abandoned.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _mdns.DisposeAsync().ConfigureAwait(false);
        await _pusher.DisposeAsync().ConfigureAwait(false);
        if (_camera is not null)
        {
            await _camera.DisposeAsync().ConfigureAwait(false);
        }

        if (_httpPort is not null)
        {
            await _httpPort.DisposeAsync().ConfigureAwait(false);
        }

        if (_webSocketPort is not null)
        {
            await _webSocketPort.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override string ToString() => $"{Options.Name} ({Model}) at {Address}";
}
