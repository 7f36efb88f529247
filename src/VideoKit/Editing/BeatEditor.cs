using System.Collections.Immutable;
using VideoKit.Rhythm;

namespace VideoKit.Editing;

/// <summary>
/// Plans a beat-synced edit: where to cut (a <see cref="CutRule"/>, optionally denser where the music is busy), which
/// clip fills each segment (a <see cref="ClipOrder"/>), which transition joins them, and onset effects. Configure it
/// with init properties, then call <see cref="Plan"/>; it is immutable and can plan many songs.
/// </summary>
/// <remarks>
/// Every cut frame is computed once from the beat's absolute time (the output frame nearest the beat, with the exact
/// rational frame rate), so nothing drifts however long the song is. Segments tile the output with no gaps and the
/// output has exactly round(section length × fps) frames.
/// </remarks>
public sealed class BeatEditor
{
    private static readonly TimeSpan s_onsetWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>Where to cut (default: on every downbeat).</summary>
    public CutRule Cut { get; init; } = CutRule.OnDownbeats;

    /// <summary>Faster cuts where onsets are dense, slower where sparse; <see langword="null"/> (the default) for a steady rule.</summary>
    public CutDensity? Density { get; init; }

    /// <summary>Which clip fills each segment (default: as given).</summary>
    public ClipOrder Order { get; init; } = ClipOrder.AsGiven;

    /// <summary>The transition at every cut (default: a hard cut).</summary>
    public Transition Transition { get; init; } = Transition.Cut;

    /// <summary>Chooses a transition per cut; when set it overrides <see cref="Transition"/>.</summary>
    public Func<TransitionChoice, Transition>? TransitionSelector { get; init; }

    /// <summary>Flashes or zoom punches on strong onsets; <see langword="null"/> (the default) for none.</summary>
    public OnsetEffect? OnsetEffect { get; init; }

    /// <summary>Cuts that would leave a segment shorter than this are skipped (default 200 ms).</summary>
    public TimeSpan MinSegmentDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Plans the edit of a song (or a section of it) over <paramref name="clipCount"/> clips.</summary>
    /// <param name="grid">The song's beats.</param>
    /// <param name="clipCount">How many clips there are to choose from, 1 or more.</param>
    /// <param name="frameRate">The output frame rate.</param>
    /// <param name="sectionStart">Where in the song the output starts (default: the beginning).</param>
    /// <param name="sectionEnd">Where it ends, or <see langword="null"/> for the end of the song (<see cref="BeatGrid.Duration"/>).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The clip count, frame rate or section is invalid.</exception>
    public EditPlan Plan(BeatGrid grid, int clipCount, FrameRate frameRate, TimeSpan sectionStart = default, TimeSpan? sectionEnd = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(clipCount, 1);
        if (frameRate.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(frameRate), "The frame rate is not set.");
        }

        TimeSpan end = sectionEnd ?? grid.Duration;
        if (sectionStart < TimeSpan.Zero || end <= sectionStart)
        {
            throw new ArgumentOutOfRangeException(nameof(sectionEnd), $"The section {sectionStart.TotalSeconds:0.###} s to {end.TotalSeconds:0.###} s is empty or starts before 0.");
        }

        Density?.Validate();
        OnsetEffect?.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(MinSegmentDuration.Ticks, nameof(MinSegmentDuration));

