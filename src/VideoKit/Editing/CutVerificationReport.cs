using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace VideoKit.Editing;

/// <summary>Where the cuts of a rendered video are, against the plan: one line per planned cut, plus the extras.</summary>
public sealed record CutVerificationReport
{
    /// <summary>The output frame rate the offsets are measured in.</summary>
    public required FrameRate FrameRate { get; init; }

    /// <summary>Frames the plan has.</summary>
    public required long PlannedFrames { get; init; }

    /// <summary>Frames decoded from the file.</summary>
    public required long DecodedFrames { get; init; }

    /// <summary>Each planned cut and what was found for it.</summary>
    public required ImmutableArray<CutCheck> Cuts { get; init; }

    /// <summary>Detected cuts the plan does not explain (not near a planned cut, a transition or an onset effect).</summary>
    public required ImmutableArray<long> ExtraCuts { get; init; }

    /// <summary>The video stream's duration in the file, when measured.</summary>
    public TimeSpan? VideoDuration { get; init; }

    /// <summary>The audio stream's duration in the file, when measured.</summary>
    public TimeSpan? AudioDuration { get; init; }

    /// <summary>How far, in frames, a detected cut or a located gradual transition may be from its planned frame (default 2).</summary>
    public int ToleranceFrames { get; init; } = 2;

    /// <summary>Planned gradual transitions (crossfade, dip, whip, slide): they have no single jump and are located by their middle.</summary>
    public int GradualTransitions => Cuts.Count(c => !c.Expected);

    /// <summary>Gradual transitions located within <see cref="ToleranceFrames"/> of their planned cut frame.</summary>
    public int GradualLocated => Cuts.Count(c => !c.Expected && c.OffsetFrames is { } o && Math.Abs(o) <= ToleranceFrames);

    /// <summary>Gradual transitions that could not be measured (<see cref="CutCheck.NotMeasuredReason"/> says why).</summary>
    public int GradualNotMeasured => Cuts.Count(c => !c.Expected && c.DetectedFrame is null);

    /// <summary>The largest distance, in frames, between a located gradual transition and its planned cut frame.</summary>
    public long MaxGradualOffsetFrames => Cuts.Where(c => !c.Expected && c.OffsetFrames is not null).Select(c => Math.Abs(c.OffsetFrames!.Value)).DefaultIfEmpty(0).Max();

    /// <summary>Planned hard cuts (cut, flash, zoom punch) that should be visible as a jump.</summary>
    public int ExpectedCuts => Cuts.Count(c => c.Expected);

    /// <summary>Expected cuts found on exactly their planned frame.</summary>
    public int OnFrame => Cuts.Count(c => c.Expected && c.OffsetFrames == 0);

    /// <summary>Expected cuts not found within the tolerance.</summary>
    public int Missing => Cuts.Count(c => c.Expected && c.DetectedFrame is null);

    /// <summary>The largest distance, in frames, between a found cut and its planned frame.</summary>
    public long MaxOffsetFrames => Cuts.Where(c => c.Expected && c.OffsetFrames is not null).Select(c => Math.Abs(c.OffsetFrames!.Value)).DefaultIfEmpty(0).Max();

    /// <summary>True when every expected cut was found on its planned frame, there are no extras, and the frame count matches.</summary>
    public bool IsExact => Missing == 0 && OnFrame == ExpectedCuts && ExtraCuts.IsEmpty && DecodedFrames == PlannedFrames;

