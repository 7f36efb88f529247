namespace VideoKit.Media;

/// <summary>
/// Counts the FFprobe and FFmpeg processes started by the code that runs inside a scope (and everything it starts,
/// through <see cref="AsyncLocal{T}"/>), so a test or a benchmark can check how many processes a render needs without
/// being confused by renders running beside it.
/// </summary>
internal sealed class MediaProcessCounter : IDisposable
{
    private static readonly AsyncLocal<MediaProcessCounter?> s_current = new();
    private readonly MediaProcessCounter? _outer;
    private readonly List<string> _commands = [];
    private int _probes;
    private int _ffmpeg;

    private MediaProcessCounter(MediaProcessCounter? outer) => _outer = outer;

    /// <summary>FFprobe processes started in the scope.</summary>
    public int Probes => Volatile.Read(ref _probes);

    /// <summary>FFmpeg processes started in the scope (decoders, filters; not the FFMpegCore encoder).</summary>
    public int FFmpeg => Volatile.Read(ref _ffmpeg);

    /// <summary>The command lines started in the scope, in order.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Starts counting for the current asynchronous flow.</summary>
    public static MediaProcessCounter Begin()
    {
        var counter = new MediaProcessCounter(s_current.Value);
        s_current.Value = counter;
        return counter;
    }

    /// <summary>Called by the process layer for every process it starts.</summary>
    internal static void Record(string executable, string commandLine)
    {
        bool probe = Path.GetFileNameWithoutExtension(executable).Contains("ffprobe", StringComparison.OrdinalIgnoreCase);
        for (MediaProcessCounter? c = s_current.Value; c is not null; c = c._outer)
        {
            if (probe)
            {
                Interlocked.Increment(ref c._probes);
            }
            else
            {
                Interlocked.Increment(ref c._ffmpeg);
            }

            lock (c._commands)
            {
                c._commands.Add(commandLine);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (s_current.Value == this)
        {
            s_current.Value = _outer;
        }
    }
}