        var warnings = new List<PlanWarning>();
        TimeSpan length = end - sectionStart;
        long total = frameRate.FrameCountFor(length);
        if (total < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sectionEnd), $"The section is {length.TotalMilliseconds:0.#} ms long: shorter than one frame at {frameRate} fps.");
        }

        List<int> cutBeats = CandidateBeats(grid, warnings);
        long minFrames = Math.Max(1, frameRate.FrameCountFor(MinSegmentDuration));

        // Cut frames from absolute beat times: the output frame nearest each beat (a lyric edit: each line's snapped time).
        var cutFrames = new List<(long Frame, int Beat)>();
        var cutLines = new Dictionary<long, (int Line, TimeSpan Planned)>();
        List<LyricCuts.Point> cutPoints = Cut.Kind == CutRuleKind.Lyrics
            ? LyricCuts.Resolve(grid, Cut, clipCount, MinSegmentDuration, warnings)
            : cutBeats.ConvertAll(b => new LyricCuts.Point(grid.Beats[b].Time, b, -1, true));
        long last = 0;
        bool listed = Cut.Kind == CutRuleKind.BeatList;
        foreach (LyricCuts.Point point in cutPoints)
        {
            int b = point.Beat;
            TimeSpan t = point.Time - sectionStart;
            if (t <= TimeSpan.Zero || t >= length)
            {
                if (listed)
                {
                    string where = t <= TimeSpan.Zero ? "at or before the start" : "at or after the end";
                    warnings.Add(new PlanWarning(PlanWarningKind.BeatOutsideSection, b,
                        FormattableString.Invariant($"Beat {b} of the cut list ({grid.Beats[b].Time.TotalSeconds:0.###} s) is {where} of the section ({sectionStart.TotalSeconds:0.###} s to {end.TotalSeconds:0.###} s); it was skipped.")));
                }

                continue;
            }

            long f = frameRate.NearestFrameAt(t);
            if (f - last >= minFrames && total - f >= minFrames)
            {
                cutFrames.Add((f, b));
                last = f;
                if (point.Line >= 0)
                {
                    cutLines[f] = (point.Line, t);
                }
            }
            else if (listed)
            {
                warnings.Add(new PlanWarning(PlanWarningKind.CutTooClose, b,
                    FormattableString.Invariant($"Beat {b} of the cut list would leave a segment shorter than the minimum segment ({MinSegmentDuration.TotalSeconds:0.###} s); it was skipped.")));
            }
        }

        int segmentCount = cutFrames.Count + 1;
        long[] starts = new long[segmentCount + 1];
        for (int i = 0; i < cutFrames.Count; i++)
        {
            starts[i + 1] = cutFrames[i].Frame;
        }

        starts[segmentCount] = total;

        var choices = new ClipChoice[segmentCount];
        for (int i = 0; i < segmentCount; i++)
        {
            choices[i] = new ClipChoice(i, segmentCount, clipCount, frameRate.TimeAt(starts[i]), frameRate.TimeAt(starts[i + 1]) - frameRate.TimeAt(starts[i]), -1);
        }

        int[] clips = Order.Assign(choices, clipCount);
        if (Cut.Kind == CutRuleKind.Lyrics)
        {
            // One clip per line, in order: the first clip until the first cut, then each cut's line.
            clips[0] = 0;
            for (int i = 0; i < cutFrames.Count; i++)
            {
                clips[i + 1] = cutLines[cutFrames[i].Frame].Line;
            }
        }

        // Transitions: windows around the cut, clamped to half of each neighbour so windows never overlap.
        long[] leadIn = new long[segmentCount];
        long[] tail = new long[segmentCount];
        var cuts = ImmutableArray.CreateBuilder<PlannedCut>(cutFrames.Count);
        for (int i = 0; i < cutFrames.Count; i++)
        {
            (long frame, int beat) = cutFrames[i];
            Beat beatInfo = beat >= 0 ? grid.Beats[beat] : new Beat(-1, frameRate.TimeAt(frame) + sectionStart, 0, 0);
            (int line, TimeSpan planned) = cutLines.TryGetValue(frame, out var lyric) ? lyric : (-1, beatInfo.Time - sectionStart);
            Transition transition = TransitionSelector?.Invoke(new TransitionChoice(i, beat, beatInfo.IsDownbeat, grid.OnsetStrengthAt(beatInfo.Time)))
                ?? Transition;
            TimeSpan period = beat >= 0 ? grid.TimeOfBeat(beat + 1) - beatInfo.Time : TimeSpan.FromSeconds(0.5);
            long d = transition.FrameCount(frameRate, period);
            (long before, long after) = transition.Placement switch
            {
                TransitionPlacement.EndingAtCut => (d, 0L),
                TransitionPlacement.StartingAtCut => (0L, d),
                _ => (d / 2, d - (d / 2)),
            };
            before = Math.Min(before, (frame - starts[i]) / 2);
            after = Math.Min(after, (starts[i + 2] - frame) / 2);
            if (transition.ShowsBothPictures && !transition.IsCut)
            {
                tail[i] = after;
                leadIn[i + 1] = before;
            }

            cuts.Add(new PlannedCut
            {
                Index = i,
                Frame = frame,
                Time = frameRate.TimeAt(frame),
                BeatIndex = beat,
                BeatTime = planned,
                LineIndex = line,
                IsDownbeat = beatInfo.IsDownbeat,
                Transition = transition,
                TransitionStartFrame = frame - before,
                TransitionEndFrame = frame + after,
            });
        }

        var segments = ImmutableArray.CreateBuilder<EditSegment>(segmentCount);
        for (int i = 0; i < segmentCount; i++)
        {
            segments.Add(new EditSegment
            {
                Index = i,
                ClipIndex = clips[i],
                StartFrame = starts[i],
                EndFrame = starts[i + 1],
                LeadInFrames = leadIn[i],
                TailFrames = tail[i],
                StartBeat = i == 0 ? -1 : cutFrames[i - 1].Beat,
            });
        }

        ImmutableArray<PlannedEffect> effects = PlanEffects(grid, frameRate, sectionStart, length, total, cutBeats, warnings);
        return new EditPlan
        {
            FrameRate = frameRate,
            TotalFrames = total,
            SectionStart = sectionStart,
            SectionDuration = length,
            ClipCount = clipCount,
            Segments = segments.MoveToImmutable(),
            Cuts = cuts.MoveToImmutable(),
            Effects = effects,
            Warnings = [.. warnings.Select(w => w.Message)],
            WarningDetails = [.. warnings],
        };
    }


    private List<int> CandidateBeats(BeatGrid grid, List<PlanWarning> warnings)
    {
        int count = grid.Beats.Count;
        var result = new List<int>();
        if (Cut.Kind == CutRuleKind.Lyrics)
        {
            return result;   // LyricCuts places these
        }

        if (Cut.Kind == CutRuleKind.BeatList)
        {
            foreach (int b in Cut.BeatIndices)
            {
                if (b < count)
                {
                    result.Add(b);
                }
                else
                {
                    warnings.Add(new PlanWarning(PlanWarningKind.BeatPastEnd, b, $"Beat {b} of the cut list is past the last beat ({count - 1}); it was skipped."));
                }
            }

            if (Density is not null)
            {
                warnings.Add(new PlanWarning(PlanWarningKind.DensityWithList, -1, "Cut density does not apply to a list of beats; the list was used as given."));
            }

            return result;
        }

        if (count == 0)
        {
            warnings.Add(new PlanWarning(PlanWarningKind.NoBeats, -1, "The beat grid has no beats: the whole section is one segment."));
            return result;
        }

        int interval = Cut.IntervalInBeats(grid.BeatsPerBar);
        int anchor = grid.Downbeats.Count > 0 ? grid.Downbeats[0].Index : 0;
        if (Cut.Kind == CutRuleKind.Beats)
        {
            anchor += Cut.Offset;
        }

        int first = ((anchor % interval) + interval) % interval;
        var nominal = new List<int>();
        if (Cut.Kind == CutRuleKind.Bars && grid.Downbeats.Count > 0)
        {
            // Bars follow the grid's own downbeats, so meter and tempo changes (4/4 → 3/4) keep cuts on the bar lines;
            // before the first downbeat the bars of the first meter are counted back from it.
            int firstDown = grid.Downbeats[0].Index;
            var before = new List<int>();
            for (int b = firstDown - interval; b >= 0; b -= interval)
            {
                before.Add(b);
            }

            before.Reverse();
            nominal.AddRange(before);
            for (int d = 0; d < grid.Downbeats.Count; d += Cut.Count)
            {
                nominal.Add(grid.Downbeats[d].Index);
            }
        }
        else
        {
            for (int b = first; b < count; b += interval)
            {
                nominal.Add(b);
            }
        }

        if (Density is null || nominal.Count < 2)
        {
            return nominal;
        }

        if (grid.Onsets is null)
        {
            warnings.Add(new PlanWarning(PlanWarningKind.DensityNeedsOnsets, -1, "Cut density needs an onset envelope (a grid from analysis); the grid has none, so cuts follow the rule evenly."));
            return nominal;
        }

        // Mean onset strength per nominal cell, compared with the median over all cells.
        int cells = nominal.Count;
        double[] density = new double[cells];
        for (int k = 0; k < cells; k++)
        {
            TimeSpan from = grid.Beats[nominal[k]].Time;
            TimeSpan to = k + 1 < cells ? grid.Beats[nominal[k + 1]].Time : grid.Duration;
            density[k] = MeanOnset(grid.Onsets, from, to);
        }

        double[] sorted = (double[])density.Clone();
        Array.Sort(sorted);
        double median = sorted[cells / 2];
        if (!(median > 0))
        {
            return nominal;
        }

        bool mergedPrevious = false;
        for (int k = 0; k < cells; k++)
        {
            bool sparse = density[k] <= Density.SparseRatio * median;
            bool previousSparse = k > 0 && density[k - 1] <= Density.SparseRatio * median;
            if (sparse && previousSparse && !mergedPrevious)
            {
                mergedPrevious = true;   // merge cell k into cell k-1: no cut at its start
            }
            else
            {
                mergedPrevious = false;
                result.Add(nominal[k]);
            }

            if (density[k] >= Density.DenseRatio * median && interval >= 2)
            {
                int middle = nominal[k] + (interval / 2);
                if (middle < count)
                {
                    result.Add(middle);
                }
            }
        }

        return result;
    }

    private static double MeanOnset(OnsetEnvelope onsets, TimeSpan from, TimeSpan to)
    {
        ReadOnlySpan<float> values = onsets.Values;
        int a = Math.Clamp((int)Math.Floor(from.TotalSeconds * onsets.FramesPerSecond), 0, values.Length);
        int b = Math.Clamp((int)Math.Ceiling(to.TotalSeconds * onsets.FramesPerSecond), a, values.Length);
        if (b <= a)
        {
            return 0;
        }

        double sum = 0;
        for (int i = a; i < b; i++)
        {
            sum += values[i];
        }

        return sum / (b - a);
    }

    private ImmutableArray<PlannedEffect> PlanEffects(BeatGrid grid, FrameRate rate, TimeSpan sectionStart, TimeSpan length, long total, List<int> cutBeats, List<PlanWarning> warnings)
    {
        if (OnsetEffect is null)
        {
            return [];
        }

        if (grid.Onsets is null)
        {
            warnings.Add(new PlanWarning(PlanWarningKind.EffectNeedsOnsets, -1, "Onset effects need an onset envelope (a grid from analysis); the grid has none, so no effects were placed."));
            return [];
        }

        float[] peaks = new float[grid.Beats.Count];
        float max = 0;
        for (int i = 0; i < peaks.Length; i++)
        {
            peaks[i] = grid.Onsets.PeakNear(grid.Beats[i].Time, s_onsetWindow);
            max = Math.Max(max, peaks[i]);
        }

        if (!(max > 0))
        {
            return [];
        }

        var cutSet = new HashSet<int>(cutBeats);
        var effects = ImmutableArray.CreateBuilder<PlannedEffect>();
        long frames = Math.Max(1, rate.FrameCountFor(OnsetEffect.Duration));
        long spacing = rate.FrameCountFor(OnsetEffect.MinSpacing);
        long lastFrame = long.MinValue / 2;
        for (int i = 0; i < peaks.Length; i++)
        {
            TimeSpan t = grid.Beats[i].Time - sectionStart;
            double normalized = peaks[i] / max;
            if (t < TimeSpan.Zero || t >= length || normalized < OnsetEffect.Threshold || (!OnsetEffect.IncludeCutBeats && cutSet.Contains(i)))
            {
                continue;
            }

            long f = rate.NearestFrameAt(t);
            if (f >= total || f - lastFrame < spacing)
            {
                continue;
            }

            effects.Add(new PlannedEffect
            {
                Kind = OnsetEffect.Kind,
                Frame = f,
                FrameCount = Math.Min(frames, total - f),
                Strength = (float)(OnsetEffect.MaxStrength * normalized),
                BeatIndex = i,
            });
            lastFrame = f;
        }

        return effects.ToImmutable();
    }
}

/// <summary>What a <see cref="BeatEditor.TransitionSelector"/> knows about the cut it chooses for.</summary>
/// <param name="CutIndex">The cut, from 0.</param>
/// <param name="BeatIndex">The beat the cut is on.</param>
/// <param name="IsDownbeat">True when the beat starts a bar.</param>
/// <param name="OnsetStrength">The onset strength at the beat (0 when the grid has no envelope).</param>
public readonly record struct TransitionChoice(int CutIndex, int BeatIndex, bool IsDownbeat, float OnsetStrength);
