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
    // The pool is process-wide and outlives renders, so it is trimmed after each full (gen 2) collection: a size nobody
    // rented for a while (a finished render's) gives its arrays back to the collector, and under memory pressure every
    // size does. This is what the shared array pool does for its own arrays.
    private const int MaxFreePerSize = 64;
    private const long IdleBeforeTrimMs = 10_000;
    private static readonly ConcurrentDictionary<int, Bin> s_free = new();
    private static int s_trimmerStarted;
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
        Volatile.Write(ref bin.LastRentMs, Environment.TickCount64);
        if (Interlocked.CompareExchange(ref s_trimmerStarted, 1, 0) == 0)
        {
            GcTrimmer.Start();
        }

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

    /// <summary>
    /// Gives the free arrays of every size not rented for <paramref name="idleMs"/> milliseconds back to the collector
    /// (0: all sizes). Returns how many arrays were dropped.
    /// </summary>
    internal static int Trim(long idleMs)
    {
        long now = Environment.TickCount64;
        int dropped = 0;
        foreach (Bin bin in s_free.Values)
        {
            if (now - Volatile.Read(ref bin.LastRentMs) < idleMs)
            {
                continue;
            }

            while (bin.Arrays.TryDequeue(out _))
            {
                Interlocked.Decrement(ref bin.Count);
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>The free arrays of one size.</summary>
    private sealed class Bin
    {
        public readonly ConcurrentQueue<byte[]> Arrays = new();
        public int Count;
        public long LastRentMs;
    }

    /// <summary>
    /// An object that is never referenced: its finalizer runs after the collection that finds it, and it re-registers
    /// itself, so once it lives in generation 2 it runs once after every full collection.
    /// </summary>
    private sealed class GcTrimmer
    {
        private GcTrimmer()
        {
        }

        public static void Start() => _ = new GcTrimmer();

        ~GcTrimmer()
        {
            if (Environment.HasShutdownStarted)
            {
                return;
            }

            GCMemoryInfo info = GC.GetGCMemoryInfo();
            bool pressure = info.HighMemoryLoadThresholdBytes > 0 && info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes * 9 / 10;
            Trim(pressure ? 0 : IdleBeforeTrimMs);
            GC.ReRegisterForFinalize(this);
        }
    }
}
