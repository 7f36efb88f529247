using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VideoKit.Imaging;

/// <summary>
/// A pooled, 4-byte-per-pixel image buffer: the unit every VideoKit stage reads and writes. Rows are contiguous with
/// <see cref="Stride"/> bytes each (exactly <c>Width × 4</c>, so the whole frame is one span FFmpeg can take as raw video).
/// Dispose it to return its memory to <see cref="FramePool"/>.
/// </summary>
public sealed class Frame : IDisposable
{
    /// <summary>Bytes per pixel of every frame.</summary>
    public const int BytesPerPixel = 4;

    private byte[]? _buffer;

    /// <summary>Rents a frame of the given size from the pool. Its pixels are not cleared; call <see cref="Clear"/> if needed.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="format">The byte order of the pixels.</param>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive, or the frame exceeds 128 MiB.</exception>
    public Frame(int width, int height, PixelFormat format = PixelFormat.Rgba32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        long length = (long)width * height * BytesPerPixel;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 1L << 27, nameof(width));
        Width = width;
        Height = height;
        Format = format;
        Stride = width * BytesPerPixel;
        _buffer = FramePool.Rent((int)length);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes from the start of one row to the start of the next.</summary>
    public int Stride { get; }

    /// <summary>The byte order of the pixels.</summary>
    public PixelFormat Format { get; }

    /// <summary>The size of the pixel data in bytes.</summary>
    public int Length => Stride * Height;

    /// <summary>All pixel bytes, row after row.</summary>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public Span<byte> Span => Buffer.AsSpan(0, Length);

    /// <summary>All pixel bytes as memory, for asynchronous writes.</summary>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public Memory<byte> Memory => Buffer.AsMemory(0, Length);

    private byte[] Buffer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer is null, this);
            return _buffer;
        }
    }

    /// <summary>The bytes of row <paramref name="y"/>.</summary>
    /// <param name="y">The row, from 0 at the top.</param>
    /// <returns>The row's <see cref="Stride"/> bytes.</returns>
    public Span<byte> GetRow(int y)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)y, (uint)Height, nameof(y));
        return Buffer.AsSpan(y * Stride, Stride);
    }

    /// <summary>Row <paramref name="y"/> as pixels.</summary>
    /// <param name="y">The row, from 0 at the top.</param>
    /// <returns>The row's pixels (interpret the channel order by <see cref="Format"/>).</returns>
    public Span<Rgba32> GetPixelRow(int y) => MemoryMarshal.Cast<byte, Rgba32>(GetRow(y));

    /// <summary>Sets every byte to zero (transparent black).</summary>
    public void Clear() => Span.Clear();

    /// <summary>Fills the frame with one opaque colour.</summary>
    /// <param name="red">Red, 0–255.</param>
    /// <param name="green">Green, 0–255.</param>
    /// <param name="blue">Blue, 0–255.</param>
    public void Fill(byte red, byte green, byte blue)
    {
        Rgba32 pixel = Format == PixelFormat.Rgba32 ? new Rgba32(red, green, blue, 255) : new Rgba32(blue, green, red, 255);
        MemoryMarshal.Cast<byte, Rgba32>(Span).Fill(pixel);
    }

    /// <summary>Copies the pixels into another frame of the same size and format.</summary>
    /// <param name="destination">The frame to overwrite.</param>
    /// <exception cref="ArgumentException">The sizes or formats differ.</exception>
    public void CopyTo(Frame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Width != Width || destination.Height != Height || destination.Format != Format)
        {
            throw new ArgumentException($"Cannot copy a {Width}x{Height} {Format} frame into a {destination.Width}x{destination.Height} {destination.Format} frame.", nameof(destination));
        }

        Span.CopyTo(destination.Span);
    }

    /// <summary>Creates a pooled copy of this frame.</summary>
    /// <returns>A new frame the caller owns.</returns>
    public Frame Clone()
    {
        var copy = new Frame(Width, Height, Format);
        Span.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>Copies the frame into a new ImageSharp image (RGBA), e.g. to save or inspect it.</summary>
    /// <returns>A new image the caller disposes.</returns>
    public Image<Rgba32> ToImage()
    {
        var image = new Image<Rgba32>(Width, Height);
        bool swap = Format == PixelFormat.Bgra32;
        image.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                Span<Rgba32> dst = accessor.GetRowSpan(y);
                MemoryMarshal.Cast<byte, Rgba32>(GetRow(y)).CopyTo(dst);
                if (swap)
                {
                    PixelConverter.SwapRedBlue(MemoryMarshal.AsBytes(dst));
                }
            }
        });
        return image;
    }

    /// <summary>Copies an ImageSharp image into a new pooled frame.</summary>
    /// <param name="image">The source image.</param>
    /// <param name="format">The byte order of the new frame.</param>
    /// <returns>A new frame the caller disposes.</returns>
    public static Frame FromImage(Image<Rgba32> image, PixelFormat format = PixelFormat.Rgba32)
    {
        ArgumentNullException.ThrowIfNull(image);
        var frame = new Frame(image.Width, image.Height, format);
        bool swap = format == PixelFormat.Bgra32;
        image.ProcessPixelRows(accessor =>
        {
            for (int y = 0; y < accessor.Height; y++)
            {
                Span<byte> dst = frame.GetRow(y);
                MemoryMarshal.AsBytes(accessor.GetRowSpan(y)).CopyTo(dst);
                if (swap)
                {
                    PixelConverter.SwapRedBlue(dst);
                }
            }
        });
        return frame;
    }

    /// <summary>Returns the buffer to the pool. The frame must not be used afterwards.</summary>
    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            FramePool.Return(buffer);
        }
    }
}
