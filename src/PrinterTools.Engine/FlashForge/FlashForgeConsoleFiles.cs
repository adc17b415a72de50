using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.Internal;
using PrinterTools.Vendors;

namespace PrinterTools.FlashForge;

/// <summary>
/// Files over the TCP 8899 console (notes §2.4, §2.5): M28 framed upload and M29, M23 start,
/// M661 file list and M662 thumbnail (binary bodies after "ok"). Uploads and starts need a
/// control session; listing and thumbnails are reads and need none.
/// </summary>
public static class FlashForgeConsoleFiles
{
    public const int PacketDataBytes = 4096;
    private const int PacketHeaderBytes = 16;
    private const uint PacketMagic = 0x5A5AA5A5;
    private const uint ThumbnailMagic = 0x2A2AA2A2;

    /// <summary>Largest thumbnail accepted; real ones are a few KB. A larger length is a broken frame.</summary>
    public const int MaxThumbnailBytes = 4 * 1024 * 1024;
    private const int MaxListedFiles = 10_000;
    private const int MaxListedNameBytes = 1024;

    /// <summary>
    /// Uploads a stream as 4112-byte packets (16-byte header with index, length and CRC-32, then
    /// 4096 data bytes, the last zero-padded), each acknowledged "N0000 ok.", then M29.
    /// Reads the source one packet at a time: memory stays flat whatever the size.
    /// </summary>
    public static Task UploadAsync(FlashForgeControlSession session, string name, Stream source, long size,
        IProgress<long>? progress, TimeSpan timeout, CancellationToken cancel)
    {
        var tcp = session.Console;
        // The whole upload is one exchange; each wait inside it is bounded by the same timeout.
        return tcp.RunExclusiveAsync("M28", System.Threading.Timeout.InfiniteTimeSpan, cancel, async token =>
        {
            var opened = await Step(tcp, timeout, token, t => tcp.SendCommandAsync($"M28 {size} {FlashForgeFileName.StoragePrefix}{name}", t)).ConfigureAwait(false);
            RequireWriting(tcp.Address, name, opened);
            await SendPacketsAsync(tcp, source, size, progress, timeout, token).ConfigureAwait(false);
            var done = await Step(tcp, timeout, token, t => tcp.SendCommandAsync("M29", t)).ConfigureAwait(false);
            if (!done.Any(l => l.StartsWith("Done saving", StringComparison.OrdinalIgnoreCase)))
            {
                throw new PrinterException(PrinterErrorKind.ProtocolError, tcp.Address,
                    $"{tcp.Address} did not save '{name}': '{FlashForgeTextParser.Printable(string.Join(" ", done))}'.");
            }
            return true;
        });
    }

    /// <summary>
    /// Every packet and its ack, in one async method with one buffer and two reused timeout
    /// sources, the ack parsed where it was received: a file of thousands of packets costs no
    /// allocation per packet on .NET Core (there, awaiting the socket allocates nothing).
    /// </summary>
    private static async Task SendPacketsAsync(FlashForgeTcpClient tcp, Stream source, long size, IProgress<long>? progress,
        TimeSpan timeout, CancellationToken token)
    {
        var packet = new byte[PacketHeaderBytes + PacketDataBytes];
        // Each packet and its ack is one step under the timeout, as Deadline would bound it, but
        // with sources re-armed per packet instead of new ones; Ctrl+C reaches the step by the link.
        var step = CancellationTokenSource.CreateLinkedTokenSource(token);
        // A packet is written whole even on Ctrl+C (bounded by the timeout alone), so the M602
        // that follows lands where the printer reads a command, not inside a packet.
        var writeWindow = new CancellationTokenSource();
        try
        {
            long sent = 0;
            for (uint index = 0; sent < size; index++)
            {
                var want = (int)Math.Min(PacketDataBytes, size - sent);
                var length = 0;
                while (length < want)
                {
                    var read = await StreamIo.ReadAsync(source, packet, PacketHeaderBytes + length, want - length, token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }
                    length += read;
                }
                if (length == 0)
                {
                    throw new IOException($"The local file ended after {sent} of {size} bytes.");
                }
                Array.Clear(packet, PacketHeaderBytes + length, PacketDataBytes - length);
                WriteUInt32(packet, 0, PacketMagic);
                WriteUInt32(packet, 4, index);
                WriteUInt32(packet, 8, (uint)length);
                WriteUInt32(packet, 12, Crc32.Compute(packet, PacketHeaderBytes, length));
                // Ctrl+C between two packets: no further packet starts.
                token.ThrowIfCancellationRequested();

                step.CancelAfter(timeout);
                writeWindow.CancelAfter(timeout);
                await tcp.WritePacketAsync(packet, writeWindow.Token).ConfigureAwait(false);
                Disarm(ref writeWindow, CancellationToken.None);
                ArraySegment<byte> ack;
                while (!tcp.TryPeekLine(out ack))
                {
                    tcp.Keep(await tcp.ReceiveAsync(step.Token).ConfigureAwait(false));
                }
                Disarm(ref step, token);
                if (!IsAck(ack, index))
                {
                    var said = FlashForgeTextParser.Printable(Encoding.UTF8.GetString(ack.Array!, ack.Offset, ack.Count).Trim());
                    tcp.ConsumeLine(ack);
                    throw new PrinterException(PrinterErrorKind.ProtocolError, tcp.Address,
                        $"{tcp.Address} did not accept upload packet {index}: '{said}'.");
                }
                tcp.ConsumeLine(ack);
                sent += length;
                progress?.Report(sent);
            }
        }
        // A cancellation the user did not ask for is the step's timeout or the write window's.
        catch (Exception e) when ((e is OperationCanceledException || step.IsCancellationRequested || writeWindow.IsCancellationRequested)
            && !token.IsCancellationRequested && e is not PrinterException)
        {
            throw new PrinterException(PrinterErrorKind.Timeout, tcp.Address,
                $"{tcp.Address} did not answer during the upload within {timeout.TotalSeconds:0.###} s.", e);
        }
        finally
        {
            step.Dispose();
            writeWindow.Dispose();
        }
    }

