namespace VideoKit.Media;

/// <summary>What an FFmpeg process was started for.</summary>
internal enum FFmpegProcessKind
{
    /// <summary>ffprobe reading a file's header.</summary>
    Probe,

    /// <summary>ffmpeg decoding a file (video, audio, image) to a pipe.</summary>
    Decoder,

    /// <summary>ffmpeg encoding frames from VideoKit into a file.</summary>
    Encoder,

    /// <summary>ffmpeg decoding a whole song once to check it and learn the length that decodes.</summary>
    Scan,
}

/// <summary>
/// Counts the FFmpeg processes started by work inside a scope (this async flow and the tasks it starts), so tests can
/// assert "one probe per file, one decoder per clip span". Every process VideoKit starts goes through
/// <see cref="FFmpegProcess"/>, which records itself in every scope open on its flow (scopes nest).
/// </summary>
/// <example>
/// <code>
/// using FFmpegProcessCount count = FFmpegProcessCount.Begin();
/// await renderer.RenderAsync(...);
/// Assert.Equal(4, count.Probes);
/// </code>
/// </example>
internal sealed class FFmpegProcessCount : IDisposable
{
    private static readonly AsyncLocal<FFmpegProcessCount?> s_current = new();
    private static long s_probes;
    private static long s_decoders;
    private static long s_encoders;
    private readonly FFmpegProcessCount? _parent;
    private readonly List<(FFmpegProcessKind Kind, string CommandLine)> _started = [];
    private readonly List<(FFmpegProcessKind Kind, int ProcessId)> _processes = [];
    private bool _disposed;

    private FFmpegProcessCount(FFmpegProcessCount? parent) => _parent = parent;

    /// <summary>ffprobe processes started since the process began (all flows).</summary>
    public static long TotalProbes => Interlocked.Read(ref s_probes);

    /// <summary>Decoding ffmpeg processes started since the process began (all flows).</summary>
    public static long TotalDecoders => Interlocked.Read(ref s_decoders);

    /// <summary>Encoding ffmpeg processes started since the process began (all flows).</summary>
    public static long TotalEncoders => Interlocked.Read(ref s_encoders);

    /// <summary>ffprobe processes started in this scope.</summary>
    public int Probes => Count(FFmpegProcessKind.Probe);

    /// <summary>Decoding ffmpeg processes started in this scope.</summary>
    public int Decoders => Count(FFmpegProcessKind.Decoder);

    /// <summary>Encoding ffmpeg processes started in this scope.</summary>
    public int Encoders => Count(FFmpegProcessKind.Encoder);

    /// <summary>Song scans (one full decode of the song per render, to check it) started in this scope.</summary>
    public int Scans => Count(FFmpegProcessKind.Scan);

    /// <summary>The command lines started in this scope, in order (for messages when a count is off).</summary>
    public IReadOnlyList<(FFmpegProcessKind Kind, string CommandLine)> Started
    {
        get
        {
            lock (_started)
            {
                return [.. _started];
            }
        }
    }

    /// <summary>The operating system's id of each process started in this scope, in order (for CPU accounting).</summary>
    public IReadOnlyList<(FFmpegProcessKind Kind, int ProcessId)> Processes
    {
        get
        {
            lock (_started)
            {
                return [.. _processes];
            }
        }
    }

    /// <summary>Opens a scope on the current async flow; dispose it to stop counting.</summary>
    public static FFmpegProcessCount Begin()
    {
        var scope = new FFmpegProcessCount(s_current.Value);
        s_current.Value = scope;
        return scope;
    }

    /// <summary>Restores the enclosing scope.</summary>
    public void Dispose()
    {
        _disposed = true;
        if (ReferenceEquals(s_current.Value, this))
        {
            s_current.Value = _parent;
        }
    }

    internal static void Record(FFmpegProcessKind kind, string commandLine, int processId = 0)
    {
        switch (kind)
        {
            case FFmpegProcessKind.Probe:
                Interlocked.Increment(ref s_probes);
                break;
            case FFmpegProcessKind.Decoder:
                Interlocked.Increment(ref s_decoders);
                break;
            case FFmpegProcessKind.Encoder:
                Interlocked.Increment(ref s_encoders);
                break;
        }

        for (FFmpegProcessCount? scope = s_current.Value; scope is not null; scope = scope._parent)
        {
            if (!scope._disposed)
            {
                lock (scope._started)
                {
                    scope._started.Add((kind, commandLine));
                    scope._processes.Add((kind, processId));
                }
            }
        }
    }

    private int Count(FFmpegProcessKind kind)
    {
        lock (_started)
        {
            return _started.Count(s => s.Kind == kind);
        }
    }
}
