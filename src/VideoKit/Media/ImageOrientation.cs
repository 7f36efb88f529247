using System.Buffers.Binary;

namespace VideoKit.Media;

/// <summary>
/// The EXIF orientation of a still (JPEG APP1, PNG eXIf, WebP EXIF): how a camera or phone says the stored picture must
/// be turned to stand upright. FFmpeg 5.1 does not apply it to images, so VideoKit does, with the filter that turns the
/// picture upright before any scaling; sizes are then the upright ones (<see cref="VideoStreamInfo.DisplayWidth"/>).
/// </summary>
internal static class ImageOrientation
{
    /// <summary>The most of a file read looking for the tag (EXIF sits at the start; a JPEG's APP1 is at most 64 KiB).</summary>
    private const int MaxHeaderBytes = 256 * 1024;

    /// <summary>The EXIF orientation (1 to 8) of the image at <paramref name="fullPath"/>; 1 (upright) when it has none,
    /// is not a JPEG, PNG or WebP, or cannot be read.</summary>
    public static int Read(string fullPath)
    {
        byte[] head;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            Span<byte> magic = stackalloc byte[12];
            if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !IsStill(magic))
            {
                return 1; // a video, a song, or too short: only the first bytes are read
            }

            head = new byte[(int)Math.Min(stream.Length, MaxHeaderBytes)];
            stream.Position = 0;
            stream.ReadExactly(head);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 1;
        }

        return FromHeader(head);
    }

    private static bool IsStill(ReadOnlySpan<byte> magic) => magic switch
    {
        [0xFF, 0xD8, ..] => true,
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => true,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => true,
        _ => false,
    };

    /// <summary>The EXIF orientation found in the first bytes of a file (1 when none).</summary>
    internal static int FromHeader(ReadOnlySpan<byte> file)
    {
        ReadOnlySpan<byte> tiff = file switch
        {
            [0xFF, 0xD8, ..] => JpegExif(file),
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => PngExif(file),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => WebPExif(file),
            _ => [],
        };
        return TiffOrientation(tiff);
    }

    /// <summary>The FFmpeg filters that stand a picture of this orientation upright, or <see langword="null"/> for none.</summary>
    public static string? Filter(int orientation) => orientation switch
    {
        2 => "hflip",
        3 => "hflip,vflip",
        4 => "vflip",
        5 => "transpose=cclock_flip", // mirrored about the main diagonal
        6 => "transpose=clock",
        7 => "transpose=clock_flip", // mirrored about the other diagonal
        8 => "transpose=cclock",
        _ => null,
    };

    /// <summary>The clockwise turn (0, 90, 180 or 270) that stands a picture of this orientation upright (mirroring aside).</summary>
    public static int Rotation(int orientation) => orientation switch
    {
        3 or 4 => 180,
        5 or 6 => 90,
        7 or 8 => 270,
        _ => 0,
    };

    private static ReadOnlySpan<byte> JpegExif(ReadOnlySpan<byte> file)
    {
        int at = 2;
        while (at + 4 <= file.Length && file[at] == 0xFF)
        {
            byte marker = file[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                break; // start of scan / end of image: no EXIF before the picture
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(file[(at + 2)..]);
            if (length < 2 || at + 2 + length > file.Length)
            {
                break;
            }

            ReadOnlySpan<byte> body = file.Slice(at + 4, length - 2);
            if (marker == 0xE1 && body.StartsWith("Exif\0\0"u8))
            {
                return body[6..];
            }

            at += 2 + length;
        }

        return [];
    }

    private static ReadOnlySpan<byte> PngExif(ReadOnlySpan<byte> file)
    {
        int at = 8;
        while (at + 8 <= file.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
            ReadOnlySpan<byte> type = file.Slice(at + 4, 4);
            if (length > int.MaxValue || at + 12 + (long)length > file.Length || type.SequenceEqual("IEND"u8))
            {
                break;
            }

            if (type.SequenceEqual("eXIf"u8))
            {
                ReadOnlySpan<byte> body = file.Slice(at + 8, (int)length);
                return body.StartsWith("Exif\0\0"u8) ? body[6..] : body; // some writers keep the JPEG-style prefix
            }

            at += 12 + (int)length;
        }

        return [];
    }

    private static ReadOnlySpan<byte> WebPExif(ReadOnlySpan<byte> file)
    {
        int at = 12;
        while (at + 8 <= file.Length)
        {
            ReadOnlySpan<byte> type = file.Slice(at, 4);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(file[(at + 4)..]);
            if (length > int.MaxValue || at + 8 + (long)length > file.Length)
            {
                break;
            }

            if (type.SequenceEqual("EXIF"u8))
            {
                ReadOnlySpan<byte> body = file.Slice(at + 8, (int)length);
                return body.StartsWith("Exif\0\0"u8) ? body[6..] : body;
            }

            at += 8 + (int)length + (int)(length & 1); // chunks are padded to an even size
        }

        return [];
    }

    /// <summary>Tag 0x0112 (Orientation, a SHORT) of IFD0 in a TIFF-structured EXIF block; 1 when absent or malformed.</summary>
    private static int TiffOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return 1;
        }

        bool little = tiff[0] == (byte)'I' && tiff[1] == (byte)'I';
        if (!little && !(tiff[0] == (byte)'M' && tiff[1] == (byte)'M'))
        {
            return 1;
        }

        if (U16(tiff, 2, little) != 42)
        {
            return 1;
        }

        uint ifd = little ? BinaryPrimitives.ReadUInt32LittleEndian(tiff[4..]) : BinaryPrimitives.ReadUInt32BigEndian(tiff[4..]);
        if (ifd < 8 || ifd + 2 > (uint)tiff.Length)
        {
            return 1;
        }

        int count = U16(tiff, (int)ifd, little);
        for (int i = 0; i < count; i++)
        {
            int entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > tiff.Length)
            {
                break;
            }

            if (U16(tiff, entry, little) == 0x0112 && U16(tiff, entry + 2, little) == 3)
            {
                int value = U16(tiff, entry + 8, little);
                return value is >= 1 and <= 8 ? value : 1;
            }
        }

        return 1;
    }

    private static ushort U16(ReadOnlySpan<byte> tiff, int offset, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(tiff[offset..]) : BinaryPrimitives.ReadUInt16BigEndian(tiff[offset..]);
}
