using System.Globalization;
using VideoKit.Media;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Rhythm;

/// <summary>
/// Finds the beats, downbeats, meter and tempo (curve) of a song. See <c>src/VideoKit/Rhythm/README.md</c> for the
/// method: log-frequency spectral flux → autocorrelation comb tempo → beat-pointer HMM (Viterbi) → meter from bar-phase
/// features.
/// </summary>
public static class RhythmAnalyzer
{
    /// <summary>Below this grid confidence the analysis warns that the grid is weak.</summary>
    internal const double WeakConfidence = 0.7;

    /// <summary>The shortest audio the analysis accepts.</summary>
    public static TimeSpan MinimumDuration { get; } = TimeSpan.FromSeconds(3);

    /// <summary>Decodes a song with FFmpeg and analyses its rhythm.</summary>
    /// <param name="path">Any audio or video file FFmpeg can decode.</param>
    /// <param name="options">Analysis settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="videoKitOptions">Where FFmpeg lives, or <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives the fraction done, 0 to 1.</param>
    /// <param name="cancellationToken">Stops decoding and analysis.</param>
    /// <returns>The analysis, with its beat grid.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg cannot read the file, it has no audio, or the audio is shorter than 3 s.</exception>
    public static Task<RhythmAnalysis> AnalyzeAsync(string path, RhythmAnalysisOptions? options = null, VideoKitOptions? videoKitOptions = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= RhythmAnalysisOptions.Default;
        options.Validate();
        return AnalyzeCoreAsync(path, options, videoKitOptions, progress, cancellationToken);
    }

    /// <summary>Analyses mono audio already in memory.</summary>
    /// <param name="mono">Mono samples in [-1, 1].</param>
    /// <param name="sampleRate">Samples per second (8 000 to 192 000).</param>
    /// <param name="options">Analysis settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>The analysis, with its beat grid.</returns>
    /// <exception cref="ArgumentException">The audio is shorter than 3 s.</exception>
    public static RhythmAnalysis Analyze(ReadOnlySpan<float> mono, int sampleRate, RhythmAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 192_000);
        options ??= RhythmAnalysisOptions.Default;
        options.Validate();
        double seconds = (double)mono.Length / sampleRate;
        if (seconds < MinimumDuration.TotalSeconds)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The audio is {seconds:0.###} s long; rhythm analysis needs at least {MinimumDuration.TotalSeconds:0} s."), nameof(mono));
        }

