using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Elegoo;
using PrinterTools.Simulator.Net;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator;

/// <summary>
/// One virtual Elegoo SDCP V3 printer on its own loopback address, on the real ports: UDP 3000 discovery, the
/// WebSocket on 3030, uploads on HTTP 80 (CC) or 3030 (resin), the CC's MJPEG camera on 3031. It stores uploaded
/// files, prints them and pushes its status. Written from shared/protocols/sdcp.md and its captures only.
/// </summary>
public sealed class VirtualElegooPrinter : IAsyncDisposable
{
    private readonly ElegooCounters _counters = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ElegooFileStore _files;
    private readonly StatusPusher _pusher;
    private readonly SdcpUploads _uploads = new();
    private readonly SdcpSessions _sessions = new();
    private readonly SdcpWebSocketEndpoint _webSocket;
    private readonly SdcpUploadEndpoint _upload;
    private readonly ElegooResources _resources;
    private readonly ElegooDiscoveryServer _discovery;
    private readonly ElegooCameraServer? _camera;
    private ElegooHttpServer? _webSocketPort;
    private ElegooHttpServer? _httpPort;
    private int _disposed;

    private VirtualElegooPrinter(ElegooPrinterOptions options)
    {
        Options = options;
        Address = options.Address;
        Family = options.Family;
        _files = new ElegooFileStore(options);
        options.SeedHistory(options.StoredFiles);
        var frames = new SdcpPushFrames(_uploads, _counters);
        _pusher = new StatusPusher(options, frames, _sessions);
        _upload = new SdcpUploadEndpoint(options, _files, _counters, _uploads, _sessions, _pusher, _stop.Token);
        var replies = new SdcpCommandReplies(options, _files, _counters, _uploads, frames, () => UploadPort);
        _webSocket = new SdcpWebSocketEndpoint(options, _counters, _sessions, new SdcpCommandHandler(options, _counters, replies, _pusher));
        _resources = new ElegooResources(options, _files);
        _discovery = new ElegooDiscoveryServer(options, _counters);
        _camera = Family == ElegooFamily.CentauriCarbon ? new ElegooCameraServer(_counters) : null;
    }

