using System.Collections.Immutable;
using VideoKit.Imaging;
using VideoKit.Interpolation;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Editing;

/// <summary>
/// Turns an <see cref="EditPlan"/> into ordinary timeline items: one video-track item per segment (its clip trimmed,
/// sped up or slowed, retimed, looped or held as the <see cref="ClipFitPolicy"/> decides, with handles for the
/// transitions that show both pictures), the transition of each cut on the item it leads into with the planned window,
/// and the onset effects as <see cref="TimelineEffect"/>s. Every clip file is probed once (the media-info cache).
/// </summary>
internal static class MontageTimeline
{
    /// <summary>Decides how each segment's clip fills it: probes each used video once (cached) and fits it.</summary>
    public static async Task<ImmutableArray<ClipFit>> FitAsync(EditPlan plan, IReadOnlyList<MontageClip> clips, ClipFitPolicy policy, VideoKitOptions options, CancellationToken cancellationToken)
    {
        if (clips.Count != plan.ClipCount)
        {
            throw new ArgumentException($"The plan was made for {plan.ClipCount} clip(s) but {clips.Count} were given.", nameof(clips));
        }

        policy.Validate();
        var lengths = new TimeSpan?[clips.Count];
        var activity = new ClipActivity?[clips.Count];
        bool[] used = new bool[clips.Count];
        foreach (EditSegment s in plan.Segments)
        {
            used[s.ClipIndex] = true;
        }

        await Parallel.ForAsync(0, clips.Count, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (i, token) =>
        {
            MontageClip clip = clips[i];
            if (!used[i])
            {
                return;
            }

            switch (clip.Kind)
            {
                case MontageClipKind.Video:
                    string path = MediaPath.ExistingInput(clip.Path!, "clip");
                    MediaInfo info = await MediaProbe.ProbeAsync(path, options, token).ConfigureAwait(false);
                    VideoStreamInfo video = info.PrimaryVideo ?? throw new UnsupportedMediaException($"'{clip.Path}' has no video stream.");
                    lengths[i] = video.Duration > TimeSpan.Zero ? video.Duration : info.Duration;
                    if (policy.InPoint == InPointMode.MostActive)
                    {
                        activity[i] = await ClipActivity.MeasureAsync(path, options, token).ConfigureAwait(false);
                    }

                    break;
                case MontageClipKind.Source:
                    lengths[i] = clip.Length ?? clip.Source!.Duration;
                    break;
                default:
                    MediaPath.ExistingInput(clip.Path!, "clip");
                    break;
            }
        }).ConfigureAwait(false);

        var fits = ImmutableArray.CreateBuilder<ClipFit>(plan.Segments.Length);
        foreach (EditSegment s in plan.Segments)
        {
            TimeSpan interval = plan.FrameRate.TimeAt(s.VisibleFrameCount);
            fits.Add(clips[s.ClipIndex].Kind == MontageClipKind.Source
                ? SourceFit(lengths[s.ClipIndex], interval)
                : ClipFitter.Fit(lengths[s.ClipIndex], interval, policy, activity[s.ClipIndex]));
        }

        return fits.MoveToImmutable();
    }

    /// <summary>Adds the plan's items and effects through <paramref name="add"/> and <paramref name="addEffect"/> (a
    /// project builder remembers each item's JSON path); the caller sets the size, rate, song and length.</summary>
    /// <remarks>The plan's frame 0 lies at <c>offset</c> on the timeline (a whole number of frames).</remarks>
    public static void AddItems(EditPlan plan, IReadOnlyList<MontageClip> clips, ImmutableArray<ClipFit> fits, ClipFitPolicy policy, Action<TimelineItemDraft> add, Action<TimelineEffect> addEffect, TimeSpan offset = default)
    {
        FrameRate rate = plan.FrameRate;
        for (int i = 0; i < plan.Segments.Length; i++)
        {
            EditSegment segment = plan.Segments[i];
            ClipFit fit = fits[i];
            MontageClip clip = clips[segment.ClipIndex];
            TimeSpan start = rate.TimeAt(segment.StartFrame);
            TimeSpan duration = rate.TimeAt(segment.EndFrame) - start;
            TimeSpan at = offset + start;
            (Transition transition, (long, long)? window) = Entering(plan, i);
            var playback = new ClipPlayback
            {
                Speed = fit.Method is FitMethod.Still ? 1 : fit.Speed,
                Repeat = fit.Method switch { FitMethod.Loop => ClipRepeat.Loop, FitMethod.PingPong => ClipRepeat.PingPong, _ => ClipRepeat.None },
                LeadIn = rate.TimeAt(segment.LeadInFrames),
                Tail = rate.TimeAt(segment.TailFrames),
            };
            TimeSpan visibleStart = rate.TimeAt(segment.VisibleStartFrame);
            add(clip.Kind switch
            {
                MontageClipKind.Image => new TimelineItemDraft
                {
                    Kind = TimelineItemKind.Image, Name = clip.Path!, Path = clip.Path, Start = at, Duration = duration, Fit = policy.Fit,
                    Transition = transition, Window = window, OwnsSource = true, CreateSource = () => new ImageSource(clip.Path!, policy.Fit) { Opaque = true },
                },
                MontageClipKind.Video when fit.Method == FitMethod.Retime => new TimelineItemDraft
                {
                    Kind = TimelineItemKind.Source, Name = clip.Path!, Path = clip.Path, Start = at, Duration = duration, InPoint = fit.InPoint,
                    Fit = policy.Fit, Transition = transition, Window = window, OwnsSource = true, Playback = playback,
                    CreateSource = () => new ShiftedSource(new RetimedClipSource(clip.Path!)
                    {
                        SourceStart = fit.InPoint,
                        SourceDuration = fit.ClipLength - fit.InPoint,
                        TargetDuration = fit.Interval,
                        Mode = InterpolationMode.Motion,
                        Fit = policy.Fit == FitMode.Contain ? FitMode.Contain : FitMode.Cover,   // a retimed clip draws a blurred fill as cover
                    }, t => t + playback.LeadIn, owns: true),
                },
                MontageClipKind.Video => new TimelineItemDraft
                {
                    Kind = TimelineItemKind.Video, Name = clip.Path!, Path = clip.Path, Start = at, Duration = duration, InPoint = fit.InPoint,
                    Fit = policy.Fit, Transition = transition, Window = window, OwnsSource = true, Playback = playback,
                    CreateSource = () => new VideoClipSource(clip.Path!, fit.InPoint, duration, policy.Fit) { Playback = playback, PreferYuv = true, Opaque = true },
                },
                _ => new TimelineItemDraft
                {
                    Kind = TimelineItemKind.Source, Name = clip.Name, Start = at, Duration = duration, Transition = transition, Window = window,
                    OwnsSource = clip.Factory is not null, Playback = playback with { Speed = 1, Repeat = ClipRepeat.None },
                    CreateSource = clip.Factory is { } factory
                        ? () => new ShiftedSource(factory(), t => fit.SourceTimeAt(t + playback.LeadIn), owns: true)
                        : clip.FollowsSongTime
                            ? () => new ShiftedSource(clip.Source!, t => start + t, owns: false)
                            : () => new ShiftedSource(clip.Source!, t => fit.SourceTimeAt(t + playback.LeadIn), owns: false),
                },
            });
        }

        foreach (PlannedEffect e in plan.Effects)
        {
            TimeSpan at = rate.TimeAt(e.Frame);
            addEffect(new TimelineEffect
            {
                Kind = e.Kind == OnsetEffectKind.Flash ? TimelineEffectKind.Flash : TimelineEffectKind.ZoomPunch,
                Start = offset + at,
                Duration = rate.TimeAt(e.Frame + e.FrameCount) - at,
                Strength = e.Strength,
            });
        }
    }

