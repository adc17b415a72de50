using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace PrinterTools.Tests.Simulator;

/// <summary>
/// What a FlashPrint-style client sends after M28 (notes §2.5): per 4096-byte chunk a 16-byte header
/// 5A 5A A5 A5, u32 BE index, u32 BE data length, u32 BE CRC-32 of the data, then the data zero-padded to 4096.
/// Written here independently of the simulator (its CRC is internal).
/// </summary>
internal static class UploadPackets
{
    public const int DataLength = 4096;
    public const int PacketLength = 16 + DataLength;

    public static IReadOnlyList<byte[]> For(byte[] file)
    {
        var packets = new List<byte[]>();
        for (int offset = 0, index = 0; offset < file.Length; offset += DataLength, index++)
        {
            packets.Add(Packet(index, file.AsSpan(offset, Math.Min(DataLength, file.Length - offset))));
        }

        return packets;
    }

    public static byte[] Packet(int index, ReadOnlySpan<byte> data, uint? crc = null, uint magic = 0x5A5AA5A5)
    {
        var packet = new byte[PacketLength];
        BinaryPrimitives.WriteUInt32BigEndian(packet, magic);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)index);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), crc ?? Crc32(data));
        data.CopyTo(packet.AsSpan(16));
        return packet;
    }

    /// <summary>Bitwise IEEE CRC-32 (reflected 0xEDB88320): slow and plain, so it cannot share a bug with a table.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Deterministic test content that is not all one byte.</summary>
    public static byte[] RandomFile(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
