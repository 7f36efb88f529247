using System.Collections.Concurrent;

namespace VideoKit.Rendering;

/// <summary>
/// A pooled, reference-counted frame in the transport layout. A still's converted picture is one buffer that every
/// frame showing it hands to the encoder (a reference each), so a frame that repeats costs no composing or conversion.
/// The array returns to the pool when the last reference is released.
/// </summary>
internal sealed class SharedFrameBuffer
{
    // A pool of its own, of arrays of exactly the frame's size: a render holds dozens of transport frames at once (the
    // window, the encoder's queue, each clip's current picture, the frames kept for replayed spans), more than the shared
    // pool keeps per size, and the shared pool's power-of-two arrays would take 2 MiB for a 1.4 MB 720p frame.
    private const int MaxFreePerSize = 64;
    private static readonly ConcurrentDictionary<int, Bin> s_free = new();
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

    /// <summary>Rents a buffer of exactly <paramref name="length"/> bytes holding one reference (the caller's).</summary>
    public static SharedFrameBuffer Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Bin bin = s_free.GetOrAdd(length, static _ => new Bin());
        if (bin.Arrays.TryDequeue(out byte[]? array))
        {
            Interlocked.Decrement(ref bin.Count);
        }
        else
        {
            array = GC.AllocateUninitializedArray<byte>(length);
        }

        return new(array, length);
    }

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
            Bin bin = s_free.GetOrAdd(Array.Length, static _ => new Bin());
            if (Interlocked.Increment(ref bin.Count) <= MaxFreePerSize)
            {
                bin.Arrays.Enqueue(Array);
            }
            else
            {
                Interlocked.Decrement(ref bin.Count); // enough kept: this one goes to the collector
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("The frame buffer was released more often than referenced.");
        }
    }

    /// <summary>The free arrays of one size.</summary>
    private sealed class Bin
    {
        public readonly ConcurrentQueue<byte[]> Arrays = new();
        public int Count;
    }
}
