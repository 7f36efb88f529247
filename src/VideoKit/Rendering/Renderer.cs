using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;

using VideoKit.Rendering.Segments;

namespace VideoKit.Rendering;

/// <summary>
/// Renders a <see cref="Timeline"/> to a video file. Frames are composed in parallel
/// (<see cref="VideoKitOptions.MaxDegreeOfParallelism"/> at once), converted to the encoder's layout on the same worker,
/// and handed to FFmpeg strictly in order through a bounded window, so memory stays flat however long the video is.
/// The song is FFmpeg's second input. Output is atomic: a temporary file beside the target, moved into place on success.
/// </summary>
/// <param name="options">Codec, quality, overwrite, parallelism; <see langword="null"/> for <see cref="RenderOptions.Default"/>.</param>
public sealed class Renderer(RenderOptions? options = null)
{
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The options this renderer uses.</summary>
    public RenderOptions Options { get; } = options ?? RenderOptions.Default;

    /// <summary>Renders <paramref name="timeline"/> to <paramref name="outputPath"/>.</summary>
    /// <param name="timeline">What to render.</param>
    /// <param name="outputPath">The video file; its extension picks the container (.mp4, .mov, .mkv, .webm).</param>
    /// <param name="progress">Receives progress at most 10 times a second, and once at the end.</param>
    /// <param name="cancellationToken">Stops the render: FFmpeg is stopped, no partial file is left.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="IOException">The output exists and <see cref="RenderOptions.Overwrite"/> is false.</exception>
    /// <exception cref="FFmpegNotFoundException">FFmpeg is not installed where the options say.</exception>
    /// <exception cref="FileNotFoundException">The song or an item's file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">The song has no sound or is empty, or an input cannot be decoded.</exception>
    /// <exception cref="TimelineValidationException">The timeline's explicit duration is longer than the song.</exception>
    /// <exception cref="ArgumentException">The output's extension is not a container VideoKit writes, or cannot hold the codec.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed to write the file.</exception>
    /// <exception cref="OperationCanceledException">The render was cancelled.</exception>
    public Task<RenderResult> RenderAsync(Timeline timeline, string outputPath, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        Options.Validate();
        return RenderCoreAsync(timeline, outputPath, progress, cancellationToken);
    }

    /// <summary>
    /// The segment seam: renders only <paramref name="range"/> of the timeline, video only, with the segment's encoder
    /// arguments (fixed GOP starting at the range's first frame, metadata). Used by <see cref="Segments.SegmentRenderer"/>.
    /// </summary>
    /// <remarks>The <paramref name="duration"/>, when given, is the video's length as the plan resolved it (the song is
    /// not probed and scanned again).</remarks>
    internal Task<RenderResult> RenderRangeAsync(Timeline timeline, FrameRange range, SegmentEncoding segment, string outputPath, IProgress<RenderProgress>? progress, CancellationToken cancellationToken, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        Options.Validate();
        return RenderCoreAsync(timeline, outputPath, progress, cancellationToken, range, segment, duration);
    }

