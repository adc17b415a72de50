using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Creality;

/// <summary>Thread-safe tallies the tests read to prove how a client behaved with a virtual Creality printer.</summary>
internal sealed class CrealityCounters
{
    // The request log, per-key tallies and their waiters change together under this gate.
    private readonly CommandLog<CrealityReceivedRequest, string> _requests = new(r => r.Key, System.StringComparer.Ordinal);
    private readonly object _gcodeGate = new();
    private List<string> _gcode = new();
    private int _connectionIds;
    private int _openWebSockets;
    private int _totalWebSockets;
    private int _heartbeatsAnswered;
    private int _closedAfterStart;
    private int _uploadsCompleted;
    private int _uploadsRejected;
    private long _uploadBytes;
    private string? _lastUploadMd5Header;
    private int _jobsStarted;
    private string? _lastStartRequest;
    private int _mdnsRepliesSent;
    private int _cameraConnections;

    public int OpenWebSockets => Volatile.Read(ref _openWebSockets);
    public int TotalWebSockets => Volatile.Read(ref _totalWebSockets);
    public int HeartbeatsAnswered => Volatile.Read(ref _heartbeatsAnswered);
    public int ClosedAfterStart => Volatile.Read(ref _closedAfterStart);
    public int UploadsCompleted => Volatile.Read(ref _uploadsCompleted);
    public int UploadsRejected => Volatile.Read(ref _uploadsRejected);
    public long UploadBytesReceived => Interlocked.Read(ref _uploadBytes);
    public string? LastUploadMd5Header => Volatile.Read(ref _lastUploadMd5Header);
    public int JobsStarted => Volatile.Read(ref _jobsStarted);
    public string? LastStartRequest => Volatile.Read(ref _lastStartRequest);
    public int MdnsRepliesSent => Volatile.Read(ref _mdnsRepliesSent);
    public int CameraConnections => Volatile.Read(ref _cameraConnections);

    /// <summary>A copy, so the caller can enumerate while sockets keep adding.</summary>
    public IReadOnlyList<CrealityReceivedRequest> ReceivedRequests => _requests.Snapshot();

    public IReadOnlyList<string> GcodeReceived
    {
        get
        {
            lock (_gcodeGate)
            {
                return _gcode.ToArray();
            }
        }
    }

    /// <summary>Numbers WebSockets from 1 for <see cref="CrealityReceivedRequest.Connection"/>; never reset.</summary>
    public int NextConnectionId() => Interlocked.Increment(ref _connectionIds);

    public void WebSocketOpened()
    {
        Interlocked.Increment(ref _openWebSockets);
        Interlocked.Increment(ref _totalWebSockets);
    }

    public void WebSocketClosed() => Interlocked.Decrement(ref _openWebSockets);

    public void RequestReceived(int connection, string method, string key, string json) =>
        _requests.Add(sequence => new CrealityReceivedRequest(sequence, connection, method, key, json));

    /// <summary>Completes once <paramref name="count"/> requests with this key arrived since the start (or the last reset).</summary>
    public Task WhenRequestReceived(string key, int count, CancellationToken ct) => _requests.WhenReached(key, count, ct);

    public void HeartbeatAnswered() => Interlocked.Increment(ref _heartbeatsAnswered);

    public void SocketClosedAfterStart() => Interlocked.Increment(ref _closedAfterStart);

    public void UploadReceived(long bytes, string? md5Header)
    {
        Interlocked.Add(ref _uploadBytes, bytes);
        Volatile.Write(ref _lastUploadMd5Header, md5Header);
    }

    public void UploadCompleted() => Interlocked.Increment(ref _uploadsCompleted);

    public void UploadRejected() => Interlocked.Increment(ref _uploadsRejected);

    public void JobStarted(string request)
    {
        Volatile.Write(ref _lastStartRequest, request);
        Interlocked.Increment(ref _jobsStarted);
    }

    public void GcodeCommand(string gcode)
    {
        lock (_gcodeGate)
        {
            _gcode.Add(gcode);
        }
    }

    public void MdnsReplySent() => Interlocked.Increment(ref _mdnsRepliesSent);

    public void CameraConnectionAccepted() => Interlocked.Increment(ref _cameraConnections);

    /// <summary>Zeroes the tallies; the live count of open sockets stays.</summary>
    public void Reset()
    {
        _requests.Reset();
        lock (_gcodeGate)
        {
            _gcode = new List<string>();
        }

        Interlocked.Exchange(ref _totalWebSockets, 0);
        Interlocked.Exchange(ref _heartbeatsAnswered, 0);
        Interlocked.Exchange(ref _closedAfterStart, 0);
        Interlocked.Exchange(ref _uploadsCompleted, 0);
        Interlocked.Exchange(ref _uploadsRejected, 0);
        Interlocked.Exchange(ref _uploadBytes, 0);
        Volatile.Write(ref _lastUploadMd5Header, null);
        Interlocked.Exchange(ref _jobsStarted, 0);
        Volatile.Write(ref _lastStartRequest, null);
        Interlocked.Exchange(ref _mdnsRepliesSent, 0);
        Interlocked.Exchange(ref _cameraConnections, 0);
    }
}
