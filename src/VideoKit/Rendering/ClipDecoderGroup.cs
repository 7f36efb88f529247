using System.Globalization;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>
/// One FFmpeg decoder for several spans of the same video file that a render uses one after the other (a beat edit
/// cuts back to the same clips again and again). Each span is its own input (<c>-ss/-t</c>, the same accurate seek a
/// span's own decoder makes), resampled to the output rate and padded or trimmed to exactly its frame count; the
/// spans are concatenated and fitted to the output size in yuv420p once, so the pipe carries the spans' frames back to
/// back. Starting an FFmpeg process costs tens of milliseconds of CPU (loading its libraries, opening the file): one
/// process per file instead of one per span removes most of that from a montage.
/// </summary>
/// <remarks>
/// Members read strictly in order: member <c>m</c> waits until every earlier member is released (the renderer groups
/// only spans whose uses do not overlap, in the order of their first use), then skips whatever frames an earlier member
/// left unread. Each span yields exactly its frame count (the last picture repeated when the file ends early), so the
/// frames of later spans stay aligned.
/// </remarks>
internal sealed class ClipDecoderGroup : IAsyncDisposable
{
    /// <summary>
    /// The most spans one decoder serves. Each span is an input FFmpeg keeps open until it exits (about 14 MB for a
    /// 720p H.264 file): four spans take 115 MB where four processes took 4 × 88 MB, one after the other, and cost about
    /// half the CPU (measured: 0.55 s against 1.0 s for four 29-frame spans).
    /// </summary>
    public const int MaxMembers = 4;

    private readonly string _path;
    private readonly List<Member> _members = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _startLock = new();
    private FFmpegProcess? _process;
    private int _frameBytes;
    private long _position;
    private bool _ended;
    private bool _damageChecked;
    private bool _disposed;
    private bool _refused;
    private FrameRate _rate;
    private VideoKitOptions? _options;

    /// <summary>Creates an empty group for spans of <paramref name="path"/> fitted with <paramref name="fit"/>.</summary>
    public ClipDecoderGroup(string path, FitMode fit)
    {
        _path = path;
        Fit = fit;
    }

    /// <summary>How every span of the group is fitted.</summary>
    public FitMode Fit { get; }

    /// <summary>How many spans the group decodes.</summary>
    public int Count => _members.Count;

    /// <summary>The last output frame on which a member is used (planning: a new member must start after it).</summary>
    public long LastUse { get; set; } = -1;

    /// <summary>The running decoder process (for tests), or <see langword="null"/> before the first member starts it.</summary>
    internal FFmpegProcess? Process => _process;

    /// <summary>Adds a span (before the group starts); returns its member index.</summary>
    public int Add(TimeSpan inPoint, TimeSpan span, double speed, long frames)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("Spans are added before the decoder starts.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        long offset = _members.Count == 0 ? 0 : _members[^1].Offset + _members[^1].Frames;
        _members.Add(new Member(inPoint, span, speed, frames, offset, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        return _members.Count - 1;
    }

    /// <summary>Frames member <paramref name="member"/> yields.</summary>
    public long FramesOf(int member) => _members[member].Frames;

    /// <summary>
    /// Starts the decoder (once, by whichever member prepares first), or refuses for good when a span starts so close to
    /// the end of the file's video that FFmpeg may give it no frame: an empty span would shift every later span's
    /// frames, so then each member decodes on its own (where a span without frames is reported with its own in point).
    /// </summary>
    /// <returns><see langword="false"/> when the members must use their own decoders.</returns>
    public bool TryStart(string fullPath, VideoStreamInfo video, TimeSpan fileDuration, FrameSourceContext context, FitFilter.YuvMatrix matrix, CancellationToken cancellationToken)
    {
        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_process is not null)
            {
                return true;
            }

            if (_refused || _members.Any(m => m.InPoint > LastSafeInPoint(video, fileDuration)))
            {
                _refused = true;
                return false;
            }

            _rate = context.FrameRate;
            _options = context.Options;
            _frameBytes = YuvConverter.FrameSize(context.OutputSize.Width, context.OutputSize.Height);
            _process = FFmpegProcess.Start(FFmpegTools.Locate(context.Options).FFmpegPath,
                BuildArguments(fullPath, [.. _members.Select(m => (m.InPoint, m.Span, m.Speed, m.Frames))], Fit, context.OutputSize, context.FrameRate, matrix),
                cancellationToken);
            _process.Position = () => Interlocked.Read(ref _position);
            return true;
        }
    }

    /// <summary>
    /// The latest in point that surely yields a frame: the video's end less two source frames (at least a quarter of a
    /// second, as frame timing near the end is uncertain, e.g. in variable-frame-rate files).
    /// </summary>
    internal static TimeSpan LastSafeInPoint(VideoStreamInfo video, TimeSpan fileDuration)
    {
        TimeSpan end = video.Duration > TimeSpan.Zero ? video.Duration : fileDuration;
        if (end <= TimeSpan.Zero)
        {
            return TimeSpan.MinValue; // unknown length: never share
        }

        TimeSpan frames = !video.FrameRate.IsEmpty && video.FrameRate.Numerator > 0 ? 2 * video.FrameRate.FrameDuration : TimeSpan.Zero;
        return end - (frames > TimeSpan.FromSeconds(0.25) ? frames : TimeSpan.FromSeconds(0.25));
    }