    /// <summary>
    /// Stops a step's timer once the step is done. A timer that fired in the instant between the
    /// answer and this call leaves the source cancelled for good: it is replaced (rarely).
    /// </summary>
    private static void Disarm(ref CancellationTokenSource source, CancellationToken link)
    {
        source.CancelAfter(System.Threading.Timeout.Infinite);
        if (source.IsCancellationRequested && !link.IsCancellationRequested)
        {
            source.Dispose();
            source = link.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(link) : new CancellationTokenSource();
        }
    }

    /// <summary>
    /// Whether a line is the ack of packet <paramref name="index"/>: "N", digits, optional
    /// whitespace, "ok", an optional ".", blanks around (CR among them). Read from the received
    /// bytes in place: a string and a regex match per packet are what this avoids.
    /// </summary>
    internal static bool IsAck(ArraySegment<byte> line, uint index)
    {
        var bytes = line.Array!;
        var i = line.Offset;
        var end = line.Offset + line.Count;
        while (end > i && IsBlank(bytes[end - 1]))
        {
            end--;
        }
        while (i < end && IsBlank(bytes[i]))
        {
            i++;
        }
        if (i == end || bytes[i++] != 'N')
        {
            return false;
        }
        var digitsStart = i;
        ulong number = 0;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9')
        {
            number = number * 10 + (uint)(bytes[i++] - '0');
            if (number > uint.MaxValue)
            {
                return false;
            }
        }
        if (i == digitsStart)
        {
            return false;
        }
        while (i < end && IsBlank(bytes[i]))
        {
            i++;
        }
        if (end - i < 2 || bytes[i] != 'o' || bytes[i + 1] != 'k')
        {
            return false;
        }
        i += 2;
        if (i < end && bytes[i] == '.')
        {
            i++;
        }
        return i == end && number == index;
    }

    private static bool IsBlank(byte b) => b == ' ' || b == '\t' || b == '\r';