        return Run(mono, sampleRate, options, RhythmTuning.Default, cancellationToken);
    }

    /// <summary>
    /// <see cref="AnalyzeAsync"/> for a caller that blocks anyway (the command line): the same analysis, decoded on the
    /// calling thread without asynchronous machinery, which a ReadyToRun tool would otherwise compile at every start.
    /// </summary>
    internal static RhythmAnalysis Analyze(string path, RhythmAnalysisOptions? options, VideoKitOptions? videoKitOptions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= RhythmAnalysisOptions.Default;
        options.Validate();
        AudioBuffer audio = AudioDecoder.Decode(path, options.SampleRate, 1, videoKitOptions, cancellationToken);
        return AnalyzeDecoded(path, audio, options, cancellationToken);
    }

    private static async Task<RhythmAnalysis> AnalyzeCoreAsync(string path, RhythmAnalysisOptions options, VideoKitOptions? videoKitOptions, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(0);
        AudioBuffer audio = await AudioDecoder.DecodeAsync(path, options.SampleRate, 1, videoKitOptions, cancellationToken).ConfigureAwait(false);
        progress?.Report(0.5);
        RhythmAnalysis result = AnalyzeDecoded(path, audio, options, cancellationToken);
        progress?.Report(1);
        return result;
    }

    /// <summary>The confidence parts followed by the committee's agreement and each member's ("g0", "g1", …).</summary>
    private static (string, double)[] WithAgreements((string, double)[] parts, BeatCommittee.Result committee)
    {
        var all = new (string, double)[parts.Length + 1 + committee.Agreements.Length];
        parts.CopyTo(all, 0);
        all[parts.Length] = ("committee", committee.Agreement);
        for (int i = 0; i < committee.Agreements.Length; i++)
        {
            all[parts.Length + 1 + i] = ("g" + i.ToString(CultureInfo.InvariantCulture), committee.Agreements[i]);
        }

        return all;
    }

    private static RhythmAnalysis AnalyzeDecoded(string path, AudioBuffer audio, RhythmAnalysisOptions options, CancellationToken cancellationToken)
    {
        if (audio.Duration < MinimumDuration)
        {
            throw new UnsupportedMediaException(string.Create(CultureInfo.InvariantCulture, $"'{path}' is {audio.Duration.TotalSeconds:0.###} s long; rhythm analysis needs at least {MinimumDuration.TotalSeconds:0} s of audio."));
        }

        return Run(audio.Samples, audio.SampleRate, options, RhythmTuning.Default, cancellationToken);
    }

    internal static RhythmAnalysis Run(ReadOnlySpan<float> mono, int sampleRate, RhythmAnalysisOptions options, RhythmTuning tuning, CancellationToken cancellationToken = default)
    {
        var duration = TimeSpan.FromSeconds((double)mono.Length / sampleRate);
        double rms = Signal.Rms(mono);
        if (rms < 1e-4)
        {
            return Empty(duration, null, "The audio is silent (level below -80 dBFS): no beats were placed.");
        }

        double fps = tuning.FramesPerSecond;
        Spectrogram spectrogram = Spectrogram.Compute(mono, sampleRate, fps, (float)(0.1 / rms), cancellationToken);
        OnsetFeatures features = OnsetFeatures.Compute(spectrogram, tuning.FluxLag, (float)tuning.LowCutHz);
        float[] envelope = Signal.SubtractLocalMean(features.Flux, tuning.LocalMeanRadius);
        float[] low = Signal.SubtractLocalMean(features.LowFlux, tuning.LocalMeanRadius);
        float[] mixed = Mix(envelope, low, tuning.CommitteeLowWeight, tuning.ActivationQuantile);
        if (tuning.LowWeight > 0)
        {
            envelope = Mix(envelope, low, tuning.LowWeight, tuning.ActivationQuantile);
        }

        float top = Signal.Quantile(envelope, tuning.ActivationQuantile);
        var onsets = new OnsetEnvelope(Normalised(envelope, top, 1), fps);
        if (top <= 0)
        {
            return Empty(duration, onsets, "The audio has no note onsets: no beats were placed.");
        }

        double priorBpm = options.PreferredBpm ?? tuning.TempoPriorBpm;
        TempoEstimator.Result tempo = TempoEstimator.Estimate(envelope, fps, options.MinBpm, options.MaxBpm, priorBpm, tuning.TempoPriorOctaves, tuning.SubdivisionWeight);
        if (tempo.Strength < tuning.MinimumPeriodicity)
        {
            return Empty(duration, onsets, string.Create(CultureInfo.InvariantCulture, $"No steady beat found (periodicity {tempo.Strength:0.000}): the audio sounds like noise or free rhythm, so no beats were placed."));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var tracker = new BeatTracker
        {
            MinBpm = options.MinBpm,
            MaxBpm = options.MaxBpm,
            PriorBpm = tuning.TrackerFixedPrior ? priorBpm : tempo.Bpm,
            PriorOctaves = tuning.TrackerPriorOctaves,
            PriorWeight = tuning.TrackerPriorWeight,
            TransitionLambda = tuning.TransitionLambda,
            ObservationLambda = tuning.ObservationLambda,
        };
        float[] activation = Activation(envelope, top, tuning);
        BeatTracker.Output tracked = tracker.Track(activation, fps);
        if (tuning.Committee)
        {
            // Multi-feature committee: track the full-band, the bass-weighted and the bass-only onset functions and
            // keep the beat sequence that agrees best with the others (maximum mutual agreement).
            var candidates = new List<BeatTracker.Output> { tracked };
            foreach (float[] other in (float[][])[mixed, low])
            {
                float otherTop = Signal.Quantile(other, tuning.ActivationQuantile);
                if (otherTop > 0)
                {
                    candidates.Add(tracker.Track(Activation(other, otherTop, tuning), fps));
                }
            }

            tracked = MostAgreed(candidates, fps);
        }

        // Compound meters: the tracker may sit on the eighths or on pairs of eighths; the beat is the dotted quarter.
        // Checked before the phase checks, which assume the beat level is right.
        bool compoundCheck = tuning.CompoundCheck && options.BeatsPerBar is null;
        CompoundMeter.Result compound = compoundCheck
            ? CompoundMeter.Detect(activation, tracked.BeatFrames, fps, options.MinBpm, options.MaxBpm)
            : new CompoundMeter.Result(1, false);
        if (compound.Factor > 1)
        {
            double target = 60 * fps * (tracked.BeatFrames.Length - 1) / (tracked.BeatFrames[^1] - tracked.BeatFrames[0]) / compound.Factor;
            var retracker = tracker with
            {
                MinBpm = Math.Max(options.MinBpm, target / 1.2),
                MaxBpm = Math.Min(options.MaxBpm, target * 1.2),
                PriorBpm = target,
            };
            tracked = retracker.Track(activation, fps);
        }

        // Metrical level: the tracked tempo, half or double, chosen like listeners (tempo preference, onsets per beat,
        // support of the candidate grid). Skipped when the meter is compound (already moved to the dotted quarter).
        double onsetRate = MetricalLevel.OnsetRate(envelope, fps);
        MetricalLevel.Candidate[] levels = tuning.LevelChoice && compound.Factor == 1 && options.PreferredBpm is null
            ? MetricalLevel.Score(activation, tracked.BeatFrames, fps, onsetRate, options.MinBpm, options.MaxBpm, tuning, MetricalLevel.Registers(spectrogram, tuning))
            : [];
        if (levels.Length > 0 && levels[0].Factor != 1)
        {
            double target = levels[0].Bpm;
            var retracker = tracker with
            {
                MinBpm = Math.Max(options.MinBpm, target / 1.2),
                MaxBpm = Math.Min(options.MaxBpm, target * 1.2),
                PriorBpm = target,
            };
            tracked = retracker.Track(activation, fps);
        }

        tracked = CheckPhase(spectrogram, features, activation, tracked, tuning, out PhaseEvidence.Cues cues, out double swingShift, out double halfShift);
        bool ternary = compound.Factor > 1
            || (compoundCheck && CompoundMeter.Detect(activation, tracked.BeatFrames, fps, options.MinBpm, options.MaxBpm) is { Factor: 1, Ternary: true });
        tracked = WithoutShortLastBeat(tracked);
        MeterEstimator.Result meter = MeterEstimator.Estimate(spectrogram, features, tracked.BeatFrames, options.BeatsPerBar, ternary, tuning);

        (List<Beat> beats, List<TempoPoint> curve) = GridBeats(tracked, fps, tuning.BeatOffsetSeconds, duration, meter.BeatsPerBar, meter.FirstDownbeat);
        double beatsTempo = MedianTempo(beats);
        double tempoConfidence = Math.Clamp(tempo.Salience / 6, 0, 1);
        MetricalLevelScore[] levelScores = LevelScores(levels, 0);
        (string, double)[] parts = ConfidenceParts(spectrogram, tempo, activation, tracked.BeatFrames, tuning.MinimumPeriodicity, levelScores, meter.Confidence, beatsTempo);
        BeatCommittee.Result committee = BeatCommittee.Run(spectrogram, envelope, tempo, tracked.BeatFrames, fps, options.MinBpm, options.MaxBpm, tuning.LocalMeanRadius, tuning.CommitteeHistogramBins);
        BeatCommittee.Trace?.Invoke(new BeatCommittee.Traced(committee.Members, tracked.BeatFrames, ternary, activation, envelope, tempo, tracker, onsetRate, spectrogram, features));
        parts = WithAgreements(parts, committee);
        // The grid's confidence is the committee's agreement with it (see BeatCommittee) times how well the song's halves,
        // tracked on their own at the grid's tempo, reproduce it (see SelfConsistency); the older evidence (periodicity,
        // salience, support, steadiness) stays in the diagnostics.
        double evidence = Confidence(tempo, activation, tracked.BeatFrames, tuning.MinimumPeriodicity);
        parts = [.. parts, ("evidence", evidence)];
        parts = [.. parts, ("pOnset", cues.Onset), ("pKick", cues.Kick), ("pLow", cues.Low), ("pHarm", cues.Harmony), ("pBass", cues.BassNote), ("pBar", cues.Bar), ("pBarOn", cues.BarOn), ("pBarOff", cues.BarOff), ("pN", cues.Beats), ("pMid", cues.MidOnset), ("pHigh", cues.HighOnset), ("pSwing", swingShift), ("pMoved", halfShift)];
        parts = [.. parts, .. DecisionParts(levels, meter, tracked)];
        double selfConsistency = tuning.SelfConsistency ? SelfConsistency.Measure(activation, tracked.BeatFrames, tracker, fps, tuning.CommitteeHistogramBins) : 1;
        parts = [.. parts, ("self", selfConsistency)];
        double confidence = tracked.BeatFrames.Length < 3 ? 0 : committee.Agreement * selfConsistency;
        if (tuning.LevelConfidence && levelScores.Length > 1)
        {
            // A grid is only as sure as its metrical level: scale by how much more likely the chosen level is than the next.
            confidence *= Math.Pow(levelScores[0].Probability, tuning.LevelConfidencePower);
        }
        var warnings = new List<string>();
        if (confidence < WeakConfidence)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"The beat grid is uncertain (confidence {confidence:0.00}): beat trackers listening to other onset features and tempo preferences disagree with it, or the song's halves tracked on their own do not reproduce it, so check it before relying on it."));
        }

        var grid = new BeatGrid(beats, meter.BeatsPerBar, duration, confidence, onsets, warnings);
        return new RhythmAnalysis(
            grid,
            new TempoEstimate(beatsTempo, tempoConfidence),
            new TempoEstimate(beatsTempo / 2, CombAt(tempo, fps, beatsTempo / 2)),
            new TempoEstimate(beatsTempo * 2, CombAt(tempo, fps, beatsTempo * 2)),
            curve,
            meter.Confidence)
        {
            CombTempo = tempo.Bpm,
            Periodicity = tempo.Strength,
            Levels = LevelScores(levels, beatsTempo),
            ConfidenceParts = parts,
        };
    }

    /// <summary>
    /// The grid's beats and tempo curve from the tracked beats: shifted by the latency offset, and without beats that
    /// fall before 0, at or past the end, or not after the one before. The bar position of each beat is counted from
    /// its <em>tracked</em> index, on which the meter's first downbeat was chosen, so a dropped beat does not move the
    /// bar lines.
    /// </summary>
    internal static (List<Beat> Beats, List<TempoPoint> Curve) GridBeats(BeatTracker.Output tracked, double fps, double offsetSeconds, TimeSpan duration, int beatsPerBar, int firstDownbeat)
    {
        var beats = new List<Beat>(tracked.BeatFrames.Length);
        var curve = new List<TempoPoint>(tracked.BeatFrames.Length);
        double lastTime = double.NegativeInfinity;
        for (int k = 0; k < tracked.BeatFrames.Length; k++)
        {
            double seconds = (tracked.BeatFrames[k] / fps) + offsetSeconds;
            if (seconds <= lastTime || seconds < 0 || seconds >= duration.TotalSeconds)
            {
                continue;
            }

            lastTime = seconds;
            var time = TimeSpan.FromSeconds(seconds);
            int dropped = k - beats.Count; // tracked beats left out before this one
            beats.Add(BeatGrid.MakeBeat(beats.Count, time, beatsPerBar, firstDownbeat - dropped));
            curve.Add(new TempoPoint(time, tracked.BeatBpm[k]));
        }

        return (beats, curve);
    }

    /// <summary>The level candidates as probabilities (softmax of the scores), relative to the final tempo, best first.</summary>
    private static MetricalLevelScore[] LevelScores(MetricalLevel.Candidate[] levels, double finalBpm)
    {
        if (levels.Length == 0)
        {
            return [];
        }

        double top = levels[0].Score, sum = 0;
        foreach (MetricalLevel.Candidate c in levels)
        {
            sum += Math.Exp(c.Score - top);
        }

        var result = new MetricalLevelScore[levels.Length];
        for (int i = 0; i < levels.Length; i++)
        {
            double factor = levels[i].Factor / levels[0].Factor;
            result[i] = new MetricalLevelScore(factor, finalBpm * factor, Math.Exp(levels[i].Score - top) / sum);
        }

        return result;
    }

    /// <summary>Drops a last beat that comes less than 60 % of the previous interval after the one before it (the
    /// tracker's final state can end on a stray onset at the end of the audio).</summary>
    internal static BeatTracker.Output WithoutShortLastBeat(BeatTracker.Output tracked)
    {
        int[] f = tracked.BeatFrames;
        int n = f.Length;
        return n >= 3 && f[n - 1] - f[n - 2] < 0.6 * (f[n - 2] - f[n - 3])
            ? tracked with { BeatFrames = f[..^1], BeatBpm = tracked.BeatBpm[..^1] }
            : tracked;
    }

    /// <summary>Phase checks the tracker's onset evidence cannot make: swung off-beats, and grids half a beat off the
    /// chords and bars (for diagnostics: <paramref name="cues"/>, the half-beat evidence; <paramref name="swing"/> and
    /// <paramref name="half"/>, the fraction of a beat the swing check and the half-beat check moved the beats by).</summary>
    private static BeatTracker.Output CheckPhase(Spectrogram spectrogram, OnsetFeatures features, float[] activation, BeatTracker.Output tracked, RhythmTuning tuning, out PhaseEvidence.Cues cues, out double swing, out double half)
    {
        cues = PhaseEvidence.Cues.None;
        swing = 0;
        half = 0;
        if (tuning.SwingCorrection)
        {
            Span<double> profile = stackalloc double[BeatPhase.Bins];
            BeatPhase.Profile(activation, tracked.BeatFrames, profile);
            swing = BeatPhase.SwingShift(profile, tuning.SwingMinRatio, tuning.SwingDominance);
            tracked = BeatPhase.Apply(activation, tracked, swing);
        }

        // A swung grid's phase is settled by its long-short pattern; otherwise the harmony and the bars decide.
        if (tuning.PhaseEvidenceCheck && swing == 0)
        {
            cues = PhaseEvidence.Measure(spectrogram, features, activation, tracked.BeatFrames, tuning);
            if (PhaseEvidence.FavoursOffBeats(cues, tuning))
            {
                half = 0.5;
                tracked = BeatPhase.Apply(activation, tracked, 0.5);
            }
        }

        if (tuning.HalfBeatCorrection)
        {
            tracked = BeatPhase.Apply(activation, tracked, BeatPhase.HalfBeatShift(spectrogram, activation, tracked.BeatFrames, tuning.HalfBeatOnsetWeight));
        }

        return tracked;
    }

    private static RhythmAnalysis Empty(TimeSpan duration, OnsetEnvelope? onsets, string warning)
    {
        var grid = new BeatGrid([], 4, duration, 0, onsets, [warning]);
        return new RhythmAnalysis(grid, new TempoEstimate(0, 0), new TempoEstimate(0, 0), new TempoEstimate(0, 0), [], 0);
    }

    private static float[] Normalised(ReadOnlySpan<float> envelope, float top, double scale)
    {
        float[] result = new float[envelope.Length];
        if (top <= 0)
        {
            return result;
        }

        float k = (float)(scale / top);
        for (int i = 0; i < envelope.Length; i++)
        {
            result[i] = Math.Min(1, envelope[i] * k);
        }

        return result;
    }

    private static float[] Mix(float[] full, float[] low, double weight, double quantile)
    {
        float[] result = (float[])full.Clone();
        float fullTop = Signal.Quantile(full, quantile), lowTop = Signal.Quantile(low, quantile);
        if (weight > 0 && fullTop > 0 && lowTop > 0)
        {
            float k = (float)(weight * fullTop / lowTop);
            for (int i = 0; i < result.Length; i++)
            {
                result[i] += k * low[i];
            }
        }

        return result;
    }

    private static float[] Activation(float[] envelope, float top, RhythmTuning tuning)
    {
        float[] activation = tuning.LocalNormRadius > 0
            ? LocallyNormalised(envelope, tuning.LocalNormRadius, tuning.LocalNormFactor)
            : Normalised(envelope, top, tuning.ActivationScale);
        if (tuning.ActivationPower != 1)
        {
            for (int i = 0; i < activation.Length; i++)
            {
                activation[i] = MathF.Pow(activation[i], (float)tuning.ActivationPower);
            }
        }

        return activation;
    }

    /// <summary>The candidate whose beats match the other candidates' best (mean F-measure, ±70 ms); ties keep the first.</summary>
    private static BeatTracker.Output MostAgreed(List<BeatTracker.Output> candidates, double fps)
    {
        if (candidates.Count < 3)
        {
            return candidates[0];
        }

        double[][] times = new double[candidates.Count][];
        for (int i = 0; i < candidates.Count; i++)
        {
            times[i] = new double[candidates[i].BeatFrames.Length];
            for (int k = 0; k < times[i].Length; k++)
            {
                times[i][k] = candidates[i].BeatFrames[k] / fps;
            }
        }

        int best = 0;
        double bestAgreement = double.NegativeInfinity;
        for (int i = 0; i < candidates.Count; i++)
        {
            double agreement = 0;
            for (int j = 0; j < candidates.Count; j++)
            {
                if (j != i)
                {
                    agreement += BeatEvaluation.FMeasure(times[j], times[i]);
                }
            }

            if (agreement > bestAgreement + 1e-9)
            {
                bestAgreement = agreement;
                best = i;
            }
        }

        return candidates[best];
    }

    private static float[] LocallyNormalised(float[] envelope, int radius, double factor)
    {
        float[] mean = Signal.Smooth(envelope, radius);
        float floor = 1e-3f * Signal.Quantile(envelope, 0.99);
        float[] result = new float[envelope.Length];
        for (int i = 0; i < envelope.Length; i++)
        {
            result[i] = Math.Min(1, envelope[i] / (float)(factor * Math.Max(mean[i], floor)));
        }

        return result;
    }

    private static double MedianTempo(List<Beat> beats)
    {
        if (beats.Count < 2)
        {
            return 0;
        }

        double[] intervals = new double[beats.Count - 1];
        for (int i = 1; i < beats.Count; i++)
        {
            intervals[i - 1] = (beats[i].Time - beats[i - 1].Time).TotalSeconds;
        }

        Array.Sort(intervals);
        return 60 / intervals[intervals.Length / 2];
    }

    /// <summary>
    /// The grid's confidence: the geometric mean of four pieces of evidence, each mapped to 0..1 — how periodic the
    /// onset envelope is (comb strength above the noise level), how much the chosen period stands out from the other
    /// periods (comb salience), how strong the onsets on the beats are (mean normalised activation within ±20 ms), and
    /// how steady the beat is from one interval to the next (mean change of successive intervals; a tempo curve that
    /// moves smoothly is not penalised, jitter is).
    /// </summary>
    private static double Confidence(TempoEstimator.Result tempo, float[] activation, int[] beatFrames, double minimumPeriodicity)
    {
        int n = beatFrames.Length;
        if (n < 3)
        {
            return 0;
        }

        double periodicity = Math.Clamp((tempo.Strength - minimumPeriodicity) / 0.5, 0, 1);
        double salience = Math.Clamp((tempo.Salience - 2) / 4, 0, 1);
        double onBeats = 0;
        foreach (int f in beatFrames)
        {
            onBeats += Peak(activation, f);
        }

        onBeats /= n;
        double jitter = 0;
        for (int k = 2; k < n; k++)
        {
            jitter += Math.Abs(beatFrames[k] - (2 * beatFrames[k - 1]) + beatFrames[k - 2]);
        }

        jitter /= (n - 2) * ((beatFrames[^1] - beatFrames[0]) / (double)(n - 1));
        double steadiness = Math.Clamp(1 - (jitter / 0.2), 0, 1);
        return Math.Pow(periodicity * salience * onBeats * steadiness, 0.25);
    }

    private static (string, double)[] ConfidenceParts(Spectrogram spectrogram, TempoEstimator.Result tempo, float[] activation, int[] beatFrames, double minimumPeriodicity, MetricalLevelScore[] levels, double meterConfidence, double bpm)
    {
        int n = beatFrames.Length;
        if (n < 3)
        {
            return [];
        }

        double periodicity = Math.Clamp((tempo.Strength - minimumPeriodicity) / 0.5, 0, 1);
        double salience = Math.Clamp((tempo.Salience - 2) / 4, 0, 1);
        double[] shifted = new double[12];
        for (int s = 0; s < 12; s++)
        {
            double sum = 0;
            for (int k = 0; k + 1 < n; k++)
            {
                sum += Peak(activation, beatFrames[k] + (int)Math.Round((beatFrames[k + 1] - beatFrames[k]) * s / 12.0));
            }

            shifted[s] = sum / (n - 1);
        }

        double a0 = shifted[0];
        double maxOther = 0, meanOther = 0;
        for (int s = 1; s < 12; s++)
        {
            maxOther = Math.Max(maxOther, shifted[s]);
            meanOther += shifted[s] / 11;
        }

        double jitter = 0;
        for (int k = 2; k < n; k++)
        {
            jitter += Math.Abs(beatFrames[k] - (2 * beatFrames[k - 1]) + beatFrames[k - 2]);
        }

        jitter /= (n - 2) * ((beatFrames[^1] - beatFrames[0]) / (double)(n - 1));
        double levelP = levels.Length > 0 ? levels[0].Probability : 1;
        double agree = Math.Abs(Math.Log2(tempo.Bpm / bpm));
        // Autocorrelation of the activation at the beat period against half and double periods.
        return
        [
            ("per", periodicity), ("sal", salience), ("on", a0), ("steady", Math.Clamp(1 - (jitter / 0.2), 0, 1)),
            ("half", shifted[6] / Math.Max(1e-9, a0)), ("maxsh", maxOther / Math.Max(1e-9, a0)), ("meansh", meanOther / Math.Max(1e-9, a0)),
            ("q13", shifted[4] / Math.Max(1e-9, a0)), ("q14", Math.Max(shifted[3], shifted[9]) / Math.Max(1e-9, a0)),
            ("harm", BeatPhase.HalfBeatScore(spectrogram, activation, beatFrames, 0)), ("harmOn", BeatPhase.HalfBeatScore(spectrogram, activation, beatFrames, 0.15)),
            ("levelP", levelP), ("meter", meterConfidence), ("agree", agree), ("rawsal", tempo.Salience), ("rawper", tempo.Strength),
            ("oct", bpm > 0 ? Math.Abs(Math.Log2(bpm / 120)) : 0),
        ];
    }

    /// <summary>The analysis' own decision statistics, for diagnostics: each level candidate's log-score by its factor
    /// ("lv0.5", "lv1", "lv2"; the chosen one is "levelFactor"), the meter's score margin over the runner-up, and the
    /// tracked tempo path's spread (SD of log₂ of the beat tempi) and share of beats whose tempo moved by more than 2 %.</summary>
    private static (string, double)[] DecisionParts(MetricalLevel.Candidate[] levels, MeterEstimator.Result meter, BeatTracker.Output tracked)
    {
        var result = new List<(string, double)>(8);
        foreach (MetricalLevel.Candidate c in levels)
        {
            result.Add(("lv" + c.Factor.ToString(CultureInfo.InvariantCulture), c.Score));
        }

        result.Add(("levelFactor", levels.Length > 0 ? levels[0].Factor : 0));
        result.Add(("meterMargin", meter.Margin));
        double[] bpm = tracked.BeatBpm;
        if (bpm.Length > 2)
        {
            double mean = 0, sq = 0;
            int moved = 0;
            for (int k = 0; k < bpm.Length; k++)
            {
                double x = Math.Log2(Math.Max(1, bpm[k]));
                mean += x;
                sq += x * x;
                if (k > 0 && Math.Abs(bpm[k] - bpm[k - 1]) > 0.02 * bpm[k - 1])
                {
                    moved++;
                }
            }

            mean /= bpm.Length;
            result.Add(("tempoSd", Math.Sqrt(Math.Max(0, (sq / bpm.Length) - (mean * mean)))));
            result.Add(("tempoMoves", (double)moved / (bpm.Length - 1)));
        }

        return [.. result];
    }

    /// <summary>The strongest activation within ±2 frames of <paramref name="f"/>.</summary>
    private static float Peak(float[] a, int f)
    {
        float m = 0;
        for (int g = Math.Max(0, f - 2); g <= Math.Min(a.Length - 1, f + 2); g++)
        {
            m = Math.Max(m, a[g]);
        }

        return m;
    }

    private static double CombAt(TempoEstimator.Result tempo, double fps, double bpm)
    {
        if (bpm <= 0)
        {
            return 0;
        }

        int lag = (int)Math.Round(60 * fps / bpm) - tempo.MinLag;
        if (lag < 0 || lag >= tempo.Comb.Length || tempo.Strength <= 0)
        {
            return 0;
        }

        return Math.Clamp(tempo.Comb[lag] / tempo.Strength, 0, 1);
    }
}
