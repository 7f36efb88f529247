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

    /// <summary>Planned hard cuts (cut, flash, zoom punch) that should be visible as a jump.</summary>
    public int ExpectedCuts => Cuts.Count(c => c.Expected);

    /// <summary>Expected cuts found on exactly their planned frame.</summary>
    public int OnFrame => Cuts.Count(c => c.Expected && c.OffsetFrames == 0);

    /// <summary>Expected cuts not found within the tolerance.</summary>
    public int Missing => Cuts.Count(c => c.Expected && c.DetectedFrame is null);

    /// <summary>The largest distance, in frames, between a found cut and its planned frame.</summary>
    public long MaxOffsetFrames => Cuts.Where(c => c.OffsetFrames is not null).Select(c => Math.Abs(c.OffsetFrames!.Value)).DefaultIfEmpty(0).Max();

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

            sb.Append(CultureInfo.InvariantCulture, $"; {DecodedFrames}/{PlannedFrames} frames");
            if (VideoDuration is { } v && AudioDuration is { } a)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; video {v.TotalSeconds:0.000} s, audio {a.TotalSeconds:0.000} s");
            }

            return sb.ToString();
        }
    }

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

    /// <summary>The detected cut frame matched to this cut, or <see langword="null"/>.</summary>
    public long? DetectedFrame { get; init; }

    /// <summary>Detected minus planned, in frames, or <see langword="null"/> when not found.</summary>
    public long? OffsetFrames => DetectedFrame - PlannedFrame;

    /// <summary>The detected cut's time minus the beat's time, or <see langword="null"/> when not found.</summary>
    public TimeSpan? OffsetFromBeat { get; init; }
}
