using System.Collections.Immutable;

namespace VideoKit.Editing;

/// <summary>
/// What a <see cref="BeatEditor"/> decided: segments that tile the song frame by frame (the song is the master clock),
/// the cuts between them with their beats and transitions, and onset effects. Immutable; frame indices are output
/// frames from 0, and frame <c>f</c> shows the song at <see cref="SectionStart"/> + <c>FrameRate.TimeAt(f)</c>.
/// </summary>
public sealed record EditPlan
{
    /// <summary>The output frame rate.</summary>
    public required FrameRate FrameRate { get; init; }

    /// <summary>The number of output frames: round(section length × fps).</summary>
    public required long TotalFrames { get; init; }

    /// <summary>Where in the song the output starts.</summary>
    public required TimeSpan SectionStart { get; init; }

    /// <summary>The length of the section of the song the output covers.</summary>
    public required TimeSpan SectionDuration { get; init; }

    /// <summary>The number of clips the plan draws from.</summary>
    public required int ClipCount { get; init; }

    /// <summary>The segments, in order; segment i ends where segment i+1 starts, the first starts at 0 and the last ends at <see cref="TotalFrames"/>.</summary>
    public required ImmutableArray<EditSegment> Segments { get; init; }

    /// <summary>The cuts, one between each pair of segments.</summary>
    public required ImmutableArray<PlannedCut> Cuts { get; init; }

    /// <summary>Onset effects (flashes, punches), in time order.</summary>
    public ImmutableArray<PlannedEffect> Effects { get; init; } = [];

    /// <summary>Things the planner had to give up on (for example "density needs an onset envelope").</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];

    /// <summary>The warnings with what they are about, so a project reader can word them in its own terms.</summary>
    internal ImmutableArray<PlanWarning> WarningDetails { get; init; } = [];

    /// <summary>The output duration: exactly <see cref="TotalFrames"/> frames.</summary>
    public TimeSpan Duration => FrameRate.TimeAt(TotalFrames);

    /// <summary>The segment showing output frame <paramref name="frame"/>.</summary>
    /// <param name="frame">An output frame in [0, <see cref="TotalFrames"/>).</param>
    /// <returns>The segment.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The frame is outside the plan.</exception>
    public EditSegment SegmentAt(long frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, TotalFrames);
        int lo = 0, hi = Segments.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (Segments[mid].StartFrame <= frame)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Segments[lo];
    }
}

/// <summary>One stretch of the output filled by one clip.</summary>
public sealed record EditSegment
{
    /// <summary>The segment's position in the plan, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>The clip that fills it (an index into the clips given to the planner).</summary>
    public required int ClipIndex { get; init; }

    /// <summary>The first output frame of the segment.</summary>
    public required long StartFrame { get; init; }

    /// <summary>The output frame after the segment's last (the next segment's first).</summary>
    public required long EndFrame { get; init; }

    /// <summary>Frames the clip shows before <see cref="StartFrame"/>, under the incoming transition.</summary>
    public long LeadInFrames { get; init; }

    /// <summary>Frames the clip shows from <see cref="EndFrame"/> on, under the outgoing transition.</summary>
    public long TailFrames { get; init; }

    /// <summary>The beat the segment starts on, or -1 when it starts at the beginning of the section.</summary>
    public int StartBeat { get; init; } = -1;

    /// <summary>The number of frames the segment owns.</summary>
    public long FrameCount => EndFrame - StartFrame;

    /// <summary>The first frame the clip is visible (including the lead-in).</summary>
    public long VisibleStartFrame => StartFrame - LeadInFrames;

    /// <summary>The frame after the clip's last visible one (including the tail).</summary>
    public long VisibleEndFrame => EndFrame + TailFrames;

    /// <summary>The number of frames the clip must supply (lead-in + segment + tail): the interval a clip is fitted into.</summary>
    public long VisibleFrameCount => VisibleEndFrame - VisibleStartFrame;
}

/// <summary>A cut between two segments: on which frame, for which beat, with which transition.</summary>
public sealed record PlannedCut
{
    /// <summary>The cut's position in the plan, from 0 (cut i starts segment i+1).</summary>
    public required int Index { get; init; }

    /// <summary>The first output frame of the incoming segment: the output frame nearest the beat.</summary>
    public required long Frame { get; init; }

    /// <summary>The presentation time of <see cref="Frame"/> in the output.</summary>
    public required TimeSpan Time { get; init; }

    /// <summary>The beat the cut is on.</summary>
    public required int BeatIndex { get; init; }

    /// <summary>The beat's time in the output (song time minus the section start).</summary>
    public required TimeSpan BeatTime { get; init; }

    /// <summary>True when the beat is a downbeat.</summary>
    public bool IsDownbeat { get; init; }

    /// <summary>How the outgoing segment gives way to the incoming one.</summary>
    public required Transition Transition { get; init; }

    /// <summary>The first frame of the transition (equal to <see cref="Frame"/> for a cut).</summary>
    public required long TransitionStartFrame { get; init; }

    /// <summary>The frame after the transition's last (equal to <see cref="Frame"/> for a cut).</summary>
    public required long TransitionEndFrame { get; init; }

    /// <summary>How far the cut frame is from the beat (at most half a frame).</summary>
    public TimeSpan Offset => Time - BeatTime;

    /// <summary>For a lyric edit: the lyric line the cut starts (from 0), else -1.</summary>
    public int LineIndex { get; init; } = -1;
}

/// <summary>An onset effect placed on a beat.</summary>
public sealed record PlannedEffect
{
    /// <summary>The effect.</summary>
    public required OnsetEffectKind Kind { get; init; }

    /// <summary>The output frame the effect starts on (the frame nearest the beat).</summary>
    public required long Frame { get; init; }

    /// <summary>How many frames the effect lasts.</summary>
    public required long FrameCount { get; init; }

    /// <summary>The strength on the first frame, 0 to 1; it decays linearly to 0.</summary>
    public required float Strength { get; init; }

    /// <summary>The beat the effect is on.</summary>
    public required int BeatIndex { get; init; }
}
