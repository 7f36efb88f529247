using System.Collections.Immutable;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Editing;

/// <summary>
/// Renders an <see cref="EditPlan"/> as one frame source covering the whole output: each segment's clip fitted into its
/// interval by a <see cref="ClipFitPolicy"/>, the transitions composed on their planned frames (overlapping the
/// neighbours, never moving a cut), and onset effects on top. Add it to a timeline as a single item at 0 lasting
/// <see cref="EditPlan.Duration"/>.
/// </summary>
public sealed class MontageSource : IFrameSource
{
    private readonly ImmutableArray<MontageClip> _clips;
    private readonly Dictionary<int, IClipReader> _open = [];
    private ImmutableArray<ClipFit> _fits = [];
    private (int W, int H, FrameRate Rate)[] _sizes = [];
    private bool[] _hasAudio = [];
    private FrameSourceContext? _context;
    private Frame? _outgoing;
    private Frame? _incoming;
    private Frame? _scratch;
    private readonly bool _ownsSources;

    /// <summary>Creates the source.</summary>
    /// <param name="plan">The plan; its <see cref="EditPlan.ClipCount"/> must equal the number of clips.</param>
    /// <param name="clips">The material, indexed as the plan's segments refer to it.</param>
    /// <param name="policy">How clips are fitted; <see langword="null"/> for <see cref="ClipFitPolicy.Default"/>.</param>
    /// <exception cref="ArgumentException">The clip count does not match the plan.</exception>
    public MontageSource(EditPlan plan, IEnumerable<MontageClip> clips, ClipFitPolicy? policy = null)
        : this(plan, clips, policy, ownsSources: false)
    {
    }

    /// <summary>Creates the source; when <paramref name="ownsSources"/>, the clips' frame sources are disposed with it.</summary>
    internal MontageSource(EditPlan plan, IEnumerable<MontageClip> clips, ClipFitPolicy? policy, bool ownsSources)
    {
        _ownsSources = ownsSources;
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clips);
        _clips = [.. clips];
        if (_clips.Length != plan.ClipCount)
        {
            throw new ArgumentException($"The plan was made for {plan.ClipCount} clip(s) but {_clips.Length} were given.", nameof(clips));
        }

