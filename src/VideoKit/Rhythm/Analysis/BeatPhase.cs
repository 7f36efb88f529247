namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Corrects the phase of a tracked beat sequence where the tracker's onset evidence is misleading, with two checks that
/// rest on how music is organised around the beat.
/// <list type="bullet">
/// <item><b>Swing.</b> In swing (and shuffle, and compound meters counted in dotted quarters) each beat is split
/// long–short: the off-beat falls at 0.58–0.75 of the beat, not at the middle. Jazz comping often accents those
/// off-beats ("pushes"), so the tracker can prefer them; the sequence then shows the reverse pattern, a strong onset
/// train about a third of a beat <em>after</em> its beats and nothing in the second half. Read from the mean activation
/// profile across the tracked beats, that pattern is unambiguous, and the beats move onto the train that has the long
/// interval after it.</item>
/// <item><b>Half a beat off.</b> Syncopated melodies and off-beat bass or hi-hat patterns can make the off-beats the
/// loudest onsets, but chords and bass notes still change on the beats (Goto &amp; Muraoka's chord-change cue for
/// drumless music). The spectral change across each beat (the half beat before against the half beat after, below
/// 2.5 kHz) is compared with the change across each off-beat; when the off-beat grid carries clearly more harmonic
/// change than the onset advantage of the tracked grid outweighs, the beats move by half a beat.</item>
/// </list>
/// </summary>
internal static class BeatPhase
{
    /// <summary>Phase bins per beat of the activation profile.</summary>
    internal const int Bins = 24;

    /// <summary>The profile bins where the real beat lies if the tracker sits on a swung off-beat (phase 0.29–0.42:
    /// swing ratios from 1.4:1 to 2.4:1).</summary>
    private const int EarlyFirst = 7, EarlyLast = 10;

    /// <summary>The profile bins of a straight or swung off-beat after a correctly placed beat (phase 0.46–0.75).</summary>
    private const int LateFirst = 11, LateLast = 18;

    /// <summary>
    /// The mean activation at <see cref="Bins"/> phases of each inter-beat interval (each sample the maximum over ±1
    /// frame), written to <paramref name="profile"/>.
    /// </summary>
    public static void Profile(ReadOnlySpan<float> activation, ReadOnlySpan<int> beatFrames, Span<double> profile)
    {
        profile.Clear();
        int intervals = 0;
        for (int k = 0; k + 1 < beatFrames.Length; k++)
        {
            int start = beatFrames[k];
            double length = beatFrames[k + 1] - start;
            for (int j = 0; j < profile.Length; j++)
            {
                int f = start + (int)Math.Round(j * length / profile.Length);
                float m = 0;
                for (int g = Math.Max(0, f - 1); g <= Math.Min(activation.Length - 1, f + 1); g++)
                {
                    m = Math.Max(m, activation[g]);
                }

                profile[j] += m;
            }

            intervals++;
        }

        if (intervals > 0)
        {
            for (int j = 0; j < profile.Length; j++)
            {
                profile[j] /= intervals;
            }
        }
    }

    /// <summary>
    /// The phase (fraction of a beat) by which the beats should move forward, or 0 when they already sit on the beat:
    /// non-zero only when the strongest onsets between the beats lie a third of a beat after them, at least
    /// <paramref name="minRatio"/> as strong as the beats themselves and <paramref name="dominance"/> times stronger
    /// than anything in the second half of the beat.
    /// </summary>
    public static double SwingShift(ReadOnlySpan<double> profile, double minRatio, double dominance)
    {
        if (profile.Length != Bins)
        {
            throw new ArgumentException($"The profile needs {Bins} bins.", nameof(profile));
        }

        double onBeat = Math.Max(profile[0], Math.Max(profile[1], profile[Bins - 1]));
        int early = EarlyFirst;
        for (int j = EarlyFirst; j <= EarlyLast; j++)
        {
            if (profile[j] > profile[early])
            {
                early = j;
            }
        }

        double late = 0;
        for (int j = LateFirst; j <= LateLast; j++)
        {
            late = Math.Max(late, profile[j]);
        }

        bool isPeak = profile[early] >= profile[early - 1] && profile[early] >= profile[early + 1];
        return isPeak && onBeat > 0 && profile[early] >= minRatio * onBeat && profile[early] >= dominance * late
            ? (double)early / Bins
            : 0;
    }

    /// <summary>
    /// The phase (0 or 0.5) by which the beats should move: 0.5 when
    /// log(change at the off-beats / change at the beats) + <paramref name="onsetWeight"/> × log(onsets at the off-beats /
    /// onsets at the beats) is positive, where change is the harmonic change across each boundary and onsets the
    /// strongest activation near it.
    /// </summary>
    public static double HalfBeatShift(Spectrogram spectrogram, ReadOnlySpan<float> activation, ReadOnlySpan<int> beatFrames, double onsetWeight, double maxHz = 2500) =>
        HalfBeatScore(spectrogram, activation, beatFrames, onsetWeight, maxHz) > 0 ? 0.5 : 0;

