using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Storage;

/// <summary>
/// The stored-file thumbnail M662 (notes §2.4: a PNG on the 5M) and /gcodeThumb (§3.2: base64 PNG) return:
/// a 16x16 PNG of one colour taken from the file name, so each file has its own, always the same.
/// </summary>
internal static class Thumbnail
{
    public const int Size = 16;

    public static ReadOnlySpan<byte> PngSignature => new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    public static byte[] For(string fileName)
    {
        uint hash = Crc32.Compute(Encoding.UTF8.GetBytes(fileName));
        // Keep each channel at 64 or more so no thumbnail is near black.
        byte r = (byte)(0x40 | (hash >> 16)), g = (byte)(0x40 | (hash >> 8)), b = (byte)(0x40 | hash);

        using var png = new MemoryStream();
        png.Write(PngSignature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, Size); // width
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], Size); // height
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type 2: RGB
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", Compress(Pixels(r, g, b)));
        WriteChunk(png, "IEND", ReadOnlySpan<byte>.Empty);
        return png.ToArray();
    }

    /// <summary>Scanlines: filter byte 0 (none), then RGB per pixel.</summary>
    private static byte[] Pixels(byte r, byte g, byte b)
    {
        const int row = 1 + Size * 3;
        var raw = new byte[row * Size];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                int at = y * row + 1 + x * 3;
                raw[at] = r;
                raw[at + 1] = g;
                raw[at + 2] = b;
            }
        }

        return raw;
    }

    /// <summary>IDAT holds a zlib stream (RFC 1950), which ZLibStream writes.</summary>
    private static byte[] Compress(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return compressed.ToArray();
    }

    /// <summary>Length (BE), type, data, CRC-32 over type and data (BE).</summary>
    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(typeBytes), data));
        png.Write(word);
    }
}