    /// <summary>Builds the timeline of a plan: the song (already starting at the plan's section start), the items, the effects.</summary>
    public static Timeline Build(EditPlan plan, IReadOnlyList<MontageClip> clips, ImmutableArray<ClipFit> fits, ClipFitPolicy policy, Resolution size, string? songPath)
    {
        var builder = new TimelineBuilder(size, plan.FrameRate).WithDuration(plan.Duration);
        if (songPath is not null)
        {
            builder.WithSong(songPath);
        }

        AddItems(plan, clips, fits, policy, d => builder.Add(d), e => builder.AddEffect(e));
        return builder.Build();
    }

    /// <summary>The transition into segment <paramref name="index"/> and its planned window (before, after the cut).</summary>
    private static (Transition, (long, long)?) Entering(EditPlan plan, int index)
    {
        if (index == 0)
        {
            return (Transition.Cut, null);
        }

        PlannedCut cut = plan.Cuts[index - 1];
        long before = cut.Frame - cut.TransitionStartFrame, after = cut.TransitionEndFrame - cut.Frame;
        if (cut.Transition.IsCut || before + after <= 0)
        {
            return (Transition.Cut, (0, 0));
        }

        return (cut.Transition.WithDuration(plan.FrameRate.TimeAt(before + after)), (before, after));
    }

    private static ClipFit SourceFit(TimeSpan? length, TimeSpan interval) => length is { } l && l > TimeSpan.Zero
        ? ClipFitter.Fit(l, interval, new ClipFitPolicy { AllowRetiming = false, MaxSpeedChange = 0 })
        : new ClipFit { Method = FitMethod.Trim, Interval = interval, InPoint = TimeSpan.Zero, ClipLength = TimeSpan.MaxValue, Speed = 1 };
}

/// <summary>
/// A source asked for a mapped time: a segment's time into its clip (past the lead-in handle), or the output time for a
/// source that follows the song. A shared source (the caller's) is prepared once per render and drawn one frame at a time.
/// </summary>
internal sealed class ShiftedSource(IFrameSource inner, Func<TimeSpan, TimeSpan> map, bool owns) : IFrameSource
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IFrameSource, SharedState> s_shared = [];

    public string Name => inner.Name;

    public TimeSpan? Duration => inner.Duration;

    public ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        if (owns)
        {
            return inner.PrepareAsync(context, cancellationToken);
        }

        SharedState state = s_shared.GetValue(inner, static _ => new SharedState());
        lock (state)
        {
            if (!ReferenceEquals(state.Context, context))
            {
                state.Context = context;
                state.Prepared = inner.PrepareAsync(context, cancellationToken).AsTask();
            }

            return new ValueTask(state.Prepared!);
        }
    }

    public async ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        if (owns)
        {
            await inner.RenderFrameAsync(map(localTime), destination, cancellationToken).ConfigureAwait(false);
            return;
        }

        SharedState state = s_shared.GetValue(inner, static _ => new SharedState());
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.RenderFrameAsync(map(localTime), destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    public ValueTask DisposeAsync() => owns ? inner.DisposeAsync() : ValueTask.CompletedTask;

    private sealed class SharedState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public FrameSourceContext? Context { get; set; }

        public Task? Prepared { get; set; }
    }
}
