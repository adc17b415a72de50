using System.Collections.Generic;
using System.Threading;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// Uploads under way (by Uuid) and finished ones being verified. What the status shows (CurrentStatus [8]/[2]
/// while verifying, §6.1) and what Cmd 255 acts on.
/// </summary>
internal sealed class SdcpUploads
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PartialUpload> _open = new();
    private readonly HashSet<string> _checking = new();
    private int _checkingCount;

    /// <summary>A finished upload is being verified now.</summary>
    public bool Checking => Volatile.Read(ref _checkingCount) > 0;

    /// <summary>Some upload has received chunks and is not complete (the CloseMidUpload fault cuts the next one).</summary>
    public bool AnyUnderWay
    {
        get
        {
            lock (_gate)
            {
                return _open.Count > 0;
            }
        }
    }

    /// <summary>
    /// Adds one chunk at <paramref name="offset"/>. An offset of 0 starts (or restarts) the upload; any other must
    /// equal the bytes received so far for that Uuid (§5: else -2). Returns the failure message code, or 0 with
    /// <paramref name="finished"/> set when the chunk completed the file (Offset + length == TotalSize).
    /// </summary>
    public int Append(PartialUpload fresh, long offset, byte[] chunk, out PartialUpload? finished)
    {
        finished = null;
        lock (_gate)
        {
            if (offset == 0)
            {
                _open[fresh.Uuid] = fresh;
            }

            if (!_open.TryGetValue(fresh.Uuid, out PartialUpload? upload) || upload.Received != offset)
            {
                return -2;
            }

            if (offset + chunk.Length > upload.TotalSize)
            {
                _open.Remove(upload.Uuid);
                return -4;
            }

            upload.Data.Write(chunk);
            if (upload.Received == upload.TotalSize)
            {
                _open.Remove(upload.Uuid);
                _checking.Add(upload.Uuid);
                Interlocked.Increment(ref _checkingCount);
                finished = upload;
            }

            return 0;
        }
    }

    /// <summary>The verification of <paramref name="upload"/> is over.</summary>
    public void Checked(PartialUpload upload)
    {
        lock (_gate)
        {
            _checking.Remove(upload.Uuid);
            Interlocked.Decrement(ref _checkingCount);
        }
    }

    /// <summary>Cmd 255 (§5): 0 terminated, 1 not transferring, 2 already checking.</summary>
    public int Terminate(string? uuid)
    {
        lock (_gate)
        {
            if (uuid is not null && _open.Remove(uuid))
            {
                return 0;
            }

            return uuid is not null && _checking.Contains(uuid) ? 2 : 1;
        }
    }
}
