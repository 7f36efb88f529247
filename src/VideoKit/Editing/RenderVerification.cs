using System.Collections.Immutable;
using VideoKit.Media;

namespace VideoKit.Editing;

/// <summary>
/// Checks a rendered video against its <see cref="EditPlan"/>: detects the cuts in the encoded file and matches each
/// to its planned frame, and compares the video and audio durations.
/// </summary>
public static class RenderVerification
{
    /// <summary>Measures where the cuts are in <paramref name="videoPath"/> and reports them against <paramref name="plan"/>.</summary>
    /// <param name="videoPath">The rendered video.</param>
    /// <param name="plan">The plan it was rendered from.</param>
    /// <param name="toleranceFrames">How far a detected cut may be from its planned frame and still match it (default 2).</param>
    /// <param name="options">Where FFmpeg lives.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The report.</returns>
    /// <exception cref="FileNotFoundException">The video does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg cannot decode it.</exception>
    public static Task<CutVerificationReport> VerifyAsync(string videoPath, EditPlan plan, int toleranceFrames = 2,
        VideoKitOptions? options = null, CancellationToken cancellationToken = default) =>
        VerifyWithDetectorAsync(videoPath, plan, null, toleranceFrames, options, cancellationToken);

    /// <summary>As <see cref="VerifyAsync"/>, with a tuned scene-change detector (null for the defaults).</summary>
    internal static Task<CutVerificationReport> VerifyWithDetectorAsync(string videoPath, EditPlan plan, CutDetector? detector, int toleranceFrames,
        VideoKitOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoPath);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(toleranceFrames);
        return VerifyCoreAsync(videoPath, plan, detector ?? new CutDetector(), toleranceFrames, options, cancellationToken);
    }

    /// <summary>Matches detected cut frames against a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="detected">Detected cut frames, ascending.</param>
    /// <param name="decodedFrames">How many frames the file has.</param>
    /// <param name="toleranceFrames">How far a detected cut may be from its planned frame and still match it.</param>
    /// <returns>The report (without durations).</returns>
    public static CutVerificationReport Match(EditPlan plan, IReadOnlyList<long> detected, long decodedFrames, int toleranceFrames = 2)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(detected);
        bool[] used = new bool[detected.Count];
        var checks = ImmutableArray.CreateBuilder<CutCheck>(plan.Cuts.Length);
        foreach (PlannedCut cut in plan.Cuts)
        {
            bool expected = cut.Transition.IsHardCut;
            long? found = null;
            long best = long.MaxValue;
            for (int i = 0; i < detected.Count; i++)
            {
                long distance = Math.Abs(detected[i] - cut.Frame);
                if (!used[i] && distance <= toleranceFrames && distance < best)
                {
                    best = distance;
                    found = detected[i];
                    if (expected)
                    {
                        used[i] = true;
                    }
                }
            }

            // A transition explains any other jump inside its window (a whip's moving seam, a flash's fade).
            for (int i = 0; i < detected.Count; i++)
            {
                if (!(expected && detected[i] == found) && detected[i] >= cut.TransitionStartFrame - 1 && detected[i] <= cut.TransitionEndFrame)
                {
                    used[i] = true;
                }
            }

            checks.Add(new CutCheck
            {
                CutIndex = cut.Index,
                BeatIndex = cut.BeatIndex,
                BeatTime = cut.BeatTime,
                PlannedFrame = cut.Frame,
                Transition = cut.Transition.Kind,
                Expected = expected,
                DetectedFrame = expected ? found : null,
                OffsetFromBeat = expected && found is { } f ? plan.FrameRate.TimeAt(f) - cut.BeatTime : null,
            });
        }

        var extra = ImmutableArray.CreateBuilder<long>();
        for (int i = 0; i < detected.Count; i++)
        {
            if (!used[i] && !ExplainedByEffect(plan, detected[i]))
            {
                extra.Add(detected[i]);
            }
        }

        return new CutVerificationReport
        {
            FrameRate = plan.FrameRate,
            PlannedFrames = plan.TotalFrames,
            DecodedFrames = decodedFrames,
            Cuts = checks.MoveToImmutable(),
            ExtraCuts = extra.ToImmutable(),
            ToleranceFrames = toleranceFrames,
        };
    }

    /// <summary>Locates every gradual transition of the plan in the measured profile (see <see cref="TransitionLocator"/>).</summary>
    internal static CutVerificationReport LocateGradual(CutVerificationReport report, EditPlan plan, IReadOnlyList<double> scores, IReadOnlyList<double> meanLuma)
    {
        var checks = report.Cuts.ToBuilder();
        for (int i = 0; i < checks.Count; i++)
        {
            CutCheck c = checks[i];
            if (c.Expected)
            {
                continue;
            }

            long from = c.CutIndex > 0 ? plan.Cuts[c.CutIndex - 1].TransitionEndFrame : 0;
            long to = c.CutIndex + 1 < plan.Cuts.Length ? plan.Cuts[c.CutIndex + 1].TransitionStartFrame : plan.TotalFrames;
            (long? frame, string? reason) = TransitionLocator.Locate(plan.Cuts[c.CutIndex], scores, meanLuma, from, to);
            checks[i] = c with
            {
                DetectedFrame = frame,
                OffsetFromBeat = frame is { } f ? plan.FrameRate.TimeAt(f) - c.BeatTime : null,
                NotMeasuredReason = reason,
            };
        }

        return report with { Cuts = checks.ToImmutable() };
    }

    private static bool ExplainedByEffect(EditPlan plan, long frame)
    {
        foreach (PlannedEffect e in plan.Effects)
        {
            if (frame >= e.Frame - 1 && frame <= e.Frame + e.FrameCount)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<CutVerificationReport> VerifyCoreAsync(string videoPath, EditPlan plan, CutDetector detector, int toleranceFrames,
        VideoKitOptions? options, CancellationToken cancellationToken)
    {
        (ImmutableArray<double> scores, ImmutableArray<double> means) = await detector.ProfileAsync(videoPath, options, cancellationToken).ConfigureAwait(false);
        CutVerificationReport report = LocateGradual(Match(plan, detector.Detect(scores), scores.Length, toleranceFrames), plan, scores, means);
        MediaInfo info = await MediaProbe.ProbeAsync(videoPath, options, cancellationToken).ConfigureAwait(false);
        TimeSpan? video = info.PrimaryVideo is { } v ? (v.Duration > TimeSpan.Zero ? v.Duration : info.Duration) : null;
        TimeSpan? audio = info.PrimaryAudio is { } a ? (a.Duration > TimeSpan.Zero ? a.Duration : info.Duration) : null;
        return report with { VideoDuration = video, AudioDuration = audio };
    }
}
