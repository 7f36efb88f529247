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
/// left unread (or, for a span a later member replays, keeps them). Each decoded span yields exactly its frame count
/// (the last picture repeated when the file ends early), so the frames of later spans stay aligned.
/// </remarks>
internal sealed class ClipDecoderGroup : IAsyncDisposable
{
    /// <summary>
    /// The most spans one decoder decodes. Each span is an input FFmpeg keeps open until it exits (about 14 MB for a
    /// 720p H.264 file): four spans take 115 MB where four processes took 4 × 88 MB, one after the other, and cost about
    /// half the CPU (measured: 0.55 s against 1.0 s for four 29-frame spans). A span that replays an earlier one (see
    /// <see cref="TryAdd"/>) is no input and does not count.
    /// </summary>
    public const int MaxInputs = 4;

    private readonly string _path;
    private readonly int _frameBytes;
    private readonly List<Member> _members = [];
    private readonly List<DecodedSpan> _decoded = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _startLock = new();
    private FFmpegProcess? _process;
    private long _position;
    private bool _ended;
    private bool _damageChecked;
    private bool _disposed;
    private bool _refused;
    private FrameRate _rate;
    private VideoKitOptions? _options;

    /// <summary>Creates an empty group for spans of <paramref name="path"/> fitted with <paramref name="fit"/>, frames of <paramref name="frameBytes"/>.</summary>
    public ClipDecoderGroup(string path, FitMode fit, int frameBytes)
    {
        _path = path;
        Fit = fit;
        _frameBytes = frameBytes;
    }

    /// <summary>How every span of the group is fitted.</summary>
    public FitMode Fit { get; }

    /// <summary>How many spans the group serves (decoded or replayed).</summary>
    public int Count => _members.Count;

    /// <summary>How many spans FFmpeg decodes (its inputs).</summary>
    public int Inputs => _decoded.Count;

    /// <summary>How many spans are served from the frames of an earlier one.</summary>
    public int Replays => _members.Count - _decoded.Count;

    /// <summary>The last output frame on which a member is used (planning: a new member must start after it).</summary>
    public long LastUse { get; set; } = -1;

    /// <summary>The running decoder process (for tests), or <see langword="null"/> before the first member starts it.</summary>
    internal FFmpegProcess? Process => _process;