    /// <summary>
    /// Reads frame <paramref name="index"/> of member <paramref name="member"/> into <paramref name="into"/> (frames
    /// are read in order); false when the file ended before it.
    /// </summary>
    public async ValueTask<bool> ReadAsync(int member, long index, Memory<byte> into, CancellationToken cancellationToken)
    {
        for (int m = 0; m < member; m++)
        {
            await _members[m].Released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        Member me = _members[member];
        if (index >= me.Frames)
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            FFmpegProcess process = _process ?? throw new InvalidOperationException($"The decoder of '{_path}' was not started.");
            long wanted = me.Offset + index;
            if (_position > wanted)
            {
                throw new InvalidOperationException($"Frame {index} of a span of '{_path}' was asked for after a later frame.");
            }

            while (_position <= wanted)
            {
                if (_ended)
                {
                    return false;
                }

                int read = await ImageSource.ReadFullyAsync(process.StandardOutput, into[.._frameBytes], cancellationToken).ConfigureAwait(false);
                if (read < _frameBytes)
                {
                    _ended = true;
                    int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (exit != 0)
                    {
                        throw new UnsupportedMediaException($"'{_path}' could not be decoded as video: {process.LastError()}.");
                    }

                    CheckDamage(process);
                    return false;
                }

                Interlocked.Increment(ref _position);
                CheckDamage(process);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks a member finished (its source closed); the decoder stops after the last one.</summary>
    public async ValueTask ReleaseAsync(int member)
    {
        _members[member].Released.TrySetResult();
        if (_members.All(m => m.Released.Task.IsCompleted))
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        FFmpegProcess? process;
        lock (_startLock)
        {
            _disposed = true;
            process = Interlocked.Exchange(ref _process, null);
        }

        foreach (Member m in _members)
        {
            // A member still waiting for its turn gives up (its own render is being torn down).
            m.Released.TrySetResult();
        }

        if (process is not null)
        {
            // Stopped first, so a reader still inside ReadAsync sees the end of the pipe and lets go of the gate.
            process.Kill();
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Applies the damage policy once, as soon as FFmpeg has reported an error (or at the end).</summary>
    private void CheckDamage(FFmpegProcess process)
    {
        if (_damageChecked || process.ErrorLineCount == 0)
        {
            return;
        }

        _damageChecked = true;
        long frame = process.FirstErrorPosition;
        string where = string.Empty;
        if (frame >= 0)
        {
            Member m = _members.LastOrDefault(x => x.Offset <= frame) ?? _members[0];
            where = DamagePolicy.NearSeconds(m.InPoint.TotalSeconds + _rate.SecondsAt(frame - m.Offset));
        }

        DamagePolicy.Check(process, _path, where, _options);
    }

    /// <summary>
    /// The decoder's arguments: one input per span (accurate seek, read for the span at its speed), each resampled to
    /// the output rate and made exactly its frame count long, then concatenated and fitted in yuv420p.
    /// </summary>
    internal static IReadOnlyList<string> BuildArguments(string fullPath, IReadOnlyList<(TimeSpan InPoint, TimeSpan Span, double Speed, long Frames)> spans, FitMode fit, Resolution size, FrameRate rate, FitFilter.YuvMatrix matrix)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error" };
        var graph = new List<string>();
        string labels = string.Empty;
        for (int i = 0; i < spans.Count; i++)
        {
            (TimeSpan inPoint, TimeSpan span, double speed, long frames) = spans[i];
            if (inPoint > TimeSpan.Zero)
            {
                args.AddRange(["-ss", Seconds(inPoint)]);
            }

            // The input is read for the span at its speed, plus a frame for the rate conversion's rounding.
            TimeSpan read = TimeSpan.FromTicks((long)Math.Ceiling(span.Ticks * speed)) + rate.FrameDuration;
            // One decoding thread per span: the spans decode one after the other beside the encoder, and every
            // thread keeps its own frames (frame threading would hold several pictures per open input).
            args.AddRange(MediaPath.LiteralInputOptions(fullPath));
            args.AddRange(["-threads", "1", "-t", Seconds(read), "-i", fullPath]);
            string retime = Math.Abs(speed - 1) < 1e-9 ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $"setpts=(PTS-STARTPTS)/{speed:0.#########},");
            graph.Add(string.Create(CultureInfo.InvariantCulture,
                $"[{i}:v:0]{retime}fps={rate},tpad=stop=-1:stop_mode=clone,trim=end_frame={frames},setpts=PTS-STARTPTS[vk{i}]"));
            labels += $"[vk{i}]";
        }

        graph.Add(string.Create(CultureInfo.InvariantCulture, $"{labels}concat=n={spans.Count}:v=1:a=0,{FitFilter.BuildYuv(fit, size, matrix)}[vkout]"));
        args.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[vkout]", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"]);
        return args;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    private sealed record Member(TimeSpan InPoint, TimeSpan Span, double Speed, long Frames, long Offset, TaskCompletionSource Released);
}
