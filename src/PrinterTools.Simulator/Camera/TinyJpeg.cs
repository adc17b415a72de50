namespace PrinterTools.Simulator.Camera;

/// <summary>
/// One camera frame: an 8x8 mid-grey baseline JPEG (ITU T.81), 159 bytes, written out by hand. How it was made:
/// a single grey component with one 8x8 block whose DC difference is 0 and every AC coefficient 0, so the
/// entropy-coded data is just two Huffman codes. Each Huffman table holds one symbol with the 1-bit code "0"
/// (DC table: category 0; AC table: 0x00 = end of block), so the scan is the bits "00" padded with 1s: 0x3F.
/// The decoded block is level 0 + 128 = grey 128 everywhere. Checked with libjpeg-turbo's djpeg.
/// </summary>
internal static class TinyJpeg
{
    public static readonly byte[] Frame =
    {
        0xFF, 0xD8, // SOI
        // APP0 JFIF 1.01, no density units, 1:1, no thumbnail
        0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        // DQT: table 0, 8-bit, all 64 quantizers 1
        0xFF, 0xDB, 0x00, 0x43, 0x00,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        // SOF0 baseline: 8-bit precision, height 8, width 8, 1 component (id 1, sampling 1x1, quant table 0)
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
        // DHT: DC table 0, one code of length 1, symbol 0x00 (difference category 0)
        0xFF, 0xC4, 0x00, 0x14, 0x00,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00,
        // DHT: AC table 0, one code of length 1, symbol 0x00 (end of block)
        0xFF, 0xC4, 0x00, 0x14, 0x10,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00,
        // SOS: 1 component (id 1, DC table 0, AC table 0), spectral 0-63, no approximation
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        // Scan: DC code "0", EOB code "0", padded with 1 bits
        0x3F,
        0xFF, 0xD9, // EOI
    };
}