    /// <summary>
    /// M28 is answered "Writing to file: 0:/user/&lt;name&gt;" when the printer takes the file (A3
    /// capture). Anything else ("Error: cannot open file", "Not enough space", nothing) ends the
    /// upload before one data byte is sent: the console would read the file as G-code lines.
    /// </summary>
    private static void RequireWriting(string address, string name, IReadOnlyList<string> reply)
    {
        if (reply.Any(l => l.StartsWith("Writing to file", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        var said = string.Join(" ", reply);
        var kind = said.IndexOf("space", StringComparison.OrdinalIgnoreCase) >= 0 ? PrinterErrorKind.StorageFull : PrinterErrorKind.ProtocolError;
        throw new PrinterException(kind, address,
            $"{address} refused the upload of '{name}': '{FlashForgeTextParser.Printable(said.Length == 0 ? "(no answer but ok)" : said)}'. Nothing of the file was sent.");
    }

    /// <summary>M23: opens the stored file and starts printing it (A3/A4/5M start on M23 alone).</summary>
    public static async Task StartAsync(FlashForgeControlSession session, string name, CancellationToken cancel)
    {
        var reply = await session.SendAsync($"M23 {FlashForgeFileName.StoragePrefix}{name}", cancel).ConfigureAwait(false);
        if (!reply.Any(l => l.StartsWith("File opened", StringComparison.OrdinalIgnoreCase)))
        {
            throw new PrinterException(PrinterErrorKind.ProtocolError, session.Address,
                $"{session.Address} did not open '{name}': '{FlashForgeTextParser.Printable(string.Join(" ", reply))}'.");
        }
    }

    /// <summary>M661: every file in the printer's storage (HTTP lists only the 10 most recent).</summary>
    public static Task<IReadOnlyList<string>> ListAsync(FlashForgeTcpClient tcp, TimeSpan timeout, CancellationToken cancel)
    {
        return tcp.RunExclusiveAsync("M661", timeout, cancel, async token =>
        {
            await tcp.SendCommandAsync("M661", token).ConfigureAwait(false);
            // Read the framing piece by piece, checking each length before reading that many bytes.
            using var body = new MemoryStream();
            var header = await tcp.ReadExactAsync(8, token).ConfigureAwait(false);
            body.Write(header, 0, 8);
            var offset = 4;
            var count = FlashForgeBinary.ReadUInt32(header, ref offset);
            if (count > MaxListedFiles)
            {
                throw new FormatException($"The file list claims {count} files.");
            }
            for (var i = 0; i < count; i++)
            {
                var entry = await tcp.ReadExactAsync(8, token).ConfigureAwait(false);
                offset = 4;
                var length = FlashForgeBinary.ReadUInt32(entry, ref offset);
                if (length > MaxListedNameBytes)
                {
                    throw new FormatException($"File list entry {i} claims a {length}-byte name.");
                }
                body.Write(entry, 0, 8);
                var nameBytes = await tcp.ReadExactAsync((int)length, token).ConfigureAwait(false);
                body.Write(nameBytes, 0, nameBytes.Length);
            }
            var names = new List<string>();
            foreach (var path in FlashForgeBinary.ParseFileList(body.ToArray()))
            {
                names.Add(PrinterFileName.FromPrinterPath(path));
            }
            return (IReadOnlyList<string>)names;
        });
    }

    /// <summary>M662: the stored file's thumbnail: "2A 2A A2 A2", u32 length, image bytes.</summary>
    public static Task<byte[]> ThumbnailAsync(FlashForgeTcpClient tcp, string name, TimeSpan timeout, CancellationToken cancel)
    {
        return tcp.RunExclusiveAsync("M662", timeout, cancel, async token =>
        {
            var reply = await tcp.SendCommandAsync($"M662 /data/{name}", token).ConfigureAwait(false);
            // No image follows an error line ("Error: File not exists" in the RE notes).
            if (reply.FirstOrDefault(l => l.StartsWith("Error", StringComparison.OrdinalIgnoreCase)) is { } error)
            {
                throw new PrinterException(PrinterErrorKind.FileNotFound, tcp.Address, $"{tcp.Address} has no thumbnail of '{name}': {FlashForgeTextParser.Printable(error)}");
            }
            var header = await tcp.ReadExactAsync(8, token).ConfigureAwait(false);
            var offset = 0;
            if (FlashForgeBinary.ReadUInt32(header, ref offset) != ThumbnailMagic)
            {
                throw new FormatException($"The thumbnail of '{name}' does not start with the marker 2A 2A A2 A2.");
            }
            var length = FlashForgeBinary.ReadUInt32(header, ref offset);
            if (length == 0 || length > MaxThumbnailBytes)
            {
                throw new FormatException($"The thumbnail of '{name}' claims {length} bytes; at most {MaxThumbnailBytes} are accepted.");
            }
            return await tcp.ReadExactAsync((int)length, token).ConfigureAwait(false);
        });
    }

    /// <summary>One step of the upload (a command, or a packet and its ack) under the per-step timeout.</summary>
    private static Task<T> Step<T>(FlashForgeTcpClient tcp, TimeSpan timeout, CancellationToken token, Func<CancellationToken, Task<T>> step) =>
        Deadline.RunAsync(tcp.Address, "during the upload", timeout, token, step);

    private static void WriteUInt32(byte[] data, int offset, uint value)
    {
        data[offset] = (byte)(value >> 24);
        data[offset + 1] = (byte)(value >> 16);
        data[offset + 2] = (byte)(value >> 8);
        data[offset + 3] = (byte)value;
    }
}
