using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Simulator.Http;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Elegoo;

/// <summary>
/// <c>POST /uploadFile/upload</c> (notes §6.1): one multipart request per chunk with S-File-MD5, Check, Offset,
/// Uuid, TotalSize and File. Every good chunk is answered success, even when the file will fail its MD5 later;
/// the last one (Offset + length == TotalSize) starts the verification: CurrentStatus [8]/[2] for
/// FileCheckDuration, then the file is stored under /local, or discarded with an sdcp/error ErrorCode 1.
/// </summary>
internal sealed class SdcpUploadEndpoint
{
    private readonly ElegooPrinterOptions _options;
    private readonly ElegooFileStore _files;
    private readonly ElegooCounters _counters;
    private readonly SdcpUploads _uploads;
    private readonly SdcpSessions _sessions;
    private readonly StatusPusher _pusher;
    private readonly CancellationToken _stop;

    public SdcpUploadEndpoint(ElegooPrinterOptions options, ElegooFileStore files, ElegooCounters counters, SdcpUploads uploads,
        SdcpSessions sessions, StatusPusher pusher, CancellationToken stop)
    {
        _options = options;
        _files = files;
        _counters = counters;
        _uploads = uploads;
        _sessions = sessions;
        _pusher = pusher;
        _stop = stop;
    }

    /// <summary>The chunk's answer; every failure answer counts as a rejected upload.</summary>
    public HttpReply Handle(HttpRequestHead head, byte[] body)
    {
        if (_options.Fault == ElegooFault.UploadErrorBody)
        {
            return Fail(UploadReplies.Failure(-3));
        }

        var parts = new List<MultipartPart>();
        if (MultipartBody.Boundary(head.Header("Content-Type")) is not string boundary || !MultipartBody.TryReadParts(body, boundary, parts))
        {
            return Fail(UploadReplies.Failure(-4));
        }

        string? Field(string name) => parts.Where(p => p.FormName == name && p.FileName is null)
            .Select(p => Encoding.UTF8.GetString(body.AsSpan(p.Content)).Trim()).FirstOrDefault(v => v.Length > 0);
        MultipartPart? file = parts.FirstOrDefault(p => p.FormName == "File" && p.FileName is not null);
        foreach (string required in new[] { "S-File-MD5", "Check", "Offset", "Uuid", "TotalSize" })
        {
            if (Field(required) is null)
            {
                return Fail(UploadReplies.Missing(required));
            }
        }

        if (file is not MultipartPart filePart)
        {
            return Fail(UploadReplies.Missing("File"));
        }

        byte[] chunk = body.AsSpan(filePart.Content).ToArray();
        _counters.UploadChunkReceived(chunk.Length);
        string name = filePart.FileName!;
        if (!FileNames.IsValid(name) || !ElegooFileStore.Supports(_options.Family, name))
        {
            return Fail(UploadReplies.Failure(-4)); // §6.1: only SupportFileType is accepted
        }

        if (!long.TryParse(Field("Offset"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long offset)
            || !long.TryParse(Field("TotalSize"), NumberStyles.None, CultureInfo.InvariantCulture, out long total))
        {
            return Fail(UploadReplies.Failure(-4));
        }

        if (offset < 0)
        {
            return Fail(UploadReplies.Failure(-1));
        }

        var fresh = new PartialUpload(Field("Uuid")!, name, Field("S-File-MD5")!.ToLowerInvariant(), Field("Check") != "0", total);
        int failure = _uploads.Append(fresh, offset, chunk, out PartialUpload? finished);
        if (failure != 0)
        {
            return Fail(UploadReplies.Failure(failure));
        }

        if (finished is not null)
        {
            _ = VerifyAsync(finished);
        }

        return UploadReplies.Success();
    }

    private HttpReply Fail(HttpReply reply)
    {
        _counters.UploadRejected();
        return reply;
    }

    /// <summary>The post-upload window, then the MD5 decides: stored and listed, or an sdcp/error to every client.</summary>
    private async Task VerifyAsync(PartialUpload upload)
    {
        try
        {
            await _pusher.PushIfChangedAsync().ConfigureAwait(false);
            await Task.Delay(_options.FileCheckDuration, _stop).ConfigureAwait(false);
            byte[] content = upload.Data.ToArray();
            if (SdcpFileCheck.Passes(upload, content, _options.Fault))
            {
                _files.Store(upload.Name, content);
                _options.UploadStored();
                _counters.UploadCompleted();
            }
            else
            {
                // §6.1: the error comes first (~1 s before the status change on the Mars 5 Ultra), the file is gone.
                _counters.UploadRejected();
                await _sessions.BroadcastAsync(SdcpFrames.Error(_options.Snapshot(), 1), _stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return; // the printer is being disposed
        }
        finally
        {
            _uploads.Checked(upload);
        }

        await _pusher.PushIfChangedAsync().ConfigureAwait(false);
    }
}
