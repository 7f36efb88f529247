using System.Runtime.Intrinsics;

namespace VideoKit.Imaging;

/// <summary>Per-row pixel layout conversions.</summary>
internal static class PixelConverter
{
    /// <summary>Swaps bytes 0 and 2 of every 4-byte pixel in place (RGBA ↔ BGRA).</summary>
    /// <param name="pixels">Whole pixels (length a multiple of 4).</param>
    public static void SwapRedBlue(Span<byte> pixels)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<byte> shuffle = Vector128.Create((byte)2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15);
            for (; i <= pixels.Length - 16; i += 16)
            {
                Vector128.Shuffle(Vector128.Create<byte>(pixels[i..]), shuffle).CopyTo(pixels[i..]);
            }
        }

        for (; i + 3 < pixels.Length; i += 4)
        {
            (pixels[i], pixels[i + 2]) = (pixels[i + 2], pixels[i]);
        }
    }
}
