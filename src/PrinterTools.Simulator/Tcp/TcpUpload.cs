using System;
using System.IO;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Tcp;

/// <summary>One file being received after <c>M28 &lt;size&gt; 0:/user/&lt;name&gt;</c> (notes §2.5), until M29.</summary>
internal sealed class TcpUpload
{
    private readonly MemoryStream _data;

    public TcpUpload(string name, long size)
    {
        Name = name;
        Size = size;
        _data = new MemoryStream((int)Math.Min(size, 16 * 1024 * 1024));
    }

    public string Name { get; }

    /// <summary>The size M28 announced: the raw file size (§2.5).</summary>
    public long Size { get; }

    public long Received => _data.Length;

    public int PacketsReceived { get; private set; }

    public int PacketsExpected => UploadFrame.PacketsFor(Size);

    public byte[] Content() => _data.ToArray();

    /// <summary>
    /// Checks one whole packet and keeps its data. Returns null when it is good, else why not. The real
    /// printer's words for a bad packet are unknown (no capture): the reasons here are our own.
    /// </summary>
    public string? Accept(ReadOnlySpan<byte> packet)
    {
        if (!UploadFrame.StartsWithMagic(packet))
        {
            return "bad packet header";
        }

        UploadFrame.Header header = UploadFrame.ReadHeader(packet);
        if (header.Index != PacketsReceived)
        {
            return $"packet {header.Index} out of order, expected {PacketsReceived}";
        }

        if (header.Length > UploadFrame.DataLength)
        {
            return "bad packet header";
        }

        if (Received + header.Length > Size)
        {
            return "more data than M28 announced";
        }

        ReadOnlySpan<byte> data = packet.Slice(UploadFrame.HeaderLength, (int)header.Length);
        if (Crc32.Compute(data) != header.Crc)
        {
            return "CRC mismatch";
        }

        _data.Write(data);
        PacketsReceived++;
        return null;
    }
}
