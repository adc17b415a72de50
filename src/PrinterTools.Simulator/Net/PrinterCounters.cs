using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Net;

/// <summary>Thread-safe tallies the tests read to prove how a client behaved.</summary>
internal sealed class PrinterCounters
{
    // The farm's counters, when this printer is part of one: connections count there too, so a
    // test can see how many printers a client served at once.
    private readonly PrinterCounters? _farm;

    public PrinterCounters(PrinterCounters? farm = null) => _farm = farm;

    private readonly CommandLog<ReceivedCommand, string> _commands = new(c => c.Code, StringComparer.Ordinal);
    private int _connectionIds;
    private int _stateChangingCommands;
    private int _commandsRefusedWithoutControl;
    private long _bytesAfterRefusedUpload;
    private int _jobsCancelled;
    private int _openConnections;
    private int _maxConcurrentConnections;
    private int _totalConnections;
    private int _openHttpRequests;
    private int _commandsBeingAnswered;
    private int _maxCommandsBeingAnswered;
    private int _maxConcurrentHttpRequests;
    private int _controlsHeld;
    private int _maxControlsHeld;
    private int _httpRequests;
    private int _httpConnections;
    private int _cameraConnections;
    private int _controlReleases;
    private int _discoveryRepliesSent;
    private int _uploadsCompleted;
    private int _uploadsRejected;
    private long _bytesReceived;
    private int _jobsStarted;
    private int _cameraClients;
    private int _commandsSentBeforeReply;
    private int _chunkedRequestsRefused;
    private int _discoveryRepliesFailed;

    public int OpenConnections => Volatile.Read(ref _openConnections);
    public int MaxConcurrentConnections => Volatile.Read(ref _maxConcurrentConnections);
    public int TotalConnections => Volatile.Read(ref _totalConnections);
    public int MaxConcurrentHttpRequests => Volatile.Read(ref _maxConcurrentHttpRequests);

    /// <summary>
    /// Most control sessions (M601 to M602 or close) held at once. Unlike connections, which the
    /// printer sees close a moment after the client closed them, a release is seen before the
    /// client can start its next session: the count is exact.
    /// </summary>
    public int MaxConcurrentControlSessions => Volatile.Read(ref _maxControlsHeld);
    /// <summary>
    /// Most console commands waiting for their reply at once, over every connection: a client with
    /// one command in flight per printer shows here how many printers it served at once, exactly.
    /// </summary>
    public int MaxConcurrentCommands => Volatile.Read(ref _maxCommandsBeingAnswered);
    public int HttpRequests => Volatile.Read(ref _httpRequests);
    public int HttpConnections => Volatile.Read(ref _httpConnections);
    public int CameraConnections => Volatile.Read(ref _cameraConnections);
    public int ControlReleases => Volatile.Read(ref _controlReleases);
    public int DiscoveryRepliesSent => Volatile.Read(ref _discoveryRepliesSent);
    public int UploadsCompleted => Volatile.Read(ref _uploadsCompleted);
    public int UploadsRejected => Volatile.Read(ref _uploadsRejected);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public int JobsStarted => Volatile.Read(ref _jobsStarted);
    public int CameraClients => Volatile.Read(ref _cameraClients);
    public int StateChangingCommands => Volatile.Read(ref _stateChangingCommands);
    public int CommandsRefusedWithoutControl => Volatile.Read(ref _commandsRefusedWithoutControl);
    public long BytesReceivedAfterRefusedUpload => Interlocked.Read(ref _bytesAfterRefusedUpload);
    public int JobsCancelled => Volatile.Read(ref _jobsCancelled);

    /// <summary>
    /// Console command lines that arrived on a connection while an earlier command on it was unanswered: a
    /// client must wait for each "ok" (notes §2.2, "One command in flight").
    /// </summary>
    public int CommandsSentBeforeReply => Volatile.Read(ref _commandsSentBeforeReply);

    /// <summary>HTTP requests refused with 411 because they carried no Content-Length (chunked bodies).</summary>
    public int ChunkedRequestsRefused => Volatile.Read(ref _chunkedRequestsRefused);

    /// <summary>Discovery replies that could not be sent, even after the retries of a full buffer.</summary>
    public int DiscoveryRepliesFailed => Volatile.Read(ref _discoveryRepliesFailed);

    /// <summary>Raised for each command line as it arrives, before the printer acts on it; on the connection's thread.</summary>
    public event Action<ReceivedCommand>? CommandArrived;

    /// <summary>A copy, so the caller can enumerate while connections keep adding.</summary>
    public IReadOnlyList<ReceivedCommand> CommandLog => _commands.Snapshot();

    public IReadOnlyList<string> ReceivedCommands => CommandLog.Select(c => c.Text).ToArray();