        Plan = plan;
        Policy = policy ?? ClipFitPolicy.Default;
        Policy.Validate();
    }

    /// <summary>The plan being rendered.</summary>
    public EditPlan Plan { get; }

    /// <summary>How clips are fitted.</summary>
    public ClipFitPolicy Policy { get; }

    /// <summary>How each segment's clip was fitted (after <see cref="PrepareAsync"/>), one per segment.</summary>
    public IReadOnlyList<ClipFit> Fits => _fits;

    /// <inheritdoc/>
    public string Name => "beat montage";

    /// <inheritdoc/>
    public TimeSpan? Duration => Plan.Duration;

    /// <inheritdoc/>
    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.FrameRate != Plan.FrameRate)
        {
            throw new ArgumentException($"The montage was planned at {Plan.FrameRate} fps but is rendered at {context.FrameRate} fps; plan it at the output rate so cuts land on frames.", nameof(context));
        }

        await CloseAllAsync().ConfigureAwait(false);
        _context = context;
        var lengths = new TimeSpan?[_clips.Length];
        var sizes = new (int W, int H, FrameRate Rate)[_clips.Length];
        var activity = new ClipActivity?[_clips.Length];
        bool[] hasAudio = new bool[_clips.Length];
        var used = new bool[_clips.Length];
        foreach (EditSegment s in Plan.Segments)
        {
            used[s.ClipIndex] = true;
        }

        await Parallel.ForAsync(0, _clips.Length, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (i, token) =>
        {
            MontageClip clip = _clips[i];
            if (!used[i])
            {
                return;
            }

            switch (clip.Kind)
            {
                case MontageClipKind.Video:
                    MediaInfo info = await MediaProbe.ProbeAsync(clip.Path!, context.Options, token).ConfigureAwait(false);
                    VideoStreamInfo video = info.PrimaryVideo ?? throw new UnsupportedMediaException($"'{clip.Path}' has no video stream.");
                    lengths[i] = video.Duration > TimeSpan.Zero ? video.Duration : info.Duration;
                    sizes[i] = (video.DisplayWidth, video.DisplayHeight, video.FrameRate);
                    hasAudio[i] = info.PrimaryAudio is not null;
                    if (Policy.InPoint == InPointMode.MostActive)
                    {
                        activity[i] = await ClipActivity.MeasureAsync(clip.Path!, context.Options, token).ConfigureAwait(false);
                    }

                    break;
                case MontageClipKind.Source:
                    await clip.Source!.PrepareAsync(context, token).ConfigureAwait(false);
                    lengths[i] = clip.Source.Duration;
                    break;
                default:
                    lengths[i] = null;
                    break;
            }
        }).ConfigureAwait(false);

        _sizes = sizes;
        _hasAudio = hasAudio;
        var fits = ImmutableArray.CreateBuilder<ClipFit>(Plan.Segments.Length);
        foreach (EditSegment s in Plan.Segments)
        {
            TimeSpan interval = Plan.FrameRate.TimeAt(s.VisibleFrameCount);
            MontageClip clip = _clips[s.ClipIndex];
            fits.Add(clip.Kind == MontageClipKind.Source
                ? SourceFit(lengths[s.ClipIndex], interval)
                : ClipFitter.Fit(lengths[s.ClipIndex], interval, Policy, activity[s.ClipIndex]));
        }

        _fits = fits.MoveToImmutable();
        Resolution size = context.OutputSize;
        _outgoing ??= new Frame(size.Width, size.Height);
        _incoming ??= new Frame(size.Width, size.Height);
        _scratch ??= new Frame(size.Width, size.Height);
    }

    /// <inheritdoc/>
    public async ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_context is null || _fits.IsDefaultOrEmpty)
        {
            throw new InvalidOperationException("The montage source was not prepared; call PrepareAsync first.");
        }

        long frame = Math.Clamp(Plan.FrameRate.NearestFrameAt(localTime < TimeSpan.Zero ? TimeSpan.Zero : localTime), 0, Plan.TotalFrames - 1);
        EditSegment segment = Plan.SegmentAt(frame);
        PlannedCut? cut = TransitionAt(frame, segment);
        if (cut is null)
        {
            await RenderSegmentAsync(segment, frame, destination, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RenderTransitionAsync(cut, frame, destination, cancellationToken).ConfigureAwait(false);
        }

        ApplyEffects(frame, destination);
        await CloseFinishedAsync(frame).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await CloseAllAsync().ConfigureAwait(false);
        _outgoing?.Dispose();
        _incoming?.Dispose();
        _scratch?.Dispose();
        _outgoing = _incoming = _scratch = null;
        if (_ownsSources)
        {
            foreach (MontageClip clip in _clips)
            {
                if (clip.Source is { } source)
                {
                    await source.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    internal MontageClip ClipAt(int index) => _clips[index];

    internal bool HasAudio(int index) => _hasAudio.Length > index && _hasAudio[index];

    private static ClipFit SourceFit(TimeSpan? length, TimeSpan interval) => length is { } l && l > TimeSpan.Zero
        ? ClipFitter.Fit(l, interval, new ClipFitPolicy { AllowRetiming = false, MaxSpeedChange = 0 })
        : new ClipFit { Method = FitMethod.Trim, Interval = interval, InPoint = TimeSpan.Zero, ClipLength = TimeSpan.MaxValue, Speed = 1 };

    private PlannedCut? TransitionAt(long frame, EditSegment segment)
    {
        // Only the cuts at either end of the segment can have a window over this frame.
        if (segment.Index > 0)
        {
            PlannedCut incoming = Plan.Cuts[segment.Index - 1];
            if (frame < incoming.TransitionEndFrame)
            {
                return incoming;
            }
        }

        if (segment.Index < Plan.Cuts.Length)
        {
            PlannedCut outgoing = Plan.Cuts[segment.Index];
            if (frame >= outgoing.TransitionStartFrame)
            {
                return outgoing;
            }
        }

        return null;
    }

    private async ValueTask RenderTransitionAsync(PlannedCut cut, long frame, Frame destination, CancellationToken cancellationToken)
    {
        EditSegment from = Plan.Segments[cut.Index];
        EditSegment to = Plan.Segments[cut.Index + 1];
        EditTransition t = cut.Transition;
        long length = Math.Max(1, cut.TransitionEndFrame - cut.TransitionStartFrame);
        switch (t.Kind)
        {
            case EditTransitionKind.Crossfade:
            case EditTransitionKind.Slide:
            case EditTransitionKind.Whip:
                await RenderSegmentAsync(from, frame, _outgoing!, cancellationToken).ConfigureAwait(false);
                await RenderSegmentAsync(to, frame, _incoming!, cancellationToken).ConfigureAwait(false);
                TransitionCompositor.Compose(t.Kind, t.Strength, _outgoing!, _incoming!, (frame - cut.TransitionStartFrame + 0.5) / length, destination);
                break;
            case EditTransitionKind.DipToBlack:
            case EditTransitionKind.DipToWhite:
                uint colour = t.Kind == EditTransitionKind.DipToBlack ? TransitionKernels.Pixel(0, 0, 0) : TransitionKernels.Pixel(255, 255, 255);
                double weight;
                if (frame < cut.Frame)
                {
                    await RenderSegmentAsync(from, frame, destination, cancellationToken).ConfigureAwait(false);
                    weight = (frame - cut.TransitionStartFrame + 1.0) / Math.Max(1, cut.Frame - cut.TransitionStartFrame);
                }
                else
                {
                    await RenderSegmentAsync(to, frame, destination, cancellationToken).ConfigureAwait(false);
                    weight = 1 - ((double)(frame - cut.Frame) / Math.Max(1, cut.TransitionEndFrame - cut.Frame));
                }

                TransitionKernels.BlendColor(destination.Span, colour, destination.Span, TransitionCompositor.Weight(weight));
                break;
            case EditTransitionKind.Flash:
            case EditTransitionKind.ZoomPunch:
                if (frame < cut.Frame)
                {
                    await RenderSegmentAsync(from, frame, destination, cancellationToken).ConfigureAwait(false);
                    break;
                }

                await RenderSegmentAsync(to, frame, _incoming!, cancellationToken).ConfigureAwait(false);
                TransitionCompositor.Compose(t.Kind, t.Strength, _incoming!, _incoming!, (double)(frame - cut.Frame) / Math.Max(1, cut.TransitionEndFrame - cut.Frame), destination);
                break;
            default:
                await RenderSegmentAsync(frame < cut.Frame ? from : to, frame, destination, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask RenderSegmentAsync(EditSegment segment, long frame, Frame destination, CancellationToken cancellationToken)
    {
        ClipFit fit = _fits[segment.Index];
        MontageClip clip = _clips[segment.ClipIndex];
        TimeSpan local = Plan.FrameRate.TimeAt(frame - segment.VisibleStartFrame);
        TimeSpan clipTime = clip.Kind == MontageClipKind.Source && clip.FollowsSongTime ? Plan.FrameRate.TimeAt(frame)
            : fit.Method == FitMethod.Retime && clip.Kind == MontageClipKind.Video ? local   // the retimed source maps segment time itself
            : fit.SourceTimeAt(local);
        IClipReader reader = OpenReader(segment);
        await reader.RenderAsync(clipTime, fit.NeedsInterpolation, destination, cancellationToken).ConfigureAwait(false);
    }

    private IClipReader OpenReader(EditSegment segment)
    {
        if (_open.TryGetValue(segment.Index, out IClipReader? reader))
        {
            return reader;
        }

        MontageClip clip = _clips[segment.ClipIndex];
        VideoKitOptions options = _context!.Options;
        reader = clip.Kind switch
        {
            MontageClipKind.Video when _fits[segment.Index].Method == FitMethod.Retime =>
                new RetimedClipReader(clip.Path!, _fits[segment.Index], Policy.Aspect, _context),
            MontageClipKind.Video => new VideoClipReader(clip.Path!,
                AspectFitter.DecodeSize(_sizes[segment.ClipIndex].W, _sizes[segment.ClipIndex].H, _context.OutputSize, Policy.Aspect),
                Policy.Aspect, _sizes[segment.ClipIndex].Rate, options),
            MontageClipKind.Image => new StillClipReader(clip.Path!, Policy.Aspect, options),
            _ => new SourceClipReader(clip.Source!),
        };
        _open[segment.Index] = reader;
        return reader;
    }

    private void ApplyEffects(long frame, Frame destination)
    {
        foreach (PlannedEffect e in Plan.Effects)
        {
            if (frame < e.Frame || frame >= e.Frame + e.FrameCount)
            {
                continue;
            }

            double decay = 1 - ((double)(frame - e.Frame) / e.FrameCount);
            if (e.Kind == OnsetEffectKind.Flash)
            {
                TransitionCompositor.Flash(destination, destination, e.Strength * decay);
            }
            else
            {
                destination.CopyTo(_scratch!);
                TransitionCompositor.Zoom(_scratch!, destination, 1 + (e.Strength * decay * decay));
            }
        }
    }

    private async ValueTask CloseFinishedAsync(long frame)
    {
        List<int>? done = null;
        foreach (int index in _open.Keys)
        {
            if (Plan.Segments[index].VisibleEndFrame <= frame)
            {
                (done ??= []).Add(index);
            }
        }

        if (done is null)
        {
            return;
        }

        foreach (int index in done)
        {
            await _open[index].DisposeAsync().ConfigureAwait(false);
            _open.Remove(index);
        }
    }

    private async ValueTask CloseAllAsync()
    {
        foreach (IClipReader reader in _open.Values)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        _open.Clear();
    }
}
