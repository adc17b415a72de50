using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PrinterTools.Simulator.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection read by hand: request heads up to their blank line, bodies by
/// Content-Length, with the bytes read ahead kept for the next request (or for the WebSocket after an upgrade).
/// </summary>
internal sealed class HttpConnection
{
    public const int MaxHeadBytes = 16 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public HttpConnection(Stream stream) => _stream = stream;

    /// <summary>The next request's head; null when the client closed (or sent something that is not a request).</summary>
    public async Task<HttpRequestHead?> ReadHeadAsync(CancellationToken ct)
    {
        while (true)
        {
            int end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                HttpRequestHead? head = HttpRequestHead.Parse(_buffer.AsSpan(_start, end));
                _start += end + 4;
                return head;
            }

            if (_end - _start >= MaxHeadBytes || !await FillAsync(ct).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    /// <summary>Exactly <paramref name="length"/> body bytes; an IOException when the client closes first.</summary>
    public async Task<byte[]> ReadBodyAsync(int length, CancellationToken ct)
    {
        var body = new byte[length];
        int have = 0;
        while (have < length)
        {
            have += await ReadSomeAsync(body.AsMemory(have), ct).ConfigureAwait(false) is > 0 and var read
                ? read
                : throw new IOException("The client closed the connection in the middle of a request body.");
        }

        return body;
    }

    /// <summary>Reads whatever is buffered, or one read from the socket; 0 at the end of the stream.</summary>
    public async Task<int> ReadSomeAsync(Memory<byte> into, CancellationToken ct)
    {
        if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
        {
            return 0;
        }

        int count = Math.Min(into.Length, _end - _start);
        _buffer.AsMemory(_start, count).CopyTo(into);
        _start += count;
        return count;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await _stream.WriteAsync(bytes, ct).ConfigureAwait(false);
        await _stream.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The connection's stream for another protocol (the WebSocket): bytes read ahead come first.</summary>
    public Stream TakeOver() => new PrefixedStream(_buffer.AsSpan(_start, _end - _start).ToArray(), _stream);

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        int read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