    private async Task<RenderResult> RenderCoreAsync(Timeline timeline, string outputPath, IProgress<RenderProgress>? progress, CancellationToken cancellationToken,
        FrameRange? range = null, SegmentEncoding? segment = null, TimeSpan? knownDuration = null)
    {
        var clock = Stopwatch.StartNew();
        RenderOptions options = PlatformPresets.Apply(Options, outputPath); // a platform preset sets codec, quality, format
        EncoderArguments.CheckContainer(outputPath, options.Codec, options.Platform);
        string[] inputs = [.. timeline.InputFiles(), .. options.Inputs];
        VideoEncoder.CheckOutput(outputPath, options.Overwrite, inputs);
        FFmpegTools.Locate(options.Options);
        // The song's damage scan (a full decode) runs beside the render instead of before it; the file is only moved
        // into place once it agrees with the length rendered (a truncated song renders again at its decoded length).
        (TimeSpan duration, Task<TimeSpan>? scan) = knownDuration is { } known
            ? (known, null)
            : await ResolveDurationAsync(timeline, deferScan: true, cancellationToken).ConfigureAwait(false);
        try
        {
            return await RenderWithLengthAsync(timeline, outputPath, options, inputs, duration, scan, progress, clock, range, segment, cancellationToken).ConfigureAwait(false);
        }
        catch (SongLengthChangedException changed)
        {
            return await RenderWithLengthAsync(timeline, outputPath, options, inputs, changed.Length, null, progress, clock, range, segment, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (scan is not null)
            {
                try
                {
                    await scan.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Observed by the render that awaited it (or irrelevant after a cancellation).
                }
            }
        }
    }

    private async Task<RenderResult> RenderWithLengthAsync(Timeline timeline, string outputPath, RenderOptions options, string[] inputs, TimeSpan duration, Task<TimeSpan>? scan,
        IProgress<RenderProgress>? progress, Stopwatch clock, FrameRange? range, SegmentEncoding? segment, CancellationToken cancellationToken)
    {
        if (options.Platform is { } platform)
        {
            PlatformPresets.EnsureFits(platform, outputPath, timeline.Resolution, duration, options.MaxBitrateKbps);
        }

        EncoderSelection encoder = await HardwareEncoders.SelectAsync(options.Codec, options.Encoder, options.Options, cancellationToken).ConfigureAwait(false);
        if (options.PixelFormat is { } pixelFormat && await EncoderPixelFormats.ProblemAsync(pixelFormat, encoder.IsHardware ? null : encoder.Name, options.Options, cancellationToken).ConfigureAwait(false) is { } wrongFormat)
        {
            throw new ArgumentException($"RenderOptions.PixelFormat: {wrongFormat}.");
        }

        bool withSound = options.Platform != PlatformPreset.Gif; // a GIF has no sound
        long totalFrames = timeline.FrameRate.FrameCountFor(duration);
        if (totalFrames <= 0)
        {
            throw new VideoKitException($"The video would have no frames: {TimelineBuilder.Text(duration)} at {timeline.FrameRate} fps.");
        }

        // Items the video's end cuts are said once, by a whole render (not by each of its segments).
        List<string> warnings = [.. encoder.FellBack ? ["encoder: " + encoder.Reason] : Array.Empty<string>(), .. segment is null ? timeline.ItemsPastTheEnd(totalFrames) : []];
        warnings.ForEach(options.Options.Warn);

        FrameRange frames = range ?? new FrameRange(0, totalFrames);
        if (frames.End > totalFrames)
        {
            throw new ArgumentOutOfRangeException(nameof(range), $"{frames} is outside the video's {totalFrames} frames.");
        }

        var plan = new TimelinePlan(timeline.Items, timeline.FrameRate, totalFrames);
        // A segment has no sound (the stitcher muxes the mix once): it does not mix the audio.
        await using RenderAttachments attachments = await RenderAttachments.PrepareAsync(timeline, duration, Options.Options, cancellationToken, mixAudio: segment is null).ConfigureAwait(false);
        if (segment is null)
        {
            // Fonts the user's ASS file names that libass would silently substitute.
            warnings.AddRange(attachments.FontWarnings);
            attachments.FontWarnings.ToList().ForEach(options.Options.Warn);
        }

        // Software H.264/H.265/VP9 put key frames on the grid (every ~2 s from frame 0), whole renders and segments
        // alike, so a segmented render has its key frames where the whole render has them (a lossy segment starts on
        // the grid: SegmentPlan; a lossless one may start anywhere, and its key frames are then counted from its start).
        int? keyint = !encoder.IsHardware && options.Platform is null && options.Codec is VideoCodec.H264 or VideoCodec.H265 or VideoCodec.Vp9
            ? KeyframeGrid.Interval(timeline.FrameRate)
            : null;

        var settings = new VideoEncoderSettings
        {
            Size = timeline.Resolution,
            FrameRate = timeline.FrameRate,
            Codec = options.Codec,
            Crf = options.Crf,
            Preset = encoder.IsHardware ? null : options.Preset,
            PixelFormat = options.PixelFormat,
            AudioPath = segment is null && withSound ? attachments.AudioPath : null,
            AudioDuration = segment is null && withSound && attachments.AudioPath is not null ? duration : null,
            Subtitles = attachments.Subtitles,
            FontsFolder = attachments.FontsFolder,
            Segment = segment,
            KeyframeInterval = keyint,
            SubtitleOffset = segment is null ? TimeSpan.Zero : timeline.FrameRate.TimeAt(frames.Start),
            Overwrite = options.Overwrite,
            Options = options.Options,
            Inputs = inputs,
            Platform = options.Platform,
            HardwareEncoder = encoder.IsHardware ? encoder.Name : null,
            MaxFileBytes = options.MaxFileBytes,
            MaxBitrateKbps = options.MaxBitrateKbps,
        };

        await using var job = new RenderJob(plan, frames, timeline, settings, options, progress, clock, cancellationToken);
        await job.RunAsync(outputPath, scan is null ? null : async () =>
        {
            TimeSpan scanned = await scan.ConfigureAwait(false);
            if (timeline.Duration is null && scanned != duration)
            {
                throw new SongLengthChangedException(scanned);
            }
        }).ConfigureAwait(false);
        if (job.Note is { } note)
        {
            warnings.Add(note);
        }

        // Characters libass drew as empty boxes, named with the lines that hold them.
        foreach (string glyphs in Text.MissingGlyphs.Warnings(timeline.Text, job.MissingGlyphs, timeline.FrameRate.TimeAt(frames.Start), timeline.FrameRate.TimeAt(frames.End)))
        {
            warnings.Add(glyphs);
            options.Options.Warn(glyphs);
        }

        return new RenderResult
        {
            OutputPath = job.OutputPath,
            FrameCount = frames.Count,
            Duration = range is null ? duration : timeline.FrameRate.TimeAt(frames.End) - timeline.FrameRate.TimeAt(frames.Start),
            Resolution = timeline.Resolution,
            FrameRate = timeline.FrameRate,
            HasAudio = settings.AudioPath is not null,
            Elapsed = clock.Elapsed,
            Encoder = encoder.Name,
            EncoderReason = encoder.Reason,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Composes the single frame <paramref name="timeline"/> shows at <paramref name="time"/> (the frame whose interval
    /// holds it), exactly as a render would: the video track with its transitions, then the overlays, then the text
    /// (captions, karaoke, text items and an ASS file, drawn by libass from the same script and filter as the render, at
    /// that frame's time). For previews and thumbnails: only the items visible at that time are opened.
    /// </summary>
    /// <param name="timeline">What to render.</param>
    /// <param name="time">A time from the start of the video (clamped to the last frame).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The frame (RGBA, at the timeline's size); the caller disposes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time is negative.</exception>
    /// <exception cref="UnsupportedMediaException">The song or an input cannot be decoded.</exception>
    public async Task<Frame> RenderFrameAsync(Timeline timeline, TimeSpan time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        FFmpegTools.Locate(Options.Options);
        TimeSpan duration = (await ResolveDurationAsync(timeline, deferScan: false, cancellationToken).ConfigureAwait(false)).Duration;
        long totalFrames = timeline.FrameRate.FrameCountFor(duration);
        if (totalFrames <= 0)
        {
            throw new VideoKitException($"The video would have no frames: {TimelineBuilder.Text(duration)} at {timeline.FrameRate} fps.");
        }

        long frame = Math.Min(timeline.FrameRate.FrameIndexAt(time), totalFrames - 1);
        var plan = new TimelinePlan(timeline.Items, timeline.FrameRate, totalFrames);
        var settings = new VideoEncoderSettings { Size = timeline.Resolution, FrameRate = timeline.FrameRate, Options = Options.Options };
        await using var job = new RenderJob(plan, new FrameRange(frame, 1), timeline, settings, Options, null, Stopwatch.StartNew(), cancellationToken);
        Frame still = await job.ComposeStillAsync(frame, cancellationToken).ConfigureAwait(false);
        try
        {
            // The text the render burns in, from the same script and filter, at this frame's time.
            await using RenderAttachments attachments = await RenderAttachments.PrepareAsync(timeline, duration, Options.Options, cancellationToken, mixAudio: false).ConfigureAwait(false);
            foreach (string warning in attachments.FontWarnings)
            {
                Options.Options.Warn(warning);
            }

            if (attachments.Subtitles.Count > 0)
            {
                var glyphs = new Text.MissingGlyphs();
                await TextStill.BurnAsync(still, frame, timeline.FrameRate, attachments.Subtitles, attachments.FontsFolder, Options.Options, glyphs, cancellationToken).ConfigureAwait(false);
                foreach (string warning in Text.MissingGlyphs.Warnings(timeline.Text, glyphs.CodePoints, timeline.FrameRate.TimeAt(frame), timeline.FrameRate.TimeAt(frame + 1)))
                {
                    Options.Options.Warn(warning);
                }
            }

            return still;
        }
        catch
        {
            still.Dispose();
            throw;
        }
    }

    internal async Task<TimeSpan> ResolveDurationAsync(Timeline timeline, CancellationToken cancellationToken) =>
        (await ResolveDurationAsync(timeline, deferScan: false, cancellationToken).ConfigureAwait(false)).Duration;

    /// <summary>
    /// The video's length: the explicit duration, else the song's. With <paramref name="deferScan"/>, the song's damage
    /// scan is returned as a running task (its result is the length to use) instead of being awaited here.
    /// </summary>
    private async Task<(TimeSpan Duration, Task<TimeSpan>? Scan)> ResolveDurationAsync(Timeline timeline, bool deferScan, CancellationToken cancellationToken)
    {
        if (timeline.SongPath is not { } song)
        {
            return (timeline.Duration ?? throw new VideoKitException("The timeline has neither a song nor a duration."), null);
        }

        MediaInfo info;
        try
        {
            info = await MediaProbe.ProbeAsync(song, Options.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedMediaException ex)
        {
            // The probe's message names the file too: say it once, with the probe's reason alone.
            throw new UnsupportedMediaException($"The song '{song}' is not audio FFmpeg can read: {ex.Reason ?? ex.Message}", ex);
        }

        if (info.PrimaryAudio is null)
        {
            throw new UnsupportedMediaException($"The song '{song}' has no audio stream.");
        }

        TimeSpan songLength = info.Duration > TimeSpan.Zero ? info.Duration : info.PrimaryAudio.Duration;

        // The length that decodes, not the header's (a truncated file keeps its header); damage is refused or warned.
        // A header that promises less than a frame is checked first (the scan names what is wrong with such a song).
        if (deferScan && songLength > timeline.FrameRate.FrameDuration && (timeline.Duration is not { } wanted || TimelineBuilder.CheckAgainstSong(wanted, songLength, timeline.FrameRate, song) is null))
        {
            TimeSpan header = songLength;
            Task<TimeSpan> scan = Task.Run(async () =>
            {
                TimeSpan decoded = await SongScan.DecodedLengthAsync(song, header, timeline.FrameRate.FrameDuration, Options.Options, cancellationToken).ConfigureAwait(false);
                if (timeline.Duration is { } explicitLength && TimelineBuilder.CheckAgainstSong(explicitLength, decoded, timeline.FrameRate, song) is { } late)
                {
                    throw new TimelineValidationException(["duration: " + late]);
                }

                return timeline.Duration is null ? decoded : header;
            }, cancellationToken);
            return (timeline.Duration ?? songLength, scan);
        }

        songLength = await SongScan.DecodedLengthAsync(song, songLength, timeline.FrameRate.FrameDuration, Options.Options, cancellationToken).ConfigureAwait(false);
        if (timeline.Duration is null && songLength < timeline.FrameRate.FrameDuration)
        {
            // The song is the master clock: rounding it up to a frame would make a video longer than its song. (A song
            // this short is no song: beat analysis refuses anything under 3 s the same way.)
            throw new UnsupportedMediaException($"The song '{song}' is {TimelineBuilder.Text(songLength)} long, shorter than one frame at {timeline.FrameRate} fps ({TimelineBuilder.Text(timeline.FrameRate.FrameDuration)}); the video needs at least one frame of song.");
        }

        if (timeline.Duration is { } explicitLength && TimelineBuilder.CheckAgainstSong(explicitLength, songLength, timeline.FrameRate, song) is { } problem)
        {
            throw new TimelineValidationException(["duration: " + problem]);
        }

        return (timeline.Duration ?? songLength, null);
    }

    /// <summary>The song decoded to another length than its header said: the render starts again at that length.</summary>
    private sealed class SongLengthChangedException(TimeSpan length) : Exception("The song's decoded length differs from its header.")
    {
        public TimeSpan Length { get; } = length;
    }

    /// <summary>One render: the workers, the ordered writer, the sources and the encoder.</summary>
    private sealed class RenderJob : IAsyncDisposable
    {
        private readonly TimelinePlan _plan;
        private readonly FrameRange _range;
        private readonly long[] _firstUse;
        private readonly Timeline _timeline;
        private readonly VideoEncoderSettings _settings;
        private readonly RenderOptions _options;
        private readonly IProgress<RenderProgress>? _progress;
        private readonly Stopwatch _clock;
        private readonly CancellationTokenSource _cts;
        private readonly SourceSlot[] _slots;
        private readonly int[] _prepareOrder;
        private readonly TimelineItem[] _overlayItems;
        private readonly FrameSourceContext _context;
        private readonly int _window;
        private readonly SemaphoreSlim _room;
        private readonly TaskCompletionSource<SharedFrameBuffer>[] _ring;
        private readonly object _claimLock = new();
        private readonly long _lookahead;
        private readonly StillCache _stills = new();
        private readonly (TimelineEffect Effect, long Start, long Count)[] _effects;
        private VideoEncoder? _encoder;
        private SharedFrameBuffer? _black;
        private long _nextFrame;
        private int _nextPrepare;
        private readonly List<Task> _preparing = [];
        private readonly List<ClipDecoderGroup> _groups = [];
        private readonly int _maxPreparing;
        private long _composed;

        public RenderJob(TimelinePlan plan, FrameRange range, Timeline timeline, VideoEncoderSettings settings, RenderOptions options, IProgress<RenderProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
        {
            _plan = plan;
            _range = range;
            _nextFrame = range.Start;
            _timeline = timeline;
            _settings = settings;
            _options = options;
            _progress = progress;
            _clock = clock;
            _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _window = options.Window;
            _room = new SemaphoreSlim(_window, _window);
            _ring = new TaskCompletionSource<SharedFrameBuffer>[_window];
            for (int i = 0; i < _window; i++)
            {
                _ring[i] = NewSlot();
            }

            _context = new FrameSourceContext { OutputSize = timeline.Resolution, FrameRate = timeline.FrameRate, Options = options.Options };
            _effects = [.. timeline.Effects.Select(e =>
            {
                long start = timeline.FrameRate.NearestFrameAt(e.Start);
                return (e, start, Math.Max(1, timeline.FrameRate.NearestFrameAt(e.Start + e.Duration) - start));
            })];
            // Slots 0..n-1 are the video track's items, then one per overlay item (drawn over them in order).
            int videoItems = plan.Items.Count;
            _overlayItems = [.. timeline.Overlays];
            _slots = new SourceSlot[videoItems + _overlayItems.Length];
            _firstUse = new long[_slots.Length];
            var order = new List<int>();
            long[] usesOf = new long[videoItems];
            for (int k = 0; k < videoItems; k++)
            {
                // Only the frames in the range count: a source used before or after it is never opened.
                long first = Math.Max(plan.FirstUse[k], range.Start), last = Math.Min(plan.LastUse[k], range.End - 1);
                long uses = plan.FirstUse[k] < 0 || first > last ? 0 : CountUses(plan, k, first, last);
                _firstUse[k] = uses > 0 ? first : -1;
                usesOf[k] = uses;
                _slots[k] = new SourceSlot(plan.Items[k], uses, CreateSource);
                if (uses > 0)
                {
                    order.Add(k);
                }
            }

            ShareDecoders(plan, range, timeline, order, usesOf);

            for (int j = 0; j < _overlayItems.Length; j++)
            {
                TimelineItem overlay = _overlayItems[j];
                // Only the frames in the range count, as for the video track.
                long first = Math.Max(range.Start, overlay.StartFrame), end = Math.Min(Math.Min(plan.TotalFrames, range.End), overlay.EndFrame);
                int k = videoItems + j;
                _slots[k] = new SourceSlot(overlay, Math.Max(0, end - first), static item => new OverlaySource(item));
                _firstUse[k] = end > first ? first : -1;
                if (end > first)
                {
                    order.Add(k);
                }
            }

            order.Sort((a, b) => _firstUse[a].CompareTo(_firstUse[b]));
            _prepareOrder = [.. order];

            // Open sources about two seconds (and at least two windows) before they are needed: starting FFmpeg and
            // decoding a still or seeking a clip must not stall the encoder at a cut.
            _lookahead = Math.Max(_window * 2, (long)Math.Ceiling(2 * timeline.FrameRate.FramesPerSecond));
            _maxPreparing = Math.Max(1, options.Options.MaxDegreeOfParallelism - 1);
        }

        public string OutputPath => _encoder?.OutputPath ?? string.Empty;

        public string? Note => _encoder?.Note;

        public IReadOnlyList<int> MissingGlyphs => _encoder?.MissingGlyphs ?? [];

        public async Task RunAsync(string outputPath, Func<Task>? beforeMove = null)
        {
            CancellationToken token = _cts.Token;
            _encoder = VideoEncoder.Open(outputPath, _settings);
            int workers = Math.Max(1, Math.Min(_options.Options.MaxDegreeOfParallelism, _window));
            var tasks = new Task[workers + 1];
            for (int i = 0; i < workers; i++)
            {
                tasks[i] = Task.Run(() => WorkAsync(token), token);
            }

            tasks[workers] = WriteAsync(_encoder, token);
            try
            {
                await WhenAllOrFirstFailure(tasks).ConfigureAwait(false);
            }
            catch
            {
                await _cts.CancelAsync().ConfigureAwait(false);
                await DrainAsync(tasks).ConfigureAwait(false);
                throw;
            }

            if (beforeMove is not null)
            {
                await beforeMove().ConfigureAwait(false);
            }

            await _encoder.CompleteAsync(token).ConfigureAwait(false);
            Report(force: true);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_cts.IsCancellationRequested)
            {
                await _cts.CancelAsync().ConfigureAwait(false);
            }

            if (_encoder is not null)
            {
                await _encoder.DisposeAsync().ConfigureAwait(false);
            }

            foreach (SourceSlot slot in _slots)
            {
                await slot.CloseAsync().ConfigureAwait(false);
            }

            await _stills.DisposeAsync().ConfigureAwait(false);
            foreach (ClipDecoderGroup group in _groups)
            {
                await group.DisposeAsync().ConfigureAwait(false);
            }

            foreach (TaskCompletionSource<SharedFrameBuffer> slot in _ring)
            {
                if (slot.Task.IsCompletedSuccessfully)
                {
                    slot.Task.Result.Release();
                }
            }

            _black?.Release();

            _cts.Dispose();
            _room.Dispose();
        }

        /// <summary>
        /// Gives the video-track spans of one file that play one after the other a shared decoder (at most
        /// <see cref="ClipDecoderGroup.MaxInputs"/> decoded spans each): a beat edit returns to the same clips many times,
        /// and one FFmpeg process per span would spend more CPU starting than decoding. A span that starts where an
        /// earlier span of the group starts (same in point and speed) replays that span's frames, within the render's
        /// <see cref="ReplayBudget"/>. Spans whose uses overlap (a transition between two spans of the same file) get
        /// separate decoders.
        /// </summary>
        private void ShareDecoders(TimelinePlan plan, FrameRange range, Timeline timeline, List<int> used, long[] uses)
        {
            var byFirstUse = new List<int>(used);
            byFirstUse.Sort((a, b) => _firstUse[a].CompareTo(_firstUse[b]));
            var open = new Dictionary<(string, FitMode), ClipDecoderGroup>();
            var members = new List<(VideoClipSource Clip, ClipDecoderGroup Group, int Member)>();
            var budget = new ReplayBudget(ReplayBudget.DefaultBytes);
            int frameBytes = YuvConverter.FrameSize(timeline.Resolution.Width, timeline.Resolution.Height);
            foreach (int k in byFirstUse)
            {
                TimelineItem item = plan.Items[k];
                if (!item.OwnsSource || item.Kind != TimelineItemKind.Video || item.Path is null)
                {
                    continue;
                }

                IFrameSource source = CreateSource(item);
                if (source is not VideoClipSource clip || !clip.CanShareDecoder(timeline.Resolution))
                {
                    _slots[k] = new SourceSlot(item, uses[k], _ => source);
                    continue;
                }

                long last = Math.Min(plan.LastUse[k], range.End - 1);
                (string, FitMode) key = (Path.GetFullPath(clip.Name), clip.Fit);
                // Exactly the frames the span will be asked for (its last use, as the source maps it): a frame made and
                // piped past them would only be skipped by the next member.
                long frames = Math.Max(1, clip.FramesThrough(TimelinePlan.LocalTime(item, timeline.FrameRate, last), timeline.FrameRate));
                TimeSpan span = timeline.FrameRate.TimeAt(frames);
                int member = -1;
                if (open.TryGetValue(key, out ClipDecoderGroup? group) && group.LastUse < _firstUse[k])
                {
                    member = group.TryAdd(clip.InPoint, span, clip.Playback.Speed, frames, _firstUse[k], last, budget);
                }

                if (member < 0)
                {
                    group = new ClipDecoderGroup(clip.Name, clip.Fit, frameBytes);
                    open[key] = group;
                    _groups.Add(group);
                    member = group.TryAdd(clip.InPoint, span, clip.Playback.Speed, frames, _firstUse[k], last, budget);
                }

                group!.LastUse = last;
                members.Add((clip, group, member));
                _slots[k] = new SourceSlot(item, uses[k], _ => clip);
            }

            foreach ((VideoClipSource clip, ClipDecoderGroup group, int member) in members)
            {
                // A span alone in its group keeps its own decoder (the plain command line).
                if (group.Count > 1)
                {
                    clip.JoinGroup(group, member);
                }
            }

            _groups.RemoveAll(g => g.Count < 2);
        }

        /// <summary>Image items share decoded stills through the render's cache; other items create their own source.</summary>
        private IFrameSource CreateSource(TimelineItem item) =>
            item.Kind == TimelineItemKind.Image && item.OwnsSource && item.Path is not null
                ? _stills.Lease(item.Path, item.Fit)
                : item.CreateSource();

        private static long CountUses(TimelinePlan plan, int k, long first, long last)
        {
            long uses = 0;
            for (long f = first; f <= last; f++)
            {
                FrameComposition c = plan.Resolve(f);
                if (c.From == k || c.To == k)
                {
                    uses++;
                }
            }

            return uses;
        }

        private static TaskCompletionSource<SharedFrameBuffer> NewSlot() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        private static async Task WhenAllOrFirstFailure(Task[] tasks)
        {
            var pending = new List<Task>(tasks);
            while (pending.Count > 0)
            {
                Task done = await Task.WhenAny(pending).ConfigureAwait(false);
                await done.ConfigureAwait(false); // throws the first failure
                pending.Remove(done);
            }
        }

        private static async Task DrainAsync(Task[] tasks)
        {
            foreach (Task t in tasks)
            {
                try
                {
                    await t.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The first failure is already propagating.
                }
            }
        }

        private async Task WorkAsync(CancellationToken token)
        {
            while (true)
            {
                await _room.WaitAsync(token).ConfigureAwait(false);
                long frame;
                FrameComposition composition;
                long fromTicket = -1, toTicket = -1;
                (int Slot, long Ticket)[]? overlays;
                lock (_claimLock)
                {
                    frame = _nextFrame;
                    if (frame >= _range.End)
                    {
                        _room.Release();
                        return;
                    }

                    _nextFrame++;
                    composition = _plan.Resolve(frame);
                    if (composition.From >= 0)
                    {
                        fromTicket = _slots[composition.From].TakeTicket();
                    }

                    if (composition.To >= 0)
                    {
                        toTicket = _slots[composition.To].TakeTicket();
                    }

                    overlays = ClaimOverlays(frame);

                    // Sources needed soon are opened ahead, a few at a time, so that opening them does not take the
                    // processor from the frames and the source needed right now (a frame opens its own source anyway).
                    _preparing.RemoveAll(static t => t.IsCompleted);
                    while (_nextPrepare < _prepareOrder.Length && _firstUse[_prepareOrder[_nextPrepare]] <= frame + _lookahead && _preparing.Count < _maxPreparing)
                    {
                        Task prepared = _slots[_prepareOrder[_nextPrepare]].PrepareAsync(_context, token);
                        if (!prepared.IsCompleted)
                        {
                            _preparing.Add(prepared);
                        }

                        _nextPrepare++;
                    }
                }

                TaskCompletionSource<SharedFrameBuffer> slot = _ring[frame % _window];
                try
                {
                    SharedFrameBuffer encoded = overlays is null
                        ? await ComposeAsync(frame, composition, fromTicket, toTicket, token).ConfigureAwait(false)
                        : await ComposeLayersAsync(frame, composition, fromTicket, toTicket, overlays, token).ConfigureAwait(false);
                    Interlocked.Increment(ref _composed);
                    slot.TrySetResult(encoded);
                }
                catch (Exception ex)
                {
                    slot.TrySetException(ex);
                    throw;
                }
            }
        }

        private Task<SharedFrameBuffer> ComposeAsync(long frame, FrameComposition c, long fromTicket, long toTicket, CancellationToken token) =>
            _encoder!.Transport == TransportFormat.Yuv420p && !NeedsTransition(c) && !HasEffect(frame)
                ? ComposeYuvAsync(frame, c, fromTicket, toTicket, token)
                : ComposeRgbaAsync(frame, c, fromTicket, toTicket, token);

        /// <summary>
        /// Composes in yuv420p: each picture is converted once (a still once per render), a crossfade blends the
        /// converted pictures (the conversion is linear, so this equals converting the blend, to within rounding), and
        /// a frame that only shows a still hands the encoder the still's own buffer.
        /// </summary>
        private async Task<SharedFrameBuffer> ComposeYuvAsync(long frame, FrameComposition c, long fromTicket, long toTicket, CancellationToken token)
        {
            if (c.To < 0)
            {
                return Black();
            }

            SharedFrameBuffer to = await RenderYuvAsync(c.To, toTicket, frame, token).ConfigureAwait(false);
            if (!c.IsBlend)
            {
                return to;
            }

            SharedFrameBuffer? from = null;
            try
            {
                from = c.From >= 0 ? await RenderYuvAsync(c.From, fromTicket, frame, token).ConfigureAwait(false) : Black();
                var blended = SharedFrameBuffer.Rent(to.Length);
                CrossfadeKernel.Blend(from.Span, to.Span, blended.Span, CrossfadeKernel.Weight(c.Weight));
                return blended;
            }
            finally
            {
                from?.Release();
                to.Release();
            }
        }

        private async Task<SharedFrameBuffer> RenderYuvAsync(int k, long ticket, long frame, CancellationToken token)
        {
            SourceSlot slot = _slots[k];
            if (await BeginUseAsync(slot, ticket, token).ConfigureAwait(false) is IYuvStill still)
            {
                try
                {
                    return still.GetYuv420();
                }
                finally
                {
                    await EndUseAsync(slot).ConfigureAwait(false);
                }
            }

            if (slot.Source is IYuvFrameSource { ProducesYuv: true } clip)
            {
                // A clip decoded in yuv420p at the output size: the buffer its frame was read into goes to the encoder
                // as it is (no colour conversion, no copy).
                try
                {
                    return await clip.RenderYuvAsync(TimelinePlan.LocalTime(slot.Item, _timeline.FrameRate, frame), token).ConfigureAwait(false);
                }
                finally
                {
                    await EndUseAsync(slot).ConfigureAwait(false);
                }
            }

            Resolution size = _timeline.Resolution;
            using var picture = new Frame(size.Width, size.Height);
            try
            {
                await slot.Source!.RenderFrameAsync(TimelinePlan.LocalTime(slot.Item, _timeline.FrameRate, frame), picture, token).ConfigureAwait(false);
            }
            finally
            {
                await EndUseAsync(slot).ConfigureAwait(false);
            }

            var yuv = SharedFrameBuffer.Rent(_encoder!.FrameBytes);
            YuvConverter.Convert(picture, yuv.Span);
            return yuv;
        }

        private SharedFrameBuffer Black()
        {
            lock (_claimLock)
            {
                if (_black is null)
                {
                    Resolution size = _timeline.Resolution;
                    _black = SharedFrameBuffer.Rent(YuvConverter.FrameSize(size.Width, size.Height));
                    int luma = size.Width * size.Height;
                    _black.Span[..luma].Fill(16);
                    _black.Span[luma..].Fill(128);
                }

                return _black.AddReference();
            }
        }

        /// <summary>Composes in RGBA (for encoders fed RGBA: ProRes, FFV1, 4:4:4), then copies into the transport buffer.</summary>
        private async Task<SharedFrameBuffer> ComposeRgbaAsync(long frame, FrameComposition c, long fromTicket, long toTicket, CancellationToken token)
        {
            Resolution size = _timeline.Resolution;
            using var destination = new Frame(size.Width, size.Height);
            await ComposeVideoTrackAsync(frame, c, fromTicket, toTicket, destination, token).ConfigureAwait(false);
            return EncodeFrame(destination);
        }

        /// <summary>Composes the video track, then draws every overlay visible on this frame over it, in layer order.</summary>
        private async Task<SharedFrameBuffer> ComposeLayersAsync(long frame, FrameComposition c, long fromTicket, long toTicket, (int Slot, long Ticket)[] overlays, CancellationToken token)
        {
            Resolution size = _timeline.Resolution;
            using var destination = new Frame(size.Width, size.Height);
            await ComposeFrameAsync(frame, c, fromTicket, toTicket, overlays, destination, token).ConfigureAwait(false);
            return EncodeFrame(destination);
        }

        internal async Task ComposeFrameAsync(long frame, FrameComposition c, long fromTicket, long toTicket, (int Slot, long Ticket)[]? overlays, Frame destination, CancellationToken token)
        {
            await ComposeVideoTrackAsync(frame, c, fromTicket, toTicket, destination, token).ConfigureAwait(false);
            foreach ((int k, long ticket) in overlays ?? [])
            {
                SourceSlot slot = _slots[k];
                var source = (OverlaySource)await BeginUseAsync(slot, ticket, token).ConfigureAwait(false);
                try
                {
                    await source.DrawOverAsync(_timeline.FrameRate.TimeAt(frame) - slot.Item.Start, destination, token).ConfigureAwait(false);
                }
                finally
                {
                    await EndUseAsync(slot).ConfigureAwait(false);
                }
            }
        }

        /// <summary>The overlays visible on <paramref name="frame"/>, each with its ticket (called in frame order under the claim lock).</summary>
        private (int Slot, long Ticket)[]? ClaimOverlays(long frame)
        {
            List<(int, long)>? visible = null;
            int first = _plan.Items.Count;
            for (int j = 0; j < _overlayItems.Length; j++)
            {
                TimelineItem o = _overlayItems[j];
                if (frame >= o.StartFrame && frame < o.EndFrame)
                {
                    (visible ??= []).Add((first + j, _slots[first + j].TakeTicket()));
                }
            }

            return visible?.ToArray();
        }

        /// <summary>Composes one frame for a still preview (no encoder): the video track and the overlays.</summary>
        internal async Task<Frame> ComposeStillAsync(long frame, CancellationToken token)
        {
            FrameComposition c;
            long fromTicket = -1, toTicket = -1;
            (int Slot, long Ticket)[]? overlays;
            lock (_claimLock)
            {
                c = _plan.Resolve(frame);
                fromTicket = c.From >= 0 ? _slots[c.From].TakeTicket() : -1;
                toTicket = c.To >= 0 ? _slots[c.To].TakeTicket() : -1;
                overlays = ClaimOverlays(frame);
            }

            Resolution size = _timeline.Resolution;
            var destination = new Frame(size.Width, size.Height);
            try
            {
                await ComposeFrameAsync(frame, c, fromTicket, toTicket, overlays, destination, token).ConfigureAwait(false);
                return destination;
            }
            catch
            {
                destination.Dispose();
                throw;
            }
        }

        private SharedFrameBuffer EncodeFrame(Frame destination)
        {
            var buffer = SharedFrameBuffer.Rent(_encoder!.FrameBytes);
            try
            {
                _encoder.Encode(destination, buffer.Span);
            }
            catch
            {
                buffer.Release();
                throw;
            }

            return buffer;
        }

        private async Task ComposeVideoTrackAsync(long frame, FrameComposition c, long fromTicket, long toTicket, Frame destination, CancellationToken token)
        {
            Resolution size = _timeline.Resolution;
            if (NeedsTransition(c))
            {
                // Any transition but a plain crossfade: both pictures (or black) through the transition's own Compose.
                using var outgoing = new Frame(size.Width, size.Height);
                using var incoming = new Frame(size.Width, size.Height);
                Task drawOutgoing = c.From >= 0 ? RenderItemAsync(c.From, fromTicket, frame, outgoing, token) : FillBlack(outgoing);
                Task drawIncoming = c.To >= 0 ? RenderItemAsync(c.To, toTicket, frame, incoming, token) : FillBlack(incoming);
                await Task.WhenAll(drawOutgoing, drawIncoming).ConfigureAwait(false);
                _plan.Items[c.Window].Transition.Compose(_plan.TransitionFrameOf(c.Window, frame), outgoing, incoming, destination);
            }
            else if (c.To < 0)
            {
                destination.Fill(0, 0, 0);
            }
            else if (!c.IsBlend)
            {
                await RenderItemAsync(c.To, toTicket, frame, destination, token).ConfigureAwait(false);
            }
            else
            {
                using var from = new Frame(size.Width, size.Height);
                if (c.From >= 0)
                {
                    await RenderItemAsync(c.From, fromTicket, frame, from, token).ConfigureAwait(false);
                }
                else
                {
                    from.Fill(0, 0, 0);
                }

                await RenderItemAsync(c.To, toTicket, frame, destination, token).ConfigureAwait(false);
                CrossfadeKernel.Blend(from.Span, destination.Span, destination.Span, CrossfadeKernel.Weight(c.Weight));
            }

            if (_effects.Length > 0)
            {
                ApplyEffects(frame, destination);
            }
        }

        /// <summary>True when an effect draws on <paramref name="frame"/> (composed in RGBA).</summary>
        private bool HasEffect(long frame)
        {
            foreach ((TimelineEffect _, long start, long count) in _effects)
            {
                if (frame >= start && frame < start + count)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Draws the effects active on <paramref name="frame"/> over the video track's picture, in time order.</summary>
        private void ApplyEffects(long frame, Frame destination)
        {
            foreach ((TimelineEffect e, long start, long count) in _effects)
            {
                if (frame < start || frame >= start + count)
                {
                    continue;
                }

                double decay = 1 - ((double)(frame - start) / count);
                if (e.Kind == TimelineEffectKind.Flash)
                {
                    Editing.TransitionCompositor.Flash(destination, destination, e.Strength * decay);
                }
                else
                {
                    using var copy = new Frame(destination.Width, destination.Height, destination.Format);
                    destination.CopyTo(copy);
                    Editing.TransitionCompositor.Zoom(copy, destination, 1 + (e.Strength * decay * decay));
                }
            }
        }

        /// <summary>True when the frame is inside a transition window that is not a plain crossfade (composed in RGBA).</summary>
        private bool NeedsTransition(FrameComposition c) => c.Window >= 0 && _plan.Items[c.Window].Transition.Kind != TransitionKind.Crossfade;

        private static Task FillBlack(Frame frame)
        {
            frame.Fill(0, 0, 0);
            return Task.CompletedTask;
        }

        /// <summary>Waits until the source is prepared and it is this frame's turn; returns the source.</summary>
        private async Task<IFrameSource> BeginUseAsync(SourceSlot slot, long ticket, CancellationToken token)
        {
            await slot.PrepareAsync(_context, token).ConfigureAwait(false);
            await slot.WaitTurnAsync(ticket, token).ConfigureAwait(false);
            return slot.Source!;
        }

        /// <summary>Lets the next frame use the source; closes it after its last use.</summary>
        private static async Task EndUseAsync(SourceSlot slot)
        {
            if (slot.FinishUse())
            {
                await slot.CloseAsync().ConfigureAwait(false);
            }
        }

        private async Task RenderItemAsync(int k, long ticket, long frame, Frame destination, CancellationToken token)
        {
            SourceSlot slot = _slots[k];
            IFrameSource source = await BeginUseAsync(slot, ticket, token).ConfigureAwait(false);
            try
            {
                await source.RenderFrameAsync(TimelinePlan.LocalTime(slot.Item, _timeline.FrameRate, frame), destination, token).ConfigureAwait(false);
            }
            finally
            {
                await EndUseAsync(slot).ConfigureAwait(false);
            }
        }

        private async Task WriteAsync(VideoEncoder encoder, CancellationToken token)
        {
            for (long f = _range.Start; f < _range.End; f++)
            {
                int index = (int)(f % _window);
                SharedFrameBuffer buffer = await _ring[index].Task.WaitAsync(token).ConfigureAwait(false);
                _ring[index] = NewSlot();
                _room.Release();
                await encoder.WriteEncodedAsync(buffer, token).ConfigureAwait(false);
                Report(force: false);
            }
        }

        private long _lastReportTicks = -s_progressInterval.Ticks;

        private void Report(bool force)
        {
            if (_progress is null || _encoder is null)
            {
                return;
            }

            long now = _clock.Elapsed.Ticks;
            if (!force && now - _lastReportTicks < s_progressInterval.Ticks)
            {
                return;
            }

            _lastReportTicks = now;
            long encoded = force ? _range.Count : _encoder.FramesEncoded;
            _progress.Report(new RenderProgress(Interlocked.Read(ref _composed), encoded, _range.Count, _clock.Elapsed));
        }
    }

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
