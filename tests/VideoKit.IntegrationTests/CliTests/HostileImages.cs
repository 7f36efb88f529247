using System.Buffers.Binary;

namespace VideoKit.IntegrationTests.CliTests;

/// <summary>
/// Unusual stills that neither FFmpeg nor ImageSharp 2 write, made byte by byte at test time: a CMYK JPEG (Adobe,
/// inverted, as Photoshop saves it) and EXIF orientation tags added to a JPEG (APP1) or a PNG (eXIf).
/// </summary>
internal static class HostileImages
{
    /// <summary>The stored (inverted) C, M, Y, K of each quadrant of <see cref="WriteCmykJpeg"/>'s 64×48 picture.</summary>
    public static readonly byte[][] CmykQuadrants = [[255, 255, 255, 255], [0, 255, 255, 255], [255, 0, 255, 200], [255, 255, 0, 100]];

    /// <summary>
    /// A 64×48 baseline JPEG with four components (CMYK, Adobe APP14 transform 0) and one flat colour per quadrant:
    /// every 8×8 block carries only its DC coefficient (quantiser 8, the standard DC luminance Huffman table, and an AC
    /// table holding only end-of-block), so the encoder is a few lines.
    /// </summary>
    public static void WriteCmykJpeg(string path)
    {
        const int W = 64, H = 48;
        byte[] dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
        var dcCodes = new (int Code, int Length)[12];
        int code = 0, symbol = 0;
        for (int length = 1; length <= 16; length++)
        {
            for (int i = 0; i < dcBits[length - 1]; i++)
            {
                dcCodes[symbol++] = (code++, length);
            }

            code <<= 1;
        }

        var scan = new BitWriter();
        int[] predictor = new int[4];
        for (int by = 0; by < H / 8; by++)
        {
            for (int bx = 0; bx < W / 8; bx++)
            {
                byte[] colour = CmykQuadrants[(bx >= W / 16 ? 1 : 0) + (by >= H / 16 ? 2 : 0)];
                for (int c = 0; c < 4; c++)
                {
                    int dc = colour[c] - 128; // DC = 8 × (level − 128), divided by the quantiser 8
                    int diff = dc - predictor[c];
                    predictor[c] = dc;
                    int size = 32 - int.LeadingZeroCount(Math.Abs(diff));
                    scan.Put(dcCodes[size].Code, dcCodes[size].Length);
                    if (size > 0)
                    {
                        scan.Put(diff > 0 ? diff : diff + (1 << size) - 1, size);
                    }

                    scan.Put(0, 1); // end of block: the AC table's only code
                }
            }
        }

        using var file = new MemoryStream();
        file.Write([0xFF, 0xD8]);
        Segment(file, 0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 0]);
        Segment(file, 0xDB, [0, .. Enumerable.Repeat((byte)8, 64)]);
        Segment(file, 0xC0, [8, 0, H, 0, W, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        Segment(file, 0xC4, [0x00, .. dcBits, .. Enumerable.Range(0, 12).Select(i => (byte)i), 0x10, 1, .. new byte[15], 0]);
        Segment(file, 0xDA, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0]);
        file.Write(scan.Finish());
        file.Write([0xFF, 0xD9]);
        File.WriteAllBytes(path, file.ToArray());
    }

    /// <summary>Copies a JPEG, adding an EXIF APP1 segment right after its start marker that holds only an orientation.</summary>
    public static void AddJpegOrientation(string source, string target, int orientation)
    {
        byte[] jpeg = File.ReadAllBytes(source);
        byte[] exif = [.. "Exif\0\0"u8, .. Tiff(orientation)];
        byte[] app1 = [0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)(exif.Length + 2), .. exif];
        File.WriteAllBytes(target, [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)]);
    }

    /// <summary>Copies a PNG, adding an eXIf chunk (with its CRC) right after the IHDR chunk.</summary>
    public static void AddPngOrientation(string source, string target, int orientation)
    {
        byte[] png = File.ReadAllBytes(source);
        byte[] tiff = Tiff(orientation);
        byte[] typeAndData = [.. "eXIf"u8, .. tiff];
        byte[] chunk = new byte[12 + tiff.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)tiff.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + tiff.Length), Crc32(typeAndData));
        const int AfterIhdr = 8 + 12 + 13;
        File.WriteAllBytes(target, [.. png.AsSpan(0, AfterIhdr), .. chunk, .. png.AsSpan(AfterIhdr)]);
    }

    /// <summary>A big-endian TIFF block with one IFD entry: Orientation (0x0112), SHORT, the value given.</summary>
    private static byte[] Tiff(int orientation) =>
        [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];

    private static void Segment(Stream s, byte marker, byte[] body)
    {
        s.Write([0xFF, marker, (byte)((body.Length + 2) >> 8), (byte)(body.Length + 2)]);
        s.Write(body);
    }

    /// <summary>PNG's CRC-32 (reflected, polynomial 0xEDB88320).</summary>
    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Entropy-coded bits, most significant first, with 0xFF bytes stuffed and the tail padded with ones.</summary>
    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _accumulator;
        private int _count;

        public void Put(int value, int length)
        {
            for (int i = length - 1; i >= 0; i--)
            {
                _accumulator = (_accumulator << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    _bytes.Add((byte)_accumulator);
                    if (_accumulator == 0xFF)
                    {
                        _bytes.Add(0);
                    }

                    (_accumulator, _count) = (0, 0);
                }
            }
        }

        public byte[] Finish()
        {
            while (_count != 0)
            {
                Put(1, 1);
            }

            return [.. _bytes];
        }
    }
}
