using System.Buffers;

namespace VideoKit.Rendering;

/// <summary>
/// A pooled, reference-counted frame in the transport layout. A still's converted picture is one buffer that every
/// frame showing it hands to the encoder (a reference each), so a frame that repeats costs no composing or conversion.
/// The array returns to the pool when the last reference is released.
/// </summary>
internal sealed class SharedFrameBuffer
{
    // A pool of its own: a render keeps a few dozen transport frames in flight (the window, the encoder's queue, each
    // clip's current picture), more than the shared pool keeps per size, which then allocated (and zeroed) a new
    // 2 MiB array for about one frame in ten.
    private static readonly ArrayPool<byte> s_pool = ArrayPool<byte>.Create(maxArrayLength: 1 << 27, maxArraysPerBucket: 64);
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

    /// <summary>
    /// True while more than one reference is held. A holder that sees false is the only one (nobody else can add a
    /// reference), so it may write into the buffer again.
    /// </summary>
    public bool IsShared => Volatile.Read(ref _references) > 1;

    /// <summary>The bytes a pooled buffer of <paramref name="length"/> takes (the pool rounds up to a power of two).</summary>
    public static long PooledSize(int length) => (long)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length);

    /// <summary>Rents a buffer holding one reference (the caller's).</summary>
    public static SharedFrameBuffer Rent(int length) => new(s_pool.Rent(length), length);

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
            s_pool.Return(Array);
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("The frame buffer was released more often than referenced.");
        }
    }
}
