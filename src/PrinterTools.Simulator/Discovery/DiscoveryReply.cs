using System;
using System.Buffers.Binary;
using System.Text;

namespace PrinterTools.Simulator.Discovery;

/// <summary>Builds the discovery reply datagram, big-endian, exactly as laid out in notes §1.3.</summary>
internal static class DiscoveryReply
{
    public const int LegacyLength = 140;
    public const int ModernLength = 276;
    public const int WrongLength = 100;

    public const ushort CommandPort = 8899;
    public const ushort HttpPort = 8898;
    public const ushort FlashForgeVendorId = 0x2B71;
    public const ushort ModernProductType = 0x5A02;

    private const int NameOffset = 0x00;
    private const int FieldLength = 128;
    private const int CommandPortOffset = 0x84;
    private const int VendorIdOffset = 0x86;
    private const int ProductIdOffset = 0x88;
    private const int StatusOffset = 0x8A;
    private const int ProductTypeOffset = 0x8C;
    private const int HttpPortOffset = 0x8E;
    private const int LanModeOffset = 0x90;
    private const int SerialOffset = 0x92;

    public static byte[] Build(PrinterSnapshot printer)
    {
        var reply = new byte[printer.IsModern ? ModernLength : LegacyLength];
        Span<byte> span = reply;
        WriteText(span.Slice(NameOffset, FieldLength), printer.Name);
        BinaryPrimitives.WriteUInt16BigEndian(span[CommandPortOffset..], CommandPort);
        BinaryPrimitives.WriteUInt16BigEndian(span[VendorIdOffset..], FlashForgeVendorId);
        BinaryPrimitives.WriteUInt16BigEndian(span[ProductIdOffset..], (ushort)printer.ProductId);
        // Status at 0x8A in both layouts: the TS client's fix 82d8c02 (notes §1.3), not 0x90 as older docs say.
        BinaryPrimitives.WriteUInt16BigEndian(span[StatusOffset..], Status(printer.State));
        if (printer.IsModern)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[ProductTypeOffset..], ModernProductType);
            BinaryPrimitives.WriteUInt16BigEndian(span[HttpPortOffset..], HttpPort);
            // §1.3 "Fake: write status at 0x8A, 01 00 at 0x90/0x91": LAN-only mode on, reserved byte zero.
            span[LanModeOffset] = 0x01;
            span[LanModeOffset + 1] = 0x00;
            WriteText(span.Slice(SerialOffset, FieldLength), printer.SerialNumber);
        }

        return reply;
    }

    /// <summary>§1.3: 0 ready, 1 busy. A finished job leaves the printer ready for the next one.</summary>
    public static ushort Status(VirtualJobState state) =>
        state is VirtualJobState.Printing or VirtualJobState.Paused ? (ushort)1 : (ushort)0;

    private static void WriteText(Span<byte> field, string text)
    {
        // NUL-padded; keep at least one NUL so readers that stop at the first NUL always find one.
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bytes.AsSpan(0, Math.Min(bytes.Length, field.Length - 1)).CopyTo(field);
    }
}
