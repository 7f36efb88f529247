using System.Globalization;
using VideoKit.Media;

namespace VideoKit.Benchmarks.Editing;

/// <summary>
/// CPU time (user + system) of this process and of the FFmpeg processes a <see cref="FFmpegProcessCount"/> scope
/// started, by kind. The children's total is exact (the kernel adds every reaped child to this process's
/// <c>cutime + cstime</c>); the split by kind samples each child's <c>/proc/PID/stat</c> every 10 ms on a thread of its
/// own (whose CPU is left out of the .NET figure), so it misses at most a few ms per process: that remainder is shown.
/// Linux only; elsewhere every figure is NaN.
/// </summary>
internal sealed class ProcessCpu : IDisposable
{
    private static readonly double s_tick = 0.01; // USER_HZ is 100 on every Linux kernel configuration in use
    private readonly FFmpegProcessCount? _scope;
    private readonly Dictionary<int, (FFmpegProcessKind Kind, long Ticks)> _last = [];
    private readonly Thread? _sampler;
    private readonly long _selfStart;
    private readonly long _childrenStart;
    private volatile bool _stop;
    private long _samplerTicks;

    private ProcessCpu(FFmpegProcessCount? scope)
    {
        _scope = scope;
        (_selfStart, _childrenStart) = SelfAndChildren();
        if (scope is not null && OperatingSystem.IsLinux())
        {
            _sampler = new Thread(Sample) { IsBackground = true, Name = "cpu sampler" };
            _sampler.Start();
        }
    }

    /// <summary>Starts measuring; with a scope, also splits the children's time by kind.</summary>
    public static ProcessCpu Begin(FFmpegProcessCount? scope = null) => new(scope);

    /// <summary>Stops measuring (after the work and its processes have ended) and returns the figures in seconds.</summary>
    public CpuFigures Stop()
    {
        _stop = true;
        _sampler?.Join();
        (long self, long children) = SelfAndChildren();
        var byKind = new Dictionary<FFmpegProcessKind, (int Count, double Seconds)>();
        lock (_last)
        {
            foreach ((FFmpegProcessKind kind, int pid) in _scope?.Processes ?? [])
            {
                byKind.TryGetValue(kind, out (int Count, double Seconds) k);
                long ticks = _last.TryGetValue(pid, out (FFmpegProcessKind Kind, long Ticks) seen) ? seen.Ticks : 0;
                byKind[kind] = (k.Count + 1, k.Seconds + (ticks * s_tick));
            }
        }

        return new CpuFigures(
            (self - _selfStart - _samplerTicks) * s_tick,
            (children - _childrenStart) * s_tick,
            byKind);
    }

    public void Dispose()
    {
        _stop = true;
        _sampler?.Join();
    }

    private void Sample()
    {
        int me = Environment.ProcessId;
        var gone = new HashSet<int>();
        while (!_stop)
        {
            foreach ((FFmpegProcessKind kind, int pid) in _scope!.Processes)
            {
                if (pid <= 0 || gone.Contains(pid))
                {
                    continue;
                }

                if (ReadStat($"/proc/{pid}/stat") is { } stat && stat.Parent == me)
                {
                    lock (_last)
                    {
                        _last[pid] = (kind, stat.Ticks);
                    }
                }
                else
                {
                    gone.Add(pid); // exited and reaped: its last reading stands
                }
            }

            Thread.Sleep(10);
        }

        _samplerTicks = ReadStat("/proc/thread-self/stat")?.Ticks ?? 0;
    }

    private static (long Self, long Children) SelfAndChildren()
    {
        string[]? f = Fields("/proc/self/stat");
        return f is null ? (0, 0) : (Long(f, 14) + Long(f, 15), Long(f, 16) + Long(f, 17));
    }

    private static (int Parent, long Ticks)? ReadStat(string path)
    {
        string[]? f = Fields(path);
        return f is null ? null : ((int)Long(f, 4), Long(f, 14) + Long(f, 15));
    }

    /// <summary>The fields of a stat line, numbered as in proc(5) (1 = pid, 2 = comm), or null when it is gone.</summary>
    private static string[]? Fields(string path)
    {
        string line;
        try
        {
            line = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        int close = line.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // Fields 3.. follow the command name, which may hold spaces; pad so that index = field number.
        return ["", "", "", .. line[(close + 2)..].Split(' ')];
    }

    private static long Long(string[] f, int field) => long.Parse(f[field], CultureInfo.InvariantCulture);
}

/// <summary>CPU seconds: this process (without the sampler), all its children, and the children split by kind.</summary>
internal sealed record CpuFigures(double Self, double Children, IReadOnlyDictionary<FFmpegProcessKind, (int Count, double Seconds)> ByKind)
{
    public double Total => Self + Children;

    public string Describe()
    {
        var parts = new List<string>();
        double attributed = 0;
        foreach (FFmpegProcessKind kind in Enum.GetValues<FFmpegProcessKind>())
        {
            if (ByKind.TryGetValue(kind, out (int Count, double Seconds) k))
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{k.Count} {Name(kind, k.Count)} {k.Seconds:0.00}"));
                attributed += k.Seconds;
            }
        }

        if (ByKind.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"unattributed {Children - attributed:0.00}"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"CPU {Total:0.00} s = .NET {Self:0.00} + FFmpeg {Children:0.00}")
            + (parts.Count > 0 ? " (" + string.Join(", ", parts) + ")" : string.Empty);
    }

    private static string Name(FFmpegProcessKind kind, int count) => kind switch
    {
        FFmpegProcessKind.Probe => "ffprobe",
        FFmpegProcessKind.Decoder => count == 1 ? "decoder" : "decoders",
        FFmpegProcessKind.Encoder => count == 1 ? "encoder" : "encoders",
        _ => count == 1 ? "song scan" : "song scans",
    };
}
