using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PrinterTools.Simulator.Storage;

namespace PrinterTools.Simulator.Tcp;

/// <summary>
/// M661 and M662: the text reply <c>CMD … Received.</c> + <c>ok</c>, then binary (notes §2.4). The whole
/// reply goes out in one write.
/// </summary>
internal static class BinaryReplies
{
    // Tags as in adventurer3-M661-filelist-binary-after-ok.bin (list, string) and §2.4 (image, A3 notes' order).
    public const uint ListTag = 0x44AAAA44;
    public const uint NameTag = 0x3A3AA3A3;
    public const uint ImageTag = 0x2A2AA2A2;

    /// <summary>The BadThumbnailLength fault's length field: far more than ever follows.</summary>
    public const uint BadImageLength = 0x7FFFFFF0;

    /// <summary>List tag, u32 BE count, then per file the string tag, u32 BE length, UTF-8 <c>/data/&lt;name&gt;</c>.</summary>
    public static byte[] FileList(string code, IReadOnlyList<string> names)
    {
        using var reply = Begin(code);
        Word(reply, ListTag);
        Word(reply, (uint)names.Count);
        foreach (string name in names)
        {
            byte[] path = Encoding.UTF8.GetBytes(FileNames.DataPrefix + name);
            Word(reply, NameTag);
            Word(reply, (uint)path.Length);
            reply.Write(path);
        }

        return reply.ToArray();
    }

    /// <summary>Image tag, u32 BE length, the PNG (on the 5M a PNG follows an 8-byte prefix, §2.4).</summary>
    public static byte[] Image(string code, byte[] png)
    {
        using var reply = Begin(code);
        Word(reply, ImageTag);
        Word(reply, (uint)png.Length);
        reply.Write(png);
        return reply.ToArray();
    }

    /// <summary>The fault: the length field promises ~2 GiB, only the PNG signature follows.</summary>
    public static byte[] ImageWithBadLength(string code, byte[] png)
    {
        using var reply = Begin(code);
        Word(reply, ImageTag);
        Word(reply, BadImageLength);
        reply.Write(png.AsSpan(0, Math.Min(8, png.Length)));
        return reply.ToArray();
    }

    private static MemoryStream Begin(string code)
    {
        var reply = new MemoryStream();
        reply.Write(Encoding.ASCII.GetBytes(ReplyFormats.Reply(code)));
        return reply;
    }

    private static void Word(Stream stream, uint value)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, value);
        stream.Write(word);
    }
}