    /// <summary>
    /// Adds a span (before the group starts) used on output frames <paramref name="firstUse"/> to
    /// <paramref name="lastUse"/>; returns its member index, or -1 when the group cannot take it (its inputs are full).
    /// A span with the same in point and speed as one the group already decodes (a beat edit that returns to the start
    /// of the same clip) replays that span's frames instead of decoding them again: the group keeps the frames (pooled
    /// transport buffers, handed on by reference) from their decode until the replaying span is done, as long as
    /// <paramref name="budget"/> allows it.
    /// </summary>
    public int TryAdd(TimeSpan inPoint, TimeSpan span, double speed, long frames, long firstUse, long lastUse, ReplayBudget budget)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("Spans are added before the decoder starts.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        DecodedSpan? same = _decoded.Find(d => d.InPoint == inPoint && Math.Abs(d.Speed - speed) < 1e-9);
        if (same is not null)
        {
            long keep = Math.Max(same.Frames, frames);
            if (budget.TryHold(same, same.FirstUse, lastUse, keep * _frameBytes))
            {
                same.Frames = keep;
                same.Span = same.Span > span ? same.Span : span;
                same.Replayed = true;
                same.LastMember = _members.Count;
                _members.Add(new Member(frames, same, NewReleased()));
                return _members.Count - 1;
            }
        }

        if (_decoded.Count >= MaxInputs)
        {
            return -1;
        }

        var decoded = new DecodedSpan(inPoint, speed) { Span = span, Frames = frames, FirstUse = firstUse, LastMember = _members.Count };
        _decoded.Add(decoded);
        _members.Add(new Member(frames, decoded, NewReleased()));
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
    public bool TryStart(string fullPath, VideoStreamInfo video, TimeSpan fileDuration, FrameSourceContext context, FitFilter.YuvMatrix matrix, string? decoder, CancellationToken cancellationToken)
    {
        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_process is not null)
            {
                return true;
            }

            if (_refused || _decoded.Any(d => d.InPoint > LastSafeInPoint(video, fileDuration)))
            {
                _refused = true;
                return false;
            }

            _rate = context.FrameRate;
            _options = context.Options;
            if (YuvConverter.FrameSize(context.OutputSize.Width, context.OutputSize.Height) != _frameBytes)
            {
                throw new InvalidOperationException("The group was planned for another frame size.");
            }

            long offset = 0;
            foreach (DecodedSpan d in _decoded)
            {
                d.Offset = offset;
                offset += d.Frames;
            }

            _process = FFmpegProcess.Start(FFmpegTools.Locate(context.Options).FFmpegPath,
                BuildArguments(fullPath, [.. _decoded.Select(d => (d.InPoint, d.Span, d.Speed, d.Frames))], Fit, context.OutputSize, context.FrameRate, matrix,
                    VideoClipSource.SourceFilters(video, opaque: true, rgba: false, decoder)), // the members are clips of the video track
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
    /// Frame <paramref name="index"/> of member <paramref name="member"/> (frames are read in order): a reference the
    /// caller releases, or <see langword="null"/> when the span has no such frame (the file ended before it).
    /// </summary>
    public async ValueTask<SharedFrameBuffer?> ReadAsync(int member, long index, CancellationToken cancellationToken)
    {
        for (int m = 0; m < member; m++)
        {
            await _members[m].Released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        Member me = _members[member];
        if (index >= me.Frames)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DecodedSpan span = me.Span;
            if (span.Cache is { } cache && index < cache.Count)
            {
                return cache[(int)index].AddReference();
            }

            FFmpegProcess process = _process ?? throw new InvalidOperationException($"The decoder of '{_path}' was not started.");
            long wanted = span.Offset + index;
            if (_position > wanted)
            {
                // Passed without being kept: only a span nobody replays is skipped, and it is read in order.
                throw new InvalidOperationException($"Frame {index} of a span of '{_path}' was asked for after a later frame.");
            }

            while (!_ended)
            {
                SharedFrameBuffer frame = SharedFrameBuffer.Rent(_frameBytes);
                int read;
                try
                {
                    read = await ImageSource.ReadFullyAsync(process.StandardOutput, frame.Array.AsMemory(0, _frameBytes), cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    frame.Release();
                    throw;
                }

                if (read < _frameBytes)
                {
                    frame.Release();
                    _ended = true;
                    int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (exit != 0)
                    {
                        throw new UnsupportedMediaException($"'{_path}' could not be decoded as video: {process.LastError()}.");
                    }

                    CheckDamage(process);
                    return null;
                }

                long at = Interlocked.Increment(ref _position) - 1;
                CheckDamage(process);
                // A frame of a span that a later member replays is kept (one reference) until that member is done.
                if (SpanAt(at) is { Replayed: true, Done: false } owner)
                {
                    (owner.Cache ??= []).Add(frame.AddReference());
                }

                if (at == wanted)
                {
                    return frame;
                }

                frame.Release();
            }

            return null;
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
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // The frames kept for replays go back to the pool once the last span that replays them is done.
            foreach (DecodedSpan d in _decoded)
            {
                if (!d.Done && _members[d.LastMember].Released.Task.IsCompleted)
                {
                    d.Done = true;
                    d.DropCache();
                }
            }
        }
        finally
        {
            _gate.Release();
        }

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
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (DecodedSpan d in _decoded)
            {
                d.Done = true;
                d.DropCache();
            }

            if (process is not null)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The decoded span that frame <paramref name="position"/> of the decoder's output belongs to.</summary>
    private DecodedSpan? SpanAt(long position)
    {
        foreach (DecodedSpan d in _decoded)
        {
            if (position >= d.Offset && position < d.Offset + d.Frames)
            {
                return d;
            }
        }

        return null;
    }

    private static TaskCompletionSource NewReleased() => new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            DecodedSpan d = _decoded.LastOrDefault(x => x.Offset <= frame) ?? _decoded[0];
            where = DamagePolicy.NearSeconds(d.InPoint.TotalSeconds + _rate.SecondsAt(frame - d.Offset));
        }

        DamagePolicy.Check(process, _path, where, _options);
    }

    /// <summary>
    /// The decoder's arguments: one input per span (accurate seek, read for the span at its speed), each resampled to
    /// the output rate and made exactly its frame count long, then concatenated and fitted in yuv420p.
    /// </summary>
    internal static IReadOnlyList<string> BuildArguments(string fullPath, IReadOnlyList<(TimeSpan InPoint, TimeSpan Span, double Speed, long Frames)> spans, FitMode fit, Resolution size, FrameRate rate, FitFilter.YuvMatrix matrix,
        SourceCorrections corrections = default)
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
            args.AddRange(corrections.InputOptions());
            args.AddRange(["-threads", "1", "-t", Seconds(read), "-i", fullPath]);
            string retime = Math.Abs(speed - 1) < 1e-9 ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $"setpts=(PTS-STARTPTS)/{speed:0.#########},");
            graph.Add(string.Create(CultureInfo.InvariantCulture,
                $"[{i}:v:0]{corrections.Filters ?? string.Empty}{retime}fps={rate},tpad=stop=-1:stop_mode=clone,trim=end_frame={frames},setpts=PTS-STARTPTS[vk{i}]"));
            labels += $"[vk{i}]";
        }

