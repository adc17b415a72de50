using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Internal;

/// <summary>
/// A stream of known length as an HTTP body, read from the source as it is sent and each read
/// counted (progress, idle timeouts). Knowing the length is the point: over a non-seekable stream
/// StreamContent goes out chunked on .NET Core and is buffered whole in memory on .NET Framework,
/// and the small HTTP servers of printers may refuse chunked bodies (411 Length Required).
/// </summary>
internal sealed class CountingContent : HttpContent
{
    private const int BufferBytes = 64 * 1024;

    private readonly Stream _source;
    private readonly long _length;
    private readonly Action<long> _onRead;
    private readonly CancellationToken _token;

    public CountingContent(Stream source, long length, Action<long> onRead, CancellationToken token)
    {
        _source = source;
        _length = length;
        _onRead = onRead;
        _token = token;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var buffer = new byte[(int)Math.Max(1, Math.Min(BufferBytes, _length))];
        long total = 0;
        // Exactly the promised length: more would break the framing, less would leave the server waiting.
        while (total < _length)
        {
            var read = await StreamIo.ReadAsync(_source, buffer, 0, (int)Math.Min(buffer.Length, _length - total), _token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"The local file ended after {total} of {_length} bytes.");
            }
            total += read;
            _onRead(total);
            await StreamIo.WriteAsync(stream, buffer, 0, read, _token).ConfigureAwait(false);
        }
    }
}
