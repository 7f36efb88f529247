using System.Buffers;

namespace VideoKit.Rendering;

/// <summary>
/// A pooled, reference-counted frame in the transport layout. A still's converted picture is one buffer that every
/// frame showing it hands to the encoder (a reference each), so a frame that repeats costs no composing or conversion.
/// The array returns to the pool when the last reference is released.
/// </summary>
internal sealed class SharedFrameBuffer
{
    private int _references = 1;

    private SharedFrameBuffer(byte[] array, int length)
    {
        Array = array;
        Length = length;
    }

    public byte[] Array { get; }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    public Span<byte> Span => Array.AsSpan(0, Length);

    /// <summary>Rents a buffer holding one reference (the caller's).</summary>
    public static SharedFrameBuffer Rent(int length) => new(ArrayPool<byte>.Shared.Rent(length), length);

    /// <summary>Adds a reference and returns this buffer.</summary>
    public SharedFrameBuffer AddReference()
    {
        if (Interlocked.Increment(ref _references) <= 1)
        {
            throw new InvalidOperationException("The frame buffer was already returned to the pool.");
        }

        return this;
    }

    /// <summary>Drops a reference; the last one returns the array to the pool.</summary>
    public void Release()
    {
        int left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            ArrayPool<byte>.Shared.Return(Array);
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("The frame buffer was released more often than referenced.");
        }
    }
}