    /// <summary>
    /// log(change at the off-beats / change at the beats) + <paramref name="onsetWeight"/> × log(onsets at the off-beats /
    /// onsets at the beats): negative when the grid's beats carry the harmonic change (and onsets), positive when the
    /// off-beats do; 0 when there are too few beats to tell.
    /// </summary>
    public static double HalfBeatScore(Spectrogram spectrogram, ReadOnlySpan<float> activation, ReadOnlySpan<int> beatFrames, double onsetWeight, double maxHz = 2500)
    {
        if (beatFrames.Length < 6)
        {
            return 0;
        }

        int bands = 0;
        while (bands < spectrogram.Bands && spectrogram.BandFrequencies[bands] < maxHz)
        {
            bands++;
        }

        double[] before = new double[bands], after = new double[bands];
        double changeOn = 0, changeOff = 0, onsetOn = 0, onsetOff = 0;
        int count = 0;
        for (int k = 1; k + 1 < beatFrames.Length; k++)
        {
            int beat = beatFrames[k], half = (beatFrames[k + 1] - beat) / 2;
            if (half < 2 || beat - half < 0 || beat + (2 * half) > spectrogram.Frames)
            {
                continue;
            }

            changeOn += Change(spectrogram, beat, half, before, after);
            changeOff += Change(spectrogram, beat + half, half, before, after);
            onsetOn += PeakNear(activation, beat);
            onsetOff += PeakNear(activation, beat + half);
            count++;
        }

        if (count < 4 || changeOn <= 0 || changeOff <= 0 || onsetOn <= 0 || onsetOff <= 0)
        {
            return 0;
        }

        return Math.Log(changeOff / changeOn) + (onsetWeight * Math.Log(onsetOff / onsetOn));
    }

    /// <summary>1 − the correlation of the mean spectra of the <paramref name="half"/> frames before and after <paramref name="frame"/>.</summary>
    internal static double Change(Spectrogram spectrogram, int frame, int half, double[] before, double[] after)
    {
        Array.Clear(before);
        Array.Clear(after);
        int bands = before.Length;
        for (int g = frame - half; g < frame + half; g++)
        {
            ReadOnlySpan<float> row = spectrogram.Row(g)[..bands];
            double[] sum = g < frame ? before : after;
            for (int i = 0; i < bands; i++)
            {
                sum[i] += row[i];
            }
        }

        double mb = 0, ma = 0;
        for (int i = 0; i < bands; i++)
        {
            mb += before[i];
            ma += after[i];
        }

        mb /= bands;
        ma /= bands;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < bands; i++)
        {
            double x = before[i] - mb, y = after[i] - ma;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }

        return aa > 0 && bb > 0 ? 1 - (ab / Math.Sqrt(aa * bb)) : 0;
    }

    /// <summary>The strongest activation from 2 frames before to 4 frames after <paramref name="frame"/> (onset
    /// features peak a little after the note starts).</summary>
    private static float PeakNear(ReadOnlySpan<float> activation, int frame)
    {
        float m = 0;
        for (int g = Math.Max(0, frame - 2); g <= Math.Min(activation.Length - 1, frame + 4); g++)
        {
            m = Math.Max(m, activation[g]);
        }

        return m;
    }

    /// <summary>
    /// Moves every beat forward by <paramref name="phase"/> of its interval (the last one by the previous interval),
    /// onto the strongest activation within ±1/16 beat of the target, and adds the beat before the first one when it
    /// still lies inside the audio. The tempo of each beat travels with it.
    /// </summary>
    public static BeatTracker.Output Apply(ReadOnlySpan<float> activation, BeatTracker.Output tracked, double phase)
    {
        int[] beats = tracked.BeatFrames;
        int n = beats.Length;
        if (n < 2 || phase <= 0)
        {
            return tracked;
        }

        int firstInterval = beats[1] - beats[0];
        int before = beats[0] - (int)Math.Round((1 - phase) * firstInterval);
        bool prepend = before >= 0;
        int[] moved = new int[n + (prepend ? 1 : 0)];
        double[] bpm = new double[moved.Length];
        int o = 0;
        if (prepend)
        {
            moved[o] = Snap(activation, before, firstInterval);
            bpm[o++] = tracked.BeatBpm[0];
        }

        for (int k = 0; k < n; k++)
        {
            int interval = k + 1 < n ? beats[k + 1] - beats[k] : beats[k] - beats[k - 1];
            moved[o] = Snap(activation, beats[k] + (int)Math.Round(phase * interval), interval);
            bpm[o++] = tracked.BeatBpm[k];
        }

        // Keep the frames strictly increasing and inside the audio.
        int count = 0;
        for (int k = 0; k < moved.Length; k++)
        {
            if (moved[k] < activation.Length && (count == 0 || moved[k] > moved[count - 1]))
            {
                moved[count] = moved[k];
                bpm[count++] = bpm[k];
            }
        }

        return new BeatTracker.Output(moved[..count], bpm[..count], tracked.Score);
    }

    private static int Snap(ReadOnlySpan<float> activation, int target, int interval)
    {
        int radius = Math.Max(1, interval / 16);
        int best = Math.Clamp(target, 0, activation.Length - 1);
        for (int f = Math.Max(0, target - radius); f <= Math.Min(activation.Length - 1, target + radius); f++)
        {
            if (activation[f] > activation[best])
            {
                best = f;
            }
        }

        return best;
    }
}
