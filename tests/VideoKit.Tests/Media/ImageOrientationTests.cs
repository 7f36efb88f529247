using VideoKit.Media;

namespace VideoKit.Tests.Media;

public sealed class ImageOrientationTests
{
    // A TIFF block holding IFD0 with one entry, Orientation (SHORT), in either byte order.
    private static byte[] Tiff(int orientation, bool little) => little
        ? [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0]
        : [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];

    [Theory]
    [InlineData(6, true)]
    [InlineData(8, false)]
    public void FromHeader_FindsTheTagInJpegPngAndWebP(int orientation, bool little)
    {
        byte[] exif = [.. "Exif\0\0"u8, .. Tiff(orientation, little)];
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xE1, 0, (byte)(exif.Length + 2), .. exif, 0xFF, 0xDA, 0, 2];
        byte[] tiff = Tiff(orientation, little);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, (byte)tiff.Length, .. "eXIf"u8, .. tiff, 0, 0, 0, 0];
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. "EXIF"u8, (byte)tiff.Length, 0, 0, 0, .. tiff];

        Assert.Equal(orientation, ImageOrientation.FromHeader(jpeg));
        Assert.Equal(orientation, ImageOrientation.FromHeader(png));
        Assert.Equal(orientation, ImageOrientation.FromHeader(webp));
    }

    [Fact]
    public void FromHeader_NoTagTruncatedOrNotAnImage_IsUpright()
    {
        byte[] exif = [.. "Exif\0\0"u8, .. Tiff(6, little: false)];
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE1, 0, (byte)(exif.Length + 2), .. exif];

        Assert.Equal(1, ImageOrientation.FromHeader(jpeg.AsSpan(0, 20)));          // cut inside the APP1 segment
        Assert.Equal(1, ImageOrientation.FromHeader([0xFF, 0xD8, 0xFF, 0xDA, 0, 2]));
        Assert.Equal(1, ImageOrientation.FromHeader("ftypisom"u8));
        Assert.Equal(1, ImageOrientation.FromHeader([]));
    }

    [Theory]
    [InlineData(1, null, 0)]
    [InlineData(3, "hflip,vflip", 180)]
    [InlineData(5, "transpose=cclock_flip", 90)]
    [InlineData(6, "transpose=clock", 90)]
    [InlineData(7, "transpose=clock_flip", 270)]
    [InlineData(8, "transpose=cclock", 270)]
    public void FilterAndRotation_StandThePictureUpright(int orientation, string? filter, int rotation)
    {
        Assert.Equal(filter, ImageOrientation.Filter(orientation));
        Assert.Equal(rotation, ImageOrientation.Rotation(orientation));
    }
}