        graph.Add(string.Create(CultureInfo.InvariantCulture, $"{labels}concat=n={spans.Count}:v=1:a=0,{FitFilter.BuildYuv(fit, size, matrix)}[vkout]"));
        args.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[vkout]", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"]);
        return args;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A span the renderer reads: how many frames it yields, and the decoded span they come from.</summary>
    private sealed record Member(long Frames, DecodedSpan Span, TaskCompletionSource Released);

    /// <summary>A span FFmpeg decodes (one input), as long as the longest member that reads it.</summary>
    private sealed class DecodedSpan(TimeSpan inPoint, double speed)
    {
        public TimeSpan InPoint { get; } = inPoint;

        public double Speed { get; } = speed;

        public TimeSpan Span { get; set; }

        public long Frames { get; set; }

        /// <summary>Where its frames start in the decoder's output.</summary>
        public long Offset { get; set; }

        /// <summary>The output frame on which its first member is first used.</summary>
        public long FirstUse { get; init; }

        /// <summary>The last member that reads it.</summary>
        public int LastMember { get; set; }

        /// <summary>True when a later member replays it: its frames are kept as they are read.</summary>
        public bool Replayed { get; set; }

        /// <summary>True once its last member is done (nothing is kept any more).</summary>
        public bool Done { get; set; }

        public List<SharedFrameBuffer>? Cache { get; set; }

        public void DropCache()
        {
            foreach (SharedFrameBuffer b in Cache ?? [])
            {
                b.Release();
            }

            Cache = null;
        }
    }
}

/// <summary>
/// How many bytes of decoded frames a render may keep for replayed spans at any one time (planned before the render:
/// a span's frames are kept from its decoder's first use to the last use of the span that replays it). Past the budget
/// a span is decoded again instead.
/// </summary>
internal sealed class ReplayBudget(long capacity)
{
    /// <summary>
    /// The default: 256 MiB, about what two shared decoders of four inputs hold (115 MB each). A one-second span keeps
    /// 41 MB at 720p and 93 MB at 1080p.
    /// </summary>
    public const long DefaultBytes = 256L << 20;

    private readonly List<(object Owner, long Start, long End, long Bytes)> _held = [];

    /// <summary>Holds (or widens the hold of) <paramref name="owner"/>'s frames over output frames <paramref name="start"/> to <paramref name="end"/>, if they fit beside every other hold that overlaps.</summary>
    public bool TryHold(object owner, long start, long end, long bytes)
    {
        long others = 0;
        foreach ((object o, long s, long e, long b) in _held)
        {
            if (!ReferenceEquals(o, owner) && s <= end && start <= e)
            {
                others += b;
            }
        }

        if (others + bytes > capacity)
        {
            return false;
        }

        _held.RemoveAll(h => ReferenceEquals(h.Owner, owner));
        _held.Add((owner, start, end, bytes));
        return true;
    }
}
