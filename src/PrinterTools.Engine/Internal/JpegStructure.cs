using System;

namespace PrinterTools.Internal;

/// <summary>
/// Follows a JPEG's structure (ITU-T T.81 annex B) as its bytes arrive: SOI, marker segments each
/// with its length, a frame header (SOFn) before the first scan header (SOS), entropy-coded data
/// in which FF is only followed by 00, a restart marker or the next marker, and EOI. A camera that
/// sends noise between FF D8 and FF D9 is caught here, before anything is saved as a picture.
/// </summary>
internal sealed class JpegStructure
{
    private int _position;
    private bool _inScan;
    private bool _sawFrameHeader;
    private bool _sawScan;

    /// <summary>
    /// Continues through <paramref name="data"/> (the frame from its SOI, growing between calls).
    /// Returns the frame's length once EOI is reached, 0 while more bytes are needed; throws
    /// <see cref="FormatException"/> on bytes that are not a JPEG.
    /// </summary>
    public int Advance(byte[] data, int length)
    {
        if (_position == 0)
        {
            if (length < 2)
            {
                return 0;
            }
            if (data[0] != 0xFF || data[1] != 0xD8)
            {
                throw new FormatException("the frame does not start with the JPEG marker FF D8");
            }
            _position = 2;
        }
        while (true)
        {
            if (_inScan)
            {
                // Entropy-coded data: only FF followed by something other than 00 or RSTn ends it.
                var ff = Array.IndexOf(data, (byte)0xFF, _position, length - _position);
                if (ff < 0 || ff + 1 >= length)
                {
                    _position = ff < 0 ? length : ff;
                    return 0;
                }
                var next = data[ff + 1];
                if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
                {
                    _position = ff + 2;
                    continue;
                }
                _position = ff;
                _inScan = false;
            }
            if (_position + 2 > length)
            {
                return 0;
            }
            if (data[_position] != 0xFF)
            {
                throw new FormatException($"expected a marker at byte {_position}, found {data[_position]:X2}");
            }
            var marker = data[_position + 1];
            if (marker == 0xFF)
            {
                _position++; // fill byte before a marker
                continue;
            }
            if (marker == 0xD9)
            {
                return _sawScan ? _position + 2 : throw new FormatException("the frame ends before any image data (no SOS)");
            }
            if (marker is 0xD8 or 0x00)
            {
                throw new FormatException($"marker FF {marker:X2} at byte {_position} cannot appear here");
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                _position += 2; // markers without a length
                continue;
            }
            if (_position + 4 > length)
            {
                return 0;
            }
            var segment = data[_position + 2] << 8 | data[_position + 3];
            if (segment < 2)
            {
                throw new FormatException($"segment FF {marker:X2} at byte {_position} claims {segment} bytes");
            }
            if (_position + 2 + segment > length)
            {
                return 0;
            }
            var body = _position + 4;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                // Frame header: precision, height, width, component count, 3 bytes per component.
                var components = segment >= 8 ? data[body + 5] : 0;
                var width = segment >= 8 ? data[body + 3] << 8 | data[body + 4] : 0;
                if (components == 0 || segment != 8 + 3 * components || width == 0)
                {
                    throw new FormatException($"the frame header at byte {_position} is malformed");
                }
                _sawFrameHeader = true;
            }
            else if (marker == 0xDA)
            {
                var components = segment >= 3 ? data[body] : 0;
                if (!_sawFrameHeader || components == 0 || segment != 6 + 2 * components)
                {
                    throw new FormatException($"the scan header at byte {_position} is malformed or comes before a frame header");
                }
                _sawScan = true;
                _inScan = true;
            }
            _position += 2 + segment;
        }
    }
}
