using System;
using System.Buffers.Binary;
using System.Text;
using PrinterTools.Simulator.Net;

namespace PrinterTools.Simulator.Storage;

/// <summary>
/// Stand-ins for what the history URLs serve: a 16x16 24-bit BMP of one colour per task (the S4U's thumbnails are
/// BMP, §6.2) and the boxes an MP4 begins with (ftyp, an empty mdat) for the CC's time-lapse.
/// </summary>
internal static class HistoryMedia
{
    public const int BmpSize = 16;

    public static byte[] Bmp(string taskId)
    {
        const int rowBytes = BmpSize * 3; // 48, already a multiple of 4: no row padding
        const int pixelBytes = rowBytes * BmpSize;
        const int headers = 14 + 40;
        var bmp = new byte[headers + pixelBytes];
        Span<byte> s = bmp;
        s[0] = (byte)'B';
        s[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(s[2..], bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(s[10..], headers); // pixel data offset
        BinaryPrimitives.WriteInt32LittleEndian(s[14..], 40); // BITMAPINFOHEADER
        BinaryPrimitives.WriteInt32LittleEndian(s[18..], BmpSize);
        BinaryPrimitives.WriteInt32LittleEndian(s[22..], BmpSize); // positive: bottom-up rows
        BinaryPrimitives.WriteInt16LittleEndian(s[26..], 1); // planes
        BinaryPrimitives.WriteInt16LittleEndian(s[28..], 24); // bits per pixel
        BinaryPrimitives.WriteInt32LittleEndian(s[34..], pixelBytes);
        uint hash = Crc32.Compute(Encoding.UTF8.GetBytes(taskId));
        for (int at = headers; at < bmp.Length; at += 3)
        {
            bmp[at] = (byte)(0x40 | hash); // blue, green, red
            bmp[at + 1] = (byte)(0x40 | (hash >> 8));
            bmp[at + 2] = (byte)(0x40 | (hash >> 16));
        }

        return bmp;
    }

    /// <summary>An <c>ftyp isom</c> box and an empty <c>mdat</c>: recognisably MP4, no frames.</summary>
    public static byte[] Mp4()
    {
        var mp4 = new byte[24 + 8];
        Span<byte> s = mp4;
        BinaryPrimitives.WriteUInt32BigEndian(s, 24);
        Encoding.ASCII.GetBytes("ftypisom").CopyTo(s[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(s[12..], 0x200);
        Encoding.ASCII.GetBytes("isommp41").CopyTo(s[16..]);
        BinaryPrimitives.WriteUInt32BigEndian(s[24..], 8);
        Encoding.ASCII.GetBytes("mdat").CopyTo(s[28..]);
        return mp4;
    }
}
