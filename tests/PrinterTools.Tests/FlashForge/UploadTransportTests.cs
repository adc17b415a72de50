using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PrinterTools.FlashForge;
using Xunit;

namespace PrinterTools.Tests.FlashForge;

/// <summary>
/// Both upload transports against raw loopback fakes on 127.R.110.x that see the bytes as a
/// printer would: the HTTP request as framed on the wire, the console's packets one by one.
/// </summary>
public sealed class UploadTransportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("printertools-upload-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task HttpUpload_SendsContentLength_NotChunked_WithTheFileWhole()
    {
        var address = TestNet.At("110.10");
        var content = RandomBytes(300_000 + 17, seed: 1);
        var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        try
        {
            var server = Task.Run(() => ReceiveOneHttpRequestAsync(listener));
            var options = new FlashForgeConnectionOptions(address)
            {
                HttpPort = ((IPEndPoint)listener.LocalEndpoint).Port,
                Credential = new NetworkCredential("SN0001", "12345678"),
                Timeout = TimeSpan.FromSeconds(10),
            };
            var progress = new Recorder();
            await using (var source = OpenLike(content))
            {
                var headers = FlashForgeHttpFiles.UploadHeaders(content.Length, printNow: false, levelBed: false, newFirmware: true);
                await TestGuard.AgainstHangAsync(
                    FlashForgeHttpClient.UploadAsync(options, "SN0001", "part.gx", source, content.Length, headers, progress, CancellationToken.None),
                    "the HTTP upload");
            }
            var (head, body) = await TestGuard.AgainstHangAsync(server, "the fake HTTP server");

            var lines = head.Split("\r\n");
            Assert.Equal(body.Length.ToString(), Header(lines, "Content-Length"));
            Assert.Null(Header(lines, "Transfer-Encoding"));
            Assert.Equal("SN0001", Header(lines, "serialNumber"));
            // The part framed as before the length was known: unquoted boundary (as curl sends it
            // in the real capture), quoted names, the part's own Content-Length.
            var contentType = Header(lines, "Content-Type")!;
            Assert.StartsWith("multipart/form-data; boundary=------------------------", contentType);
            var boundary = contentType.Substring("multipart/form-data; boundary=".Length);
            var expected = Encoding.ASCII.GetBytes(
                    $"--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Length: {content.Length}\r\n"
                    + "Content-Disposition: form-data; name=\"gcodeFile\"; filename=\"part.gx\"\r\n\r\n")
                .Concat(content)
                .Concat(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n"))
                .ToArray();
            Assert.Equal(expected, body);
            Assert.Equal(content.Length, progress.Last);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("110.20", false)]
    [InlineData("110.21", true)]
    public async Task ConsoleUpload_IsStoredByteForByte(string lastTwo, bool taskBasedIo)
    {
        // Not a whole number of packets: the last one is padded.
        var content = RandomBytes(40 * FlashForgeConsoleFiles.PacketDataBytes + 123, seed: 2);
        await using var fake = FakeConsole.Start(TestNet.At(lastTwo));
        // Every other ack arrives in two writes, so that some reads end inside a line.
        fake.Ack = index => index % 2 == 0 ? new[] { $"N{index:D4} ok.\r\n" } : new[] { "N0", $"{index:D3} ok.\r\n" };
        var progress = new Recorder();

        var session = await fake.OpenSessionAsync(taskBasedIo);
        await using (var source = OpenLike(content))
        {
            await TestGuard.AgainstHangAsync(
                FlashForgeConsoleFiles.UploadAsync(session, "part.gx", source, content.Length, progress, TimeSpan.FromSeconds(10), CancellationToken.None),
                "the console upload");
        }
        await session.ReleaseAsync(afterFault: false);

        Assert.Equal(content, fake.Stored.ToArray());
        Assert.Equal(41, fake.Packets);
        Assert.Equal(new[] { "~M601 S1", $"~M28 {content.Length} 0:/user/part.gx", "~M29", "~M602" }, fake.Commands);
        Assert.Equal(content.Length, progress.Last);
    }

    [Theory]
    [InlineData("110.22", false)]
    [InlineData("110.23", true)]
    public async Task ConsoleUpload_AckOfAnotherPacket_IsAProtocolError(string lastTwo, bool taskBasedIo)
    {
        var content = RandomBytes(8 * FlashForgeConsoleFiles.PacketDataBytes, seed: 3);
        await using var fake = FakeConsole.Start(TestNet.At(lastTwo));
        fake.Ack = index => new[] { $"N{(index == 2 ? 3 : index):D4} ok.\r\n" };

        var session = await fake.OpenSessionAsync(taskBasedIo);
        PrinterException error;
        await using (var source = OpenLike(content))
        {
            error = await TestGuard.AgainstHangAsync(Assert.ThrowsAsync<PrinterException>(() =>
                FlashForgeConsoleFiles.UploadAsync(session, "part.gx", source, content.Length, null, TimeSpan.FromSeconds(10), CancellationToken.None)),
                "the console upload");
        }
        await session.ReleaseAsync(afterFault: true);

        Assert.Equal(PrinterErrorKind.ProtocolError, error.Kind);
        Assert.Contains("did not accept upload packet 2: 'N0003 ok.'", error.Message);
        Assert.Equal(3, fake.Packets); // nothing after the packet that was not accepted
    }

    [Theory]
    [InlineData("110.24", false)]
    [InlineData("110.25", true)]
    public async Task ConsoleUpload_ConsoleThatStopsAcking_IsATimeout(string lastTwo, bool taskBasedIo)
    {
        var content = RandomBytes(8 * FlashForgeConsoleFiles.PacketDataBytes, seed: 4);
        await using var fake = FakeConsole.Start(TestNet.At(lastTwo));
        fake.Ack = index => index == 3 ? null : new[] { $"N{index:D4} ok.\r\n" };

        var session = await fake.OpenSessionAsync(taskBasedIo);
        PrinterException error;
        await using (var source = OpenLike(content))
        {
            // The timeout bounds M28 and every packet too: long enough that, even on a loaded
            // machine, only the silence runs it out.
            error = await TestGuard.AgainstHangAsync(Assert.ThrowsAsync<PrinterException>(() =>
                FlashForgeConsoleFiles.UploadAsync(session, "part.gx", source, content.Length, null, TimeSpan.FromSeconds(5), CancellationToken.None)),
                "the console upload");
        }
        await session.ReleaseAsync(afterFault: true);

        Assert.Equal(PrinterErrorKind.Timeout, error.Kind);
        Assert.Contains("did not answer during the upload within 5 s", error.Message);
        Assert.Equal(4, fake.Packets); // one packet in flight: none after the unanswered one
    }

    [Theory]
    [InlineData("110.26", false)]
    [InlineData("110.27", true)]
    public async Task ConsoleUpload_CtrlC_Cancels_AndTheNextCommandLineArrivesWhole(string lastTwo, bool taskBasedIo)
    {
        var content = RandomBytes(8 * FlashForgeConsoleFiles.PacketDataBytes, seed: 5);
        await using var fake = FakeConsole.Start(TestNet.At(lastTwo));
        // Packet 3 is held unanswered until the next command; its late ack then comes first.
        fake.Ack = index => index == 3 ? null : new[] { $"N{index:D4} ok.\r\n" };
        fake.LateAck = "N0003 ok.\r\n";
        using var ctrlC = new CancellationTokenSource();

        var session = await fake.OpenSessionAsync(taskBasedIo);
        await using (var source = OpenLike(content))
        {
            var upload = FlashForgeConsoleFiles.UploadAsync(session, "part.gx", source, content.Length, null, TimeSpan.FromSeconds(30), ctrlC.Token);
            await TestGuard.AgainstHangAsync(fake.Silent.Task, "packet 3");
            ctrlC.Cancel();
            await TestGuard.AgainstHangAsync(Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload), "the cancelled upload");
        }
        var release = await session.Console.SendAsync("M602", TimeSpan.FromSeconds(10), CancellationToken.None);
        await session.ReleaseAsync(afterFault: true);

        Assert.Equal(new[] { "Control Release." }, release);
        Assert.Equal(4, fake.Packets);
        // The bytes after packet 3 are exactly the command line: no part of a packet before it.
        Assert.Equal("~M602\r\n", fake.LineAfterSilence);
    }

    [Theory]
    [InlineData("N0007 ok.", true)]
    [InlineData("N0007 ok.\r", true)]
    [InlineData("N7 ok", true)]
    [InlineData("N7ok.", true)]
    [InlineData(" N0007 \t ok. \r", true)]
    [InlineData("N0008 ok.", false)]
    [InlineData("N0007 ok.!", false)]
    [InlineData("N0007 ko.", false)]
    [InlineData("n0007 ok.", false)]
    [InlineData("N ok.", false)]
    [InlineData("N0007", false)]
    [InlineData("N4294967303 ok.", false)] // 7 + 2^32: no wrap-around
    [InlineData("", false)]
    public void PacketAck_IsParsedInPlace(string line, bool accepted)
    {
        // Inside a larger buffer, to read only the segment's own bytes.
        var bytes = Encoding.ASCII.GetBytes("N0007 ok.\n" + line + "\nN0007 ok.");
        var segment = new ArraySegment<byte>(bytes, 10, line.Length);

        Assert.Equal(accepted, FlashForgeConsoleFiles.IsAck(segment, 7));
    }

    private static string? Header(string[] head, string name) =>
        head.Skip(1).Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l.Substring(name.Length + 1).Trim()).SingleOrDefault();

    /// <summary>
    /// Reads one request: the head up to its blank line, then a Content-Length body, or a chunked
    /// one de-chunked (so that a chunked request fails the assertions, not the read), and answers success.
    /// </summary>
    private static async Task<(string Head, byte[] Body)> ReceiveOneHttpRequestAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var reader = new ByteReader(stream);
        var head = Encoding.ASCII.GetString(await reader.ReadUntilAsync("\r\n\r\n"));
        head = head.Substring(0, head.Length - 4);
        var lines = head.Split("\r\n");
        byte[] body;
        if (Header(lines, "Content-Length") is { } length)
        {
            body = await reader.ReadExactAsync(int.Parse(length));
        }
        else
        {
            using var dechunked = new MemoryStream();
            while (true)
            {
                var size = Convert.ToInt32(Encoding.ASCII.GetString(await reader.ReadUntilAsync("\r\n")).Trim(), 16);
                var chunk = await reader.ReadExactAsync(size + 2);
                if (size == 0)
                {
                    break;
                }
                dechunked.Write(chunk, 0, size);
            }
            body = dechunked.ToArray();
        }
        const string json = "{\"code\":0,\"message\":\"Success\"}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\nConnection: close\r\n\r\n{json}"));
        return (head, body);
    }

    private FileStream OpenLike(byte[] content)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".gx");
        File.WriteAllBytes(path, content);
        // As Start-PrinterJob opens the local file.
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Progress as reported, synchronously (Progress&lt;T&gt; would post it later).</summary>
    private sealed class Recorder : IProgress<long>
    {
        public long Last { get; private set; } = -1;
        public void Report(long value) => Last = value;
    }

    /// <summary>Reads a socket stream by delimiters and lengths, keeping what it read past them.</summary>
    private sealed class ByteReader
    {
        private readonly Stream _stream;
        private readonly List<byte> _buffered = new();

        public ByteReader(Stream stream) => _stream = stream;

        /// <summary>Bytes up to and including <paramref name="delimiter"/>; an empty array if the stream ends first.</summary>
        public async Task<byte[]> ReadUntilAsync(string delimiter)
        {
            var marker = Encoding.ASCII.GetBytes(delimiter);
            while (true)
            {
                var at = IndexOf(marker);
                if (at >= 0)
                {
                    return Take(at + marker.Length);
                }
                if (!await FillAsync())
                {
                    return Array.Empty<byte>();
                }
            }
        }

        /// <summary>The next byte, left unread.</summary>
        public async Task<byte> PeekAsync()
        {
            if (_buffered.Count == 0 && !await FillAsync())
            {
                throw new EndOfStreamException("The stream ended.");
            }
            return _buffered[0];
        }

        public async Task<byte[]> ReadExactAsync(int count)
        {
            while (_buffered.Count < count)
            {
                if (!await FillAsync())
                {
                    throw new EndOfStreamException($"{_buffered.Count} of {count} bytes before the end.");
                }
            }
            return Take(count);
        }

        private async Task<bool> FillAsync()
        {
            var chunk = new byte[64 * 1024];
            var read = await _stream.ReadAsync(chunk);
            _buffered.AddRange(chunk.Take(read));
            return read > 0;
        }

        private int IndexOf(byte[] marker)
        {
            for (var i = 0; i + marker.Length <= _buffered.Count; i++)
            {
                var k = 0;
                while (k < marker.Length && _buffered[i + k] == marker[k])
                {
                    k++;
                }
                if (k == marker.Length)
                {
                    return i;
                }
            }
            return -1;
        }

        private byte[] Take(int count)
        {
            var taken = _buffered.GetRange(0, count).ToArray();
            _buffered.RemoveRange(0, count);
            return taken;
        }
    }

    /// <summary>
    /// A console that takes control (M601), an upload (M28, packets, M29) and M602, checking each
    /// packet's frame (magic, index, length, CRC-32, zero padding) and keeping its data.
    /// </summary>
    private sealed class FakeConsole : IAsyncDisposable
    {
        private const int PacketBytes = 16 + FlashForgeConsoleFiles.PacketDataBytes;

        private readonly TcpListener _listener;
        private readonly Task _serving;
        private TcpClient? _client;

        private FakeConsole(TcpListener listener)
        {
            _listener = listener;
            _serving = Task.Run(ServeAsync);
        }

        public string Address { get; private init; } = "";

        /// <summary>The ack lines to send for a packet (written one piece per write), or null to stay silent.</summary>
        public Func<uint, string[]?> Ack { get; set; } = index => new[] { $"N{index:D4} ok.\r\n" };

        /// <summary>Sent before the answer to the command that follows a silence.</summary>
        public string? LateAck { get; set; }

        public List<string> Commands { get; } = new();

        public MemoryStream Stored { get; } = new();

        public int Packets { get; private set; }

        /// <summary>Set when a packet goes unanswered.</summary>
        public TaskCompletionSource Silent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What arrived after the unanswered packet, up to its LF.</summary>
        public string? LineAfterSilence { get; private set; }

        public static FakeConsole Start(string address)
        {
            var listener = new TcpListener(IPAddress.Parse(address), 0);
            listener.Start();
            return new FakeConsole(listener) { Address = address };
        }

        public async Task<FlashForgeControlSession> OpenSessionAsync(bool taskBasedIo)
        {
            var options = new FlashForgeConnectionOptions(Address) { TcpPort = ((IPEndPoint)_listener.LocalEndpoint).Port, Timeout = TimeSpan.FromSeconds(10) };
            var session = await FlashForgeControlSession.OpenAsync(options, CancellationToken.None);
            session.Console.TaskBasedIo = taskBasedIo;
            return session;
        }

        private async Task ServeAsync()
        {
            using var client = _client = await _listener.AcceptTcpClientAsync();
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new ByteReader(stream);
            var silent = false;
            while (true)
            {
                var raw = await reader.ReadUntilAsync("\n");
                if (raw.Length == 0)
                {
                    return; // the client closed
                }
                var line = Encoding.ASCII.GetString(raw);
                if (silent)
                {
                    LineAfterSilence = line;
                    silent = false;
                    if (LateAck is { } late)
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(late));
                    }
                }
                var command = line.TrimEnd();
                Commands.Add(command);
                if (command.StartsWith("~M601"))
                {
                    await Send(stream, "CMD M601 Received.\r\nControl Success.\r\nok\r\n");
                }
                else if (command.StartsWith("~M28 "))
                {
                    await Send(stream, "CMD M28 Received.\r\nWriting to file: 0:/user/x\r\nok\r\n");
                    silent = !await ReceivePacketsAsync(stream, reader, long.Parse(command.Split(' ')[1]));
                }
                else if (command == "~M29")
                {
                    await Send(stream, "CMD M29 Received.\r\nDone saving file\r\nok\r\n");
                }
                else if (command == "~M602")
                {
                    await Send(stream, "CMD M602 Received.\r\nControl Release.\r\nok\r\n");
                }
            }
        }

        /// <summary>False when a packet was left unanswered; true when all were acked or the client gave up.</summary>
        private async Task<bool> ReceivePacketsAsync(NetworkStream stream, ByteReader reader, long size)
        {
            for (uint index = 0; Stored.Length < size; index++)
            {
                if (await reader.PeekAsync() == '~')
                {
                    return true; // the client gave up the upload and sends a command
                }
                var packet = await reader.ReadExactAsync(PacketBytes);
                Packets++;
                var length = (int)BigEndian(packet, 8);
                if (BigEndian(packet, 0) != 0x5A5AA5A5 || BigEndian(packet, 4) != index || length is <= 0 or > FlashForgeConsoleFiles.PacketDataBytes
                    || BigEndian(packet, 12) != Crc32(packet, 16, length) || packet.Skip(16 + length).Any(b => b != 0))
                {
                    throw new InvalidDataException($"Packet {index} is malformed.");
                }
                Stored.Write(packet, 16, length);
                if (Ack(index) is not { } pieces)
                {
                    Silent.TrySetResult();
                    return false;
                }
                foreach (var piece in pieces)
                {
                    await Send(stream, piece);
                }
            }
            return true;
        }

        private static Task Send(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

        private static uint BigEndian(byte[] bytes, int at) =>
            (uint)(bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3]);

        private static uint Crc32(byte[] bytes, int offset, int count)
        {
            var crc = 0xFFFFFFFFu;
            for (var i = offset; i < offset + count; i++)
            {
                crc ^= bytes[i];
                for (var bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }
            return ~crc;
        }

        public async ValueTask DisposeAsync()
        {
            // Closing our end too ends the serving loop when a failed test left the client connected.
            _listener.Stop();
            _client?.Dispose();
            try
            {
                await _serving.WaitAsync(TestGuard.Limit);
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
            {
                // The client went away first: nothing of the test's outcome depends on it.
            }
        }
    }
}
