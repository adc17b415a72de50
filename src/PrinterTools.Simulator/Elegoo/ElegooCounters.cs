using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>Thread-safe tallies the tests read to prove how a client behaved with a virtual Elegoo printer.</summary>
internal sealed class ElegooCounters
{
    // The command log, per-Cmd tallies and their waiters change together under this gate.
    private readonly CommandLog<SdcpReceivedCommand, int> _commands = new(c => c.Cmd);
    private int _connectionIds;
    private int _openWebSockets;
    private int _maxConcurrentWebSockets;
    private int _totalWebSockets;
    private int _refusedWebSockets;
    private int _idleClosures;
    private int _crashes;
    private int _uploadChunks;
    private int _uploadsCompleted;
    private int _uploadsRejected;
    private int _uploadHttpConnections;
    private long _uploadBytes;
    private int _jobsStarted;
    private string? _lastStartRequest;
    private int _cameraConnections;
    private int _openCameraConnections;
    private int _discoveryRepliesSent;

    public int OpenWebSockets => Volatile.Read(ref _openWebSockets);
    public int MaxConcurrentWebSockets => Volatile.Read(ref _maxConcurrentWebSockets);
    public int TotalWebSockets => Volatile.Read(ref _totalWebSockets);
    public int RefusedWebSockets => Volatile.Read(ref _refusedWebSockets);
    public int IdleClosures => Volatile.Read(ref _idleClosures);
    public int Crashes => Volatile.Read(ref _crashes);
    public int UploadChunks => Volatile.Read(ref _uploadChunks);
    public int UploadsCompleted => Volatile.Read(ref _uploadsCompleted);
    public int UploadsRejected => Volatile.Read(ref _uploadsRejected);
    public int UploadHttpConnections => Volatile.Read(ref _uploadHttpConnections);
    public long UploadBytesReceived => Interlocked.Read(ref _uploadBytes);
    public int JobsStarted => Volatile.Read(ref _jobsStarted);
    public string? LastStartRequest => Volatile.Read(ref _lastStartRequest);
    public int CameraConnections => Volatile.Read(ref _cameraConnections);
    public int OpenCameraConnections => Volatile.Read(ref _openCameraConnections);
    public int DiscoveryRepliesSent => Volatile.Read(ref _discoveryRepliesSent);

    /// <summary>A copy, so the caller can enumerate while sockets keep adding.</summary>
    public IReadOnlyList<SdcpReceivedCommand> ReceivedCommands => _commands.Snapshot();

    /// <summary>Numbers WebSockets from 1 for <see cref="SdcpReceivedCommand.Connection"/>; never reset.</summary>
    public int NextConnectionId() => Interlocked.Increment(ref _connectionIds);

    /// <summary>
    /// Takes a WebSocket slot when fewer than <paramref name="max"/> are open (§3.6); false: the handshake is refused.
    /// Check and take are one step, so two handshakes at once cannot both take the last slot.
    /// </summary>
    public bool TryOpenWebSocket(int max)
    {
        int open = Volatile.Read(ref _openWebSockets);
        while (open < max)
        {
            int seen = Interlocked.CompareExchange(ref _openWebSockets, open + 1, open);
            if (seen == open)
            {
                Interlocked.Increment(ref _totalWebSockets);
                Gauge.RaiseMax(ref _maxConcurrentWebSockets, open + 1);
                return true;
            }

            open = seen;
        }

        return false;
    }

    /// <summary>§3.6 "slots release immediately on close".</summary>
    public void WebSocketClosed() => Interlocked.Decrement(ref _openWebSockets);

    public void WebSocketRefused() => Interlocked.Increment(ref _refusedWebSockets);

    public void IdleClosed() => Interlocked.Increment(ref _idleClosures);

    public void Crashed() => Interlocked.Increment(ref _crashes);

    public void CommandReceived(int connection, int cmd, string data, string requestId) =>
        _commands.Add(sequence => new SdcpReceivedCommand(sequence, connection, cmd, data, requestId));

    /// <summary>Completes once <paramref name="count"/> requests with this Cmd arrived since the start (or the last reset).</summary>
    public Task WhenCommandReceived(int cmd, int count, CancellationToken ct) => _commands.WhenReached(cmd, count, ct);

    public void UploadChunkReceived(long bytes)
    {
        Interlocked.Increment(ref _uploadChunks);
        Interlocked.Add(ref _uploadBytes, bytes);
    }

    public void UploadCompleted() => Interlocked.Increment(ref _uploadsCompleted);

    public void UploadRejected() => Interlocked.Increment(ref _uploadsRejected);

    public void UploadConnectionOpened() => Interlocked.Increment(ref _uploadHttpConnections);

    public void JobStarted(string request)
    {
        Interlocked.Increment(ref _jobsStarted);
        Volatile.Write(ref _lastStartRequest, request);
    }

    public void CameraOpened()
    {
        Interlocked.Increment(ref _cameraConnections);
        Interlocked.Increment(ref _openCameraConnections);
    }

    public void CameraClosed() => Interlocked.Decrement(ref _openCameraConnections);

    public void DiscoveryReplySent() => Interlocked.Increment(ref _discoveryRepliesSent);

    /// <summary>Zeroes the tallies; live counts (open sockets and streams) stay, and the maximum restarts from them.</summary>
    public void Reset()
    {
        _commands.Reset();

        Interlocked.Exchange(ref _maxConcurrentWebSockets, OpenWebSockets);
        Interlocked.Exchange(ref _totalWebSockets, 0);
        Interlocked.Exchange(ref _refusedWebSockets, 0);
        Interlocked.Exchange(ref _idleClosures, 0);
        Interlocked.Exchange(ref _crashes, 0);
        Interlocked.Exchange(ref _uploadChunks, 0);
        Interlocked.Exchange(ref _uploadsCompleted, 0);
        Interlocked.Exchange(ref _uploadsRejected, 0);
        Interlocked.Exchange(ref _uploadHttpConnections, 0);
        Interlocked.Exchange(ref _uploadBytes, 0);
        Interlocked.Exchange(ref _jobsStarted, 0);
        Volatile.Write(ref _lastStartRequest, null);
        Interlocked.Exchange(ref _cameraConnections, 0);
        Interlocked.Exchange(ref _discoveryRepliesSent, 0);
    }
}