    /// <summary>Numbers connections from 1 for <see cref="ReceivedCommand.Connection"/>; never reset.</summary>
    public int NextConnectionId() => Interlocked.Increment(ref _connectionIds);

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _totalConnections);
        Gauge.RaiseMax(ref _maxConcurrentConnections, Interlocked.Increment(ref _openConnections));
        _farm?.ConnectionOpened();
    }

    public void ConnectionClosed()
    {
        Interlocked.Decrement(ref _openConnections);
        _farm?.ConnectionClosed();
    }

    public void ControlTaken()
    {
        Gauge.RaiseMax(ref _maxControlsHeld, Interlocked.Increment(ref _controlsHeld));
        _farm?.ControlTaken();
    }

    public void ControlGiven()
    {
        Interlocked.Decrement(ref _controlsHeld);
        _farm?.ControlGiven();
    }

    public void CommandAnswerStarted()
    {
        Gauge.RaiseMax(ref _maxCommandsBeingAnswered, Interlocked.Increment(ref _commandsBeingAnswered));
        _farm?.CommandAnswerStarted();
    }

    public void CommandAnswerEnded()
    {
        Interlocked.Decrement(ref _commandsBeingAnswered);
        _farm?.CommandAnswerEnded();
    }

    public void HttpRequestStarted()
    {
        Interlocked.Increment(ref _httpRequests);
        Gauge.RaiseMax(ref _maxConcurrentHttpRequests, Interlocked.Increment(ref _openHttpRequests));
        _farm?.HttpRequestStarted();
    }

    /// <summary>A camera connection accepted (snapshot or stream).</summary>
    public void CameraConnectionAccepted() => Interlocked.Increment(ref _cameraConnections);

    /// <summary>A request that came on a connection not seen before.</summary>
    public void HttpConnectionOpened()
    {
        Interlocked.Increment(ref _httpConnections);
        _farm?.HttpConnectionOpened();
    }

    public void HttpRequestEnded()
    {
        Interlocked.Decrement(ref _openHttpRequests);
        _farm?.HttpRequestEnded();
    }

    public void CommandReceived(int connection, string code, string text, bool changesState, bool hadControl)
    {
        var command = _commands.Add(sequence => new ReceivedCommand(sequence, connection, code.ToUpperInvariant(), text, changesState, hadControl), logged =>
        {
            if (logged.ChangesState)
            {
                Interlocked.Increment(ref _stateChangingCommands);
            }

            if (logged.RefusedWithoutControl)
            {
                Interlocked.Increment(ref _commandsRefusedWithoutControl);
            }
        });
        CommandArrived?.Invoke(command);
    }

    /// <summary>Completes once <paramref name="count"/> commands with this code arrived since the start (or the last reset).</summary>
    public Task WhenCommandReceived(string code, int count, CancellationToken ct) => _commands.WhenReached(code.ToUpperInvariant(), count, ct);

    /// <summary>Data bytes a client sent after an M28 the printer refused: it must send none.</summary>
    public void BytesAfterRefusedUpload(long count) => Interlocked.Add(ref _bytesAfterRefusedUpload, count);

    public void JobCancelled() => Interlocked.Increment(ref _jobsCancelled);

    public void CommandSentBeforeReply()
    {
        Interlocked.Increment(ref _commandsSentBeforeReply);
        _farm?.CommandSentBeforeReply();
    }

    public void ChunkedRequestRefused()
    {
        Interlocked.Increment(ref _chunkedRequestsRefused);
        _farm?.ChunkedRequestRefused();
    }

    public void DiscoveryReplyFailed() => Interlocked.Increment(ref _discoveryRepliesFailed);

    public void ControlReleased() => Interlocked.Increment(ref _controlReleases);

    public void DiscoveryReplySent() => Interlocked.Increment(ref _discoveryRepliesSent);

    public void UploadCompleted() => Interlocked.Increment(ref _uploadsCompleted);

    public void UploadRejected() => Interlocked.Increment(ref _uploadsRejected);

    /// <summary>Upload bytes as they arrive: TCP packet data, HTTP request body.</summary>
    public void UploadBytesReceived(long count) => Interlocked.Add(ref _bytesReceived, count);

    public void JobStarted() => Interlocked.Increment(ref _jobsStarted);

    public void CameraClientOpened() => Interlocked.Increment(ref _cameraClients);

    public void CameraClientClosed() => Interlocked.Decrement(ref _cameraClients);

    /// <summary>Zeroes the tallies; the maxima restart from what is open right now (CameraClients is a live count, kept).</summary>
    public void Reset()
    {
        _commands.Reset();

        Interlocked.Exchange(ref _stateChangingCommands, 0);
        Interlocked.Exchange(ref _commandsRefusedWithoutControl, 0);
        Interlocked.Exchange(ref _bytesAfterRefusedUpload, 0);
        Interlocked.Exchange(ref _jobsCancelled, 0);

        Interlocked.Exchange(ref _totalConnections, 0);
        Interlocked.Exchange(ref _maxConcurrentConnections, OpenConnections);
        Interlocked.Exchange(ref _maxControlsHeld, Volatile.Read(ref _controlsHeld));
        Interlocked.Exchange(ref _httpRequests, 0);
        Interlocked.Exchange(ref _httpConnections, 0);
        Interlocked.Exchange(ref _cameraConnections, 0);
        Interlocked.Exchange(ref _maxConcurrentHttpRequests, Volatile.Read(ref _openHttpRequests));
        Interlocked.Exchange(ref _maxCommandsBeingAnswered, Volatile.Read(ref _commandsBeingAnswered));
        Interlocked.Exchange(ref _controlReleases, 0);
        Interlocked.Exchange(ref _discoveryRepliesSent, 0);
        Interlocked.Exchange(ref _uploadsCompleted, 0);
        Interlocked.Exchange(ref _uploadsRejected, 0);
        Interlocked.Exchange(ref _bytesReceived, 0);
        Interlocked.Exchange(ref _jobsStarted, 0);
        Interlocked.Exchange(ref _commandsSentBeforeReply, 0);
        Interlocked.Exchange(ref _chunkedRequestsRefused, 0);
        Interlocked.Exchange(ref _discoveryRepliesFailed, 0);
    }
}