    /// <summary>A short human summary, for example "24/24 cuts on the planned frame, 0 missing, 0 extra; 600/600 frames".</summary>
    public string Summary
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"{OnFrame}/{ExpectedCuts} cuts on the planned frame, {Missing} missing, {ExtraCuts.Length} extra");
            if (MaxOffsetFrames > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $", worst offset {MaxOffsetFrames} frame(s) ({FrameRate.SecondsAt(MaxOffsetFrames) * 1000:0} ms)");
            }

            AppendGradual(sb);
            sb.Append(CultureInfo.InvariantCulture, $"; {DecodedFrames}/{PlannedFrames} frames");
            if (VideoDuration is { } v && AudioDuration is { } a)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; video {v.TotalSeconds:0.000} s, audio {a.TotalSeconds:0.000} s");
            }

            return sb.ToString();
        }
    }

    private void AppendGradual(StringBuilder sb)
    {
        int count = GradualTransitions;
        if (count == 0)
        {
            return;
        }

        TransitionKind[] kinds = [.. Cuts.Where(c => !c.Expected).Select(c => c.Transition).Distinct()];
        string what = kinds.Length == 1 ? KindName(kinds[0], plural: true) : "gradual transitions";
        int measured = count - GradualNotMeasured;
        if (measured > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; {GradualLocated}/{measured} {what} centred within ±{ToleranceFrames} frames of the planned cut");
            if (MaxGradualOffsetFrames > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $" (worst {MaxGradualOffsetFrames})");
            }
        }

        if (GradualNotMeasured > 0)
        {
            string[] reasons = [.. Cuts.Where(c => !c.Expected && c.DetectedFrame is null).Select(c => c.NotMeasuredReason ?? "no measurement").Distinct()];
            sb.Append(CultureInfo.InvariantCulture, $"{(measured > 0 ? "," : ";")} {GradualNotMeasured} {what} not measured: {string.Join("; ", reasons)}");
        }
    }

    private static string KindName(TransitionKind kind, bool plural) => kind switch
    {
        TransitionKind.Crossfade => plural ? "crossfades" : "crossfade",
        TransitionKind.DipToBlack => plural ? "dips to black" : "dip to black",
        TransitionKind.DipToWhite => plural ? "dips to white" : "dip to white",
        TransitionKind.Whip => plural ? "whips" : "whip",
        TransitionKind.Slide => plural ? "slides" : "slide",
        _ => plural ? "gradual transitions" : "transition",
    };

    /// <summary>The summary followed by one line per cut that is off or missing.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Summary);
        foreach (CutCheck c in Cuts)
        {
            if (c.Expected && c.OffsetFrames != 0)
            {
                sb.AppendLine();
                if (c.DetectedFrame is { } d)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  cut {c.CutIndex} (beat {c.BeatIndex}): planned frame {c.PlannedFrame}, found {d} ({c.OffsetFrames:+0;-0} frames)");
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  cut {c.CutIndex} (beat {c.BeatIndex}): planned frame {c.PlannedFrame}, not found");
                }
            }
        }

        foreach (CutCheck c in Cuts)
        {
            if (!c.Expected && (c.DetectedFrame is null || Math.Abs(c.OffsetFrames!.Value) > ToleranceFrames))
            {
                sb.AppendLine();
                string name = KindName(c.Transition, plural: false);
                if (c.DetectedFrame is { } d)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  {name} {c.CutIndex} (beat {c.BeatIndex}): planned frame {c.PlannedFrame}, centred as for a cut on {d} ({c.OffsetFrames:+0;-0} frames)");
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  {name} {c.CutIndex} (beat {c.BeatIndex}): planned frame {c.PlannedFrame}, not measured: {c.NotMeasuredReason}");
                }
            }
        }

        foreach (long e in ExtraCuts)
        {
            sb.AppendLine();
            sb.Append(CultureInfo.InvariantCulture, $"  extra cut at frame {e}");
        }

        return sb.ToString();
    }
}

/// <summary>One planned cut and where it was found.</summary>
public sealed record CutCheck
{
    /// <summary>The cut's index in the plan.</summary>
    public required int CutIndex { get; init; }

    /// <summary>The beat the cut is on.</summary>
    public required int BeatIndex { get; init; }

    /// <summary>The beat's time in the output.</summary>
    public required TimeSpan BeatTime { get; init; }

    /// <summary>The planned cut frame.</summary>
    public required long PlannedFrame { get; init; }

    /// <summary>True for a hard cut (a jump should be detected); false for a gradual transition.</summary>
    public required bool Expected { get; init; }

    /// <summary>The planned transition at this cut.</summary>
    public TransitionKind Transition { get; init; }

    /// <summary>
    /// The detected cut frame matched to this cut; for a gradual transition, the cut frame its measured middle implies
    /// (see <see cref="RenderVerification"/>); <see langword="null"/> when not found or not measured.
    /// </summary>
    public long? DetectedFrame { get; init; }

    /// <summary>Detected minus planned, in frames, or <see langword="null"/> when not found.</summary>
    public long? OffsetFrames => DetectedFrame - PlannedFrame;

    /// <summary>The detected cut's time minus the beat's time, or <see langword="null"/> when not found.</summary>
    public TimeSpan? OffsetFromBeat { get; init; }

    /// <summary>Why a gradual transition could not be located (for example "the pictures on both sides look alike"), else <see langword="null"/>.</summary>
    public string? NotMeasuredReason { get; init; }
}
