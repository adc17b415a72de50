using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PrinterTools.Simulator.Tcp;

/// <summary>Bytes received but not yet split into lines (or, during an upload, into packets).</summary>
internal sealed class LineBuffer
{
    private byte[] _bytes = new byte[1024];
    private int _length;

    // How many bytes at the front arrived before the last reply went out (see MarkArrivedBeforeReply).
    private int _beforeReply;

    public int Length => _length;

    /// <summary>Everything buffered, valid until the next change.</summary>
    public ReadOnlySpan<byte> Data => _bytes.AsSpan(0, _length);

    /// <summary>Drops the first <paramref name="count"/> bytes.</summary>
    public void Consume(int count)
    {
        _bytes.AsSpan(count, _length - count).CopyTo(_bytes);
        _length -= count;
        _beforeReply = Math.Max(0, _beforeReply - count);
    }

    /// <summary>A reply is going out: every byte buffered now was sent before the client could have it.</summary>
    public void MarkArrivedBeforeReply() => _beforeReply = _length;

    /// <summary>Drops CR and LF bytes at the front (a line end left over before upload data).</summary>
    public void SkipLineEnds()
    {
        int skip = 0;
        while (skip < _length && _bytes[skip] is (byte)'\r' or (byte)'\n')
        {
            skip++;
        }

        if (skip > 0)
        {
            Consume(skip);
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + data.Length));
        }

        data.CopyTo(_bytes.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>
    /// Takes the text up to the next LF, without the LF and any CR before it; <paramref name="beforeReply"/> says
    /// whether the line had begun to arrive before the last <see cref="MarkArrivedBeforeReply"/>.
    /// </summary>
    public bool TryTakeLine([NotNullWhen(true)] out string? line, out bool beforeReply)
    {
        int newline = _bytes.AsSpan(0, _length).IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = null;
            beforeReply = false;
            return false;
        }

        line = Encoding.UTF8.GetString(_bytes, 0, newline).TrimEnd('\r');
        beforeReply = _beforeReply > 0;
        Consume(newline + 1);
        return true;
    }
}