    /// <summary>Binds every port of the printer; throws if the address is not 127.x or a port is taken.</summary>
    public static async Task<VirtualElegooPrinter> StartAsync(ElegooPrinterOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Loopback.Require(options.Address);
        ct.ThrowIfCancellationRequested();
        var printer = new VirtualElegooPrinter(options);
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
        bool carbon = Family == ElegooFamily.CentauriCarbon;
        UploadPort = ElegooFamilyDefaults.WebSocketPort;
        if (carbon && Options.HttpPort != ElegooFamilyDefaults.WebSocketPort)
        {
            _httpPort = NewServer(new ElegooRoutes(WebSocket: false, Uploads: true, CarbonResources: true, ResinResources: false));
            try
            {
                _httpPort.Start(Address, Options.HttpPort);
                UploadPort = Options.HttpPort;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
            {
                // Port 80 needs privileges: the upload and download routes move to 3030 (the spec's port, §12).
                await _httpPort.DisposeAsync().ConfigureAwait(false);
                _httpPort = null;
            }
        }

        bool routesHere = UploadPort == ElegooFamilyDefaults.WebSocketPort;
        _webSocketPort = NewServer(new ElegooRoutes(WebSocket: true, Uploads: routesHere, CarbonResources: carbon && routesHere, ResinResources: !carbon));
        _webSocketPort.Start(Address, ElegooFamilyDefaults.WebSocketPort);
        _camera?.Start(Address);
        if (Options.ListenForDiscovery)
        {
            _discovery.Start(Address);
        }

        _pusher.Start();
    }

    private ElegooHttpServer NewServer(ElegooRoutes routes) =>
        new(routes, Options, _counters, _webSocket, _upload, _uploads, _resources);

    /// <summary>Live settings: tests may change State, Fault, Latency, temperatures and the rest while the printer runs.</summary>
    public ElegooPrinterOptions Options { get; }

    public IPAddress Address { get; }

    /// <summary>The family fixed at start (which ports exist does not change while running).</summary>
    public ElegooFamily Family { get; }

    /// <summary>"Elegoo": with <see cref="Address"/>, what PrinterTools cmdlets bind by property name.</summary>
    public string Vendor => "Elegoo";

    /// <summary>The farm this printer was started in; null on its own.</summary>
    public VirtualPrinterFarm? Farm { get; internal set; }

    /// <summary>Where uploads, downloads and the CC's board resources are served: HttpPort, or 3030 when 80 could not be bound.</summary>
    public int UploadPort { get; private set; }

    public int OpenWebSockets => _counters.OpenWebSockets;

    public int MaxConcurrentWebSockets => _counters.MaxConcurrentWebSockets;

    public int TotalWebSockets => _counters.TotalWebSockets;

    /// <summary>Handshakes answered HTTP 500 <c>too many client</c>: over MaxWebSocketClients, or the RefuseHandshake fault.</summary>
    public int RefusedWebSockets => _counters.RefusedWebSockets;

    /// <summary>WebSockets dropped after IdleClose without a client text frame (§3.5).</summary>
    public int IdleClosures => _counters.IdleClosures;

    /// <summary>Every SDCP request received, in arrival order (a copy).</summary>
    public IReadOnlyList<SdcpReceivedCommand> ReceivedCommands => _counters.ReceivedCommands;

    /// <summary>
    /// Completes once <paramref name="count"/> requests with <paramref name="cmd"/> have arrived since start or
    /// <see cref="ResetCounters"/> (at once if they already have); logged before the printer acts on them.
    /// </summary>
    public Task WhenCommandReceived(int cmd, int count = 1, CancellationToken ct = default) => _counters.WhenCommandReceived(cmd, count, ct);

    /// <summary>Requests outside the family's Cmd set or with a wrongly shaped payload: the socket was dropped, as the CC's daemon crashes (§3.7).</summary>
    public int Crashes => _counters.Crashes;

    /// <summary>Upload requests whose File part was read (accepted or not).</summary>
    public int UploadChunks => _counters.UploadChunks;

    /// <summary>Uploads verified and stored on /local.</summary>
    public int UploadsCompleted => _counters.UploadsCompleted;

    /// <summary>Uploads that failed their MD5 check (then discarded, sdcp/error ErrorCode 1; every upload under FailFileCheck), and chunks answered with the failure JSON.</summary>
    public int UploadsRejected => _counters.UploadsRejected;

    /// <summary>TCP connections that carried upload requests: one per upload proves keep-alive (§3.6).</summary>
    public int UploadHttpConnections => _counters.UploadHttpConnections;

    /// <summary>Bytes of the File parts of every upload chunk read.</summary>
    public long UploadBytesReceived => _counters.UploadBytesReceived;

    /// <summary>Jobs started by Cmd 128 with Ack 0.</summary>
    public int JobsStarted => _counters.JobsStarted;

    /// <summary>The Data object of the last Cmd 128 that started a job, as raw JSON; null before the first.</summary>
    public string? LastStartRequest => _counters.LastStartRequest;

    public int DiscoveryRepliesSent => _counters.DiscoveryRepliesSent;

    /// <summary>MJPEG streams opened on 3031 (CC).</summary>
    public int CameraConnections => _counters.CameraConnections;

    /// <summary>MJPEG streams open right now (CC); reported as NumberOfVideoStreamConnected.</summary>
    public int OpenCameraConnections => _counters.OpenCameraConnections;

    /// <summary>A snapshot of the stored files (copies), keyed by plain name (without /local/).</summary>
    public IReadOnlyDictionary<string, byte[]> Files => _files.Copy();

    /// <summary>A copy of one stored file (plain name or /local/ path), or null.</summary>
    public byte[]? GetFile(string name) =>
        ElegooFileStore.LocalName(name, bareAllowed: true) is string plain && _files.TryGet(plain, out LocalFile file)
            ? (byte[])file.Content.Clone()
            : null;

    /// <summary>Ends the running or paused job as completed at once; false when there is none.</summary>
    public bool FinishJob() => Options.SetJobProgress(100);

    /// <summary>Puts the running or paused job at <paramref name="percent"/> with the layer to match; 100 completes it.</summary>
    public bool SetProgress(int percent) => Options.SetJobProgress(percent);

    public void ResetCounters() => _counters.Reset();

    /// <summary>A probe reached the farm's segment address: answer it from this printer's own address.</summary>
    internal void AnswerSegmentProbe(IPEndPoint source, ReadOnlyMemory<byte> payload) => _discovery.AnswerSegmentQuestion(source, payload);

    /// <summary>Stops every listener and closes every connection; pending replies are abandoned.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        await _discovery.DisposeAsync().ConfigureAwait(false);
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

    public override string ToString() => $"{Options.Name} ({Family}) at {Address}";
}
