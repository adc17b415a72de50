using System;
using System.Buffers.Binary;

namespace PrinterTools.Simulator.Tcp;

/// <summary>
/// One packet of a framed TCP upload (notes §2.5): 16-byte header <c>5A 5A A5 A5</c>, u32 BE index (from 0),
/// u32 BE data length (4096, the last one the remainder), u32 BE CRC-32 of the data without padding; then
/// 4096 data bytes, the last packet zero-padded. 4112 bytes in all ("Send data: 4112 bytes" in the capture).
/// </summary>
internal static class UploadFrame
{
    public const uint Magic = 0x5A5AA5A5;
    public const int HeaderLength = 16;
    public const int DataLength = 4096;
    public const int PacketLength = HeaderLength + DataLength;

    public static int PacketsFor(long size) => (int)((size + DataLength - 1) / DataLength);

    /// <summary>Needs at least 4 bytes.</summary>
    public static bool StartsWithMagic(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt32BigEndian(bytes) == Magic;

    public static Header ReadHeader(ReadOnlySpan<byte> packet) => new(
        BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(packet[12..]));

    internal readonly record struct Header(uint Index, uint Length, uint Crc);
}
