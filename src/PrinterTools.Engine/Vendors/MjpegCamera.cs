using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;

namespace PrinterTools.Vendors;

/// <summary>
/// A snapshot from a printer's MJPEG stream (FlashForge's mjpg-streamer, the Centauri Carbon's
/// :3031/video): the first complete JPEG in the stream, checked by its structure from FF D8 to
/// FF D9. The stream is closed as soon as the frame is in: some cameras leak a slot for every
/// stream left open.
/// </summary>
public static class MjpegCamera
{
    public const int MaxFrameBytes = 8 * 1024 * 1024;

    // No redirects: a printer's answer must not send us to another host.
    private static readonly HttpClient Http = new(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    /// <param name="path">The stream's path and query, "/?action=stream" or "/video".</param>
    public static Task<byte[]> SnapshotAsync(string address, int port, string path, TimeSpan timeout, CancellationToken cancel) =>
        Deadline.RunAsync(address, "a camera frame", timeout, cancel, async token =>
        {
            var uri = new Uri($"http://{address}:{port}{path}");
            try
            {
                using var response = await Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new PrinterException(PrinterErrorKind.NotSupported, address, $"{address} serves no camera stream (HTTP {(int)response.StatusCode}).");
                }
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using (token.Register(() => stream.Dispose()))
                {
                    return await FirstJpegAsync(address, stream, token).ConfigureAwait(false);
                }
            }
            catch (HttpRequestException e) when (!token.IsCancellationRequested)
            {
                // .NET's message can quote the camera's status or header line.
                throw new PrinterException(PrinterErrorKind.NotSupported, address, $"{address} has no camera stream on port {port}: {PrinterText.Clean(e.Message)}", e);
            }
            catch (IOException e) when (!token.IsCancellationRequested)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address}: the camera stream broke off: {PrinterText.Clean(e.Message)}", e);
            }
        });

    /// <summary>
    /// Finds the first JPEG in the stream (part headers and boundaries before it are skipped) and
    /// reads it by its structure; bytes that only look like a JPEG at both ends are refused.
    /// </summary>
    public static async Task<byte[]> FirstJpegAsync(string address, Stream stream, CancellationToken token)
    {
        var buffer = new byte[16 * 1024];
        using var frame = new MemoryStream();
        var structure = new JpegStructure();
        var previous = -1;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address}: the camera stream ended before a whole JPEG frame.");
            }
            var start = 0;
            if (frame.Length == 0)
            {
                // Still looking for FF D8.
                for (; start < read && !(previous == 0xFF && buffer[start] == 0xD8); start++)
                {
                    previous = buffer[start];
                }
                if (start == read)
                {
                    continue;
                }
                frame.WriteByte(0xFF);
            }
            frame.Write(buffer, start, read - start);
            if (frame.Length > MaxFrameBytes)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address}: a camera frame is larger than {MaxFrameBytes} bytes.");
            }
            int end;
            try
            {
                end = structure.Advance(frame.GetBuffer(), (int)frame.Length);
            }
            catch (FormatException e)
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, address, $"{address}: the camera sent something that is not a JPEG picture ({e.Message}).", e);
            }
            if (end > 0)
            {
                var picture = new byte[end];
                Buffer.BlockCopy(frame.GetBuffer(), 0, picture, 0, end);
                return picture;
            }
        }
    }
}
