using System;
using System.Collections.Generic;
using System.Text;

namespace PrinterTools.FlashForge;

/// <summary>
/// The binary bodies that follow "ok" on M661 (file list). Lengths come from the printer,
/// so each is checked against what was actually received before anything is allocated.
/// </summary>
public static class FlashForgeBinary
{
    public const uint FileListMagic = 0x44AAAA44;
    public const uint FileEntryMagic = 0x3A3AA3A3;

    /// <summary>Parses an M661 body: magic, count, then count × (magic, length, UTF-8 path).</summary>
    public static IReadOnlyList<string> ParseFileList(byte[] body)
    {
        var offset = 0;
        if (ReadUInt32(body, ref offset) != FileListMagic)
        {
            throw new FormatException("The file list does not start with the M661 marker 44 AA AA 44.");
        }
        var count = ReadUInt32(body, ref offset);
        // Each entry takes at least 8 bytes: a count beyond that is a lie, not a reason to allocate.
        if (count > (uint)(body.Length - offset) / 8)
        {
            throw new FormatException($"The file list claims {count} entries but holds only {body.Length} bytes.");
        }
        var names = new List<string>((int)count);
        for (var i = 0; i < count; i++)
        {
            if (ReadUInt32(body, ref offset) != FileEntryMagic)
            {
                throw new FormatException($"File list entry {i} does not start with the marker 3A 3A A3 A3.");
            }
            var length = ReadUInt32(body, ref offset);
            if (length > body.Length - offset)
            {
                throw new FormatException($"File list entry {i} claims {length} bytes but only {body.Length - offset} remain.");
            }
            names.Add(Encoding.UTF8.GetString(body, offset, (int)length));
            offset += (int)length;
        }
        return names;
    }

    internal static uint ReadUInt32(byte[] data, ref int offset)
    {
        if (offset + 4 > data.Length)
        {
            throw new FormatException("The binary reply is truncated.");
        }
        var value = (uint)(data[offset] << 24 | data[offset + 1] << 16 | data[offset + 2] << 8 | data[offset + 3]);
        offset += 4;
        return value;
    }

    internal static ushort ReadUInt16(byte[] data, int offset) => (ushort)(data[offset] << 8 | data[offset + 1]);
}
