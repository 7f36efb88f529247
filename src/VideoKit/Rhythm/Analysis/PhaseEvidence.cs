namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Evidence on whether a tracked grid sits on the beats or half a beat off them, from cues other than the overall onset
/// strength the tracker followed. Each cue compares the grid's beats with its off-beats (the points halfway between
/// them) and is positive when the off-beats look more like beats:
/// <list type="bullet">
/// <item><see cref="Cues.Kick"/>: onsets in the kick register (&lt; 120 Hz). Kicks and bass attacks land on beats;
/// hi-hats, skank chords and off-beat bass lines sound mostly above it.</item>
/// <item><see cref="Cues.Low"/>: the low-band (&lt; 150 Hz) level over the first quarter of the beat: the body of the
/// kick and a bass note held from the beat.</item>
/// <item><see cref="Cues.Harmony"/>: the spectral change (&lt; 2.5 kHz) across the point: chords change on beats (Goto
/// &amp; Muraoka).</item>
/// <item><see cref="Cues.BassNote"/>: the change of the bass register (40–250 Hz) across the point: a new bass note.</item>
/// <item><see cref="Cues.Bar"/>: how clearly the grid's beats form bars (the downbeat evidence of
/// <see cref="BarFeatures"/>: its best bar position against the others), for the shifted grid against this one. A grid
/// on the off-beats finds no consistent bar position, because every cue of a downbeat falls between its beats.</item>
/// </list>
/// Each beat-level cue is an effect size: the mean over the beats of (value at the off-beat − value at the beat) over
/// its standard deviation, so cues of different units can be added and a consistent difference counts more than a
/// few large ones. The onsets are also split by register (<see cref="Cues.Kick"/>, <see cref="Cues.MidOnset"/>
/// 150–2000 Hz, <see cref="Cues.HighOnset"/> &gt; 2 kHz): the check is asked only when they are ambiguous
/// (<see cref="OnsetsAmbiguous"/>). <see cref="FavoursOffBeats"/> then decides on harmony, bars and kick; <see cref="Cues.Onset"/> (the
/// tracker's own evidence), <see cref="Cues.Low"/> and <see cref="Cues.BassNote"/> are reported for diagnostics only
/// (on the 99 development excerpts they added no fix and narrowed the margin's plateau; see the Rhythm JOURNAL.md,
/// "Half a beat off").
/// </summary>
internal static class PhaseEvidence
{
    /// <summary>The cues (positive = the off-beats look more like beats).</summary>
    internal readonly record struct Cues(double Onset, double Kick, double Low, double Harmony, double BassNote, double Bar, double BarOn, double BarOff, int Beats = 60, double MidOnset = 0, double HighOnset = 0)
    {
        public static Cues None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /// <summary>
    /// True when the grid should move half a beat: the onsets are ambiguous (<see cref="OnsetsAmbiguous"/> with
    /// <see cref="RhythmTuning.PhaseOnsetZ"/>: not every register is clearly on the grid's beats), the harmonic change
    /// and the bar contrast both favour the off-beats,
    /// and the evidence — harmony + bars + kick, each in units of its spread over songs — favours them by more than
    /// <see cref="RhythmTuning.PhaseMargin"/>. The kick counts as one piece of evidence among three, not as a veto of its
    /// own: kick or bass figures half a beat before the notated beat occur (dance music, pick-ups), while chords and bar
    /// lines rarely sit on the "and". The overall onset strength is not counted: the tracker already chose the grid on it.
    /// The cues are means over the beats, so their noise grows as 1/√beats: with fewer beats than
    /// <see cref="RhythmTuning.PhaseReferenceBeats"/> (a 30 s excerpt at 120 BPM, the material the margin was set on)
    /// the margin grows by √(reference / beats).
    /// </summary>
    public static bool FavoursOffBeats(Cues cues, RhythmTuning tuning)
    {
        if (cues.Beats < 6)
        {
            return false;
        }

        if (!OnsetsAmbiguous(cues, tuning.PhaseOnsetZ))
        {
            return false;
        }

        double harmony = cues.Harmony / tuning.PhaseHarmonyScale, bar = cues.Bar / tuning.PhaseBarScale, kick = cues.Kick / tuning.PhaseKickScale;
        double margin = tuning.PhaseMargin * Math.Sqrt(Math.Max(1, tuning.PhaseReferenceBeats / cues.Beats));
        return harmony > 0 && bar > 0 && harmony + bar + kick > margin;
    }

    /// <summary>
    /// True unless the onsets of every register — the kick (&lt; 120 Hz), the middle (150–2000 Hz: chords, snare, bass
    /// attacks) and the top (&gt; 2 kHz: hi-hats, cymbals, consonants) — land on the grid's beats rather than its off-beats
    /// by more than <paramref name="z"/> standard errors (the effect size × √beats: the mean difference over the beats in
    /// units of its own spread across them). A grid lands on the off-beats because some register puts its onsets there:
    /// off-beat hi-hats, skank chords, a syncopated bass line, a kick ahead of the beat. When no register does, the onsets
    /// are unambiguous and harmony and bars must not overrule them; only when at least one register is not clearly on
    /// the grid may the other cues decide.
    /// </summary>
    public static bool OnsetsAmbiguous(Cues cues, double z)
    {
        double standardErrors = Math.Sqrt(Math.Max(1, cues.Beats));
        double mostAgainst = Math.Max(cues.Kick, Math.Max(cues.MidOnset, cues.HighOnset)) * standardErrors;
        return mostAgainst > -z;
    }

    /// <summary>The cues for the grid <paramref name="beatFrames"/>; <see cref="Cues.None"/> when there are fewer than 8 beats.</summary>
    public static Cues Measure(Spectrogram spectrogram, OnsetFeatures onsets, ReadOnlySpan<float> activation, ReadOnlySpan<int> beatFrames, RhythmTuning tuning)
    {
        int n = beatFrames.Length;
        if (n < 8)
        {
            return Cues.None;
        }

        int kickBands = spectrogram.BandsBelow(120), lowBands = spectrogram.BandsBelow(150), harmonyBands = spectrogram.BandsBelow(2500);
        int bassFirst = spectrogram.BandsBelow(40), bassEnd = spectrogram.BandsBelow(250);
        float[] kick = spectrogram.BandFlux(0, kickBands);
        float[] mid = spectrogram.BandFlux(lowBands, spectrogram.BandsBelow(2000)), high = spectrogram.BandFlux(spectrogram.BandsBelow(2000), spectrogram.Bands);
        int m = n - 2;
        double[] midD = new double[m], highD = new double[m];
        double[] onset = new double[m], kickD = new double[m], low = new double[m], harmony = new double[m], bass = new double[m];
        double[] before = new double[harmonyBands], after = new double[harmonyBands];
        int count = 0;
        for (int k = 1; k + 1 < n; k++)
        {
            int beat = beatFrames[k], half = (beatFrames[k + 1] - beat) / 2, off = beat + half;
            if (half < 2 || beat - half < 0 || beat + (2 * half) > spectrogram.Frames)
            {
                continue;
            }

            onset[count] = PeakNear(activation, off) - PeakNear(activation, beat);
            kickD[count] = PeakNear(kick, off) - PeakNear(kick, beat);
            midD[count] = PeakNear(mid, off) - PeakNear(mid, beat);
            highD[count] = PeakNear(high, off) - PeakNear(high, beat);
            int quarter = Math.Max(2, half / 2);
            low[count] = Level(spectrogram, off, quarter, lowBands) - Level(spectrogram, beat, quarter, lowBands);
            harmony[count] = Change(spectrogram, off, half, 0, harmonyBands, before, after) - Change(spectrogram, beat, half, 0, harmonyBands, before, after);
            bass[count] = Change(spectrogram, off, half, bassFirst, bassEnd, before, after) - Change(spectrogram, beat, half, bassFirst, bassEnd, before, after);
            count++;
        }

        if (count < 6)
        {
            return Cues.None;
        }

        int[] shifted = new int[n - 1];
        for (int k = 0; k + 1 < n; k++)
        {
            shifted[k] = (beatFrames[k] + beatFrames[k + 1]) / 2;
        }

        double barOn = BarContrast(spectrogram, onsets, beatFrames, tuning);
        double barOff = BarContrast(spectrogram, onsets, shifted, tuning);
        return new Cues(
            EffectSize(onset.AsSpan(0, count)),
            EffectSize(kickD.AsSpan(0, count)),
            EffectSize(low.AsSpan(0, count)),
            EffectSize(harmony.AsSpan(0, count)),
            EffectSize(bass.AsSpan(0, count)),
            barOff - barOn,
            barOn,
            barOff,
            count,
            EffectSize(midD.AsSpan(0, count)),
            EffectSize(highD.AsSpan(0, count)));
    }

    /// <summary>The largest bar contrast over 3, 4 and 5 beats per bar of the downbeat evidence (the same weighted sum
    /// of <see cref="BarFeatures"/> the meter estimate uses, without chord novelty): the mean at the best bar position
    /// minus the mean at the others, less what chance gives.</summary>
    internal static double BarContrast(Spectrogram spectrogram, OnsetFeatures onsets, ReadOnlySpan<int> beatFrames, RhythmTuning tuning)
    {
        int n = beatFrames.Length;
        if (n < 8)
        {
            return 0;
        }

        BarFeatures bar = BarFeatures.Compute(spectrogram, onsets, beatFrames);
        double[] feature = new double[n];
        for (int k = 0; k < n; k++)
        {
            feature[k] = (tuning.BassWeight * bar.Bass[k]) + (tuning.KickWeight * bar.Kick[k]) + (tuning.ChangeWeight * bar.Change[k]) + (tuning.FluxWeight * bar.Flux[k])
                + (tuning.BassNoteWeight * bar.BassNote[k]) + (tuning.LowEnergyWeight * bar.LowEnergy[k]);
        }

        BarFeatures.Standardise(feature);
        double best = double.NegativeInfinity;
        Span<double> sums = stackalloc double[5];
        Span<int> counts = stackalloc int[5];
        foreach (int meter in (ReadOnlySpan<int>)[3, 4, 5])
        {
            sums.Clear();
            counts.Clear();
            for (int k = 0; k < n; k++)
            {
                sums[k % meter] += feature[k];
                counts[k % meter]++;
            }

            double top = double.NegativeInfinity, total = 0;
            for (int p = 0; p < meter; p++)
            {
                double mean = sums[p] / Math.Max(1, counts[p]);
                total += mean;
                top = Math.Max(top, mean);
            }

            double expectedMax = meter switch { 3 => 0.846, 4 => 1.029, _ => 1.163 };
            double contrast = top - ((total - top) / (meter - 1)) - (expectedMax * Math.Sqrt((double)meter / n) * meter / (meter - 1));
            best = Math.Max(best, contrast);
        }

        return best;
    }

    /// <summary>Mean over standard deviation (0 when constant).</summary>
    internal static double EffectSize(ReadOnlySpan<double> x)
    {
        double mean = BarFeatures.Mean(x), var = 0;
        foreach (double v in x)
        {
            var += (v - mean) * (v - mean);
        }

        double sd = Math.Sqrt(var / x.Length);
        return sd > 1e-12 ? mean / sd : 0;
    }

    /// <summary>The mean summed level of the first <paramref name="bands"/> bands over <paramref name="length"/> frames from <paramref name="frame"/>.</summary>
    private static double Level(Spectrogram spectrogram, int frame, int length, int bands)
    {
        double sum = 0;
        int end = Math.Min(spectrogram.Frames, frame + length);
        for (int g = frame; g < end; g++)
        {
            ReadOnlySpan<float> row = spectrogram.Row(g)[..bands];
            for (int i = 0; i < bands; i++)
            {
                sum += row[i];
            }
        }

        return sum / Math.Max(1, end - frame);
    }

    /// <summary>1 − the correlation of the mean spectra (bands <paramref name="first"/> to <paramref name="end"/>) of the
    /// <paramref name="half"/> frames before and after <paramref name="frame"/>.</summary>
    private static double Change(Spectrogram spectrogram, int frame, int half, int first, int end, double[] before, double[] after)
    {
        int bands = end - first;
        if (bands < 2)
        {
            return 0;
        }

        Span<double> b = before.AsSpan(0, bands), a = after.AsSpan(0, bands);
        b.Clear();
        a.Clear();
        for (int g = frame - half; g < frame + half; g++)
        {
            ReadOnlySpan<float> row = spectrogram.Row(g)[first..end];
            Span<double> sum = g < frame ? b : a;
            for (int i = 0; i < bands; i++)
            {
                sum[i] += row[i];
            }
        }

        return 1 - BarFeatures.Correlation(b, a);
    }

    private static float PeakNear(ReadOnlySpan<float> values, int frame)
    {
        float m = 0;
        for (int g = Math.Max(0, frame - 2); g <= Math.Min(values.Length - 1, frame + 4); g++)
        {
            m = Math.Max(m, values[g]);
        }

        return m;
    }
}
