namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// A beat-pointer hidden Markov model decoded with Viterbi. The hidden state is (beat period τ in frames, frames since
/// the last beat). Within a beat the pointer advances one frame at a time; at the end of a beat the period may change
/// to a neighbouring one with a probability that falls exponentially with the relative tempo change, so the model
/// follows accelerandi, ritardandi and tempo jumps and yields a tempo curve. Observations favour onsets in the first
/// 1/<c>ObservationLambda</c> of each beat. A log-Gaussian prior around the global tempo is paid once per beat.
/// </summary>
/// <remarks>
/// Each period keeps a ring buffer indexed by the frame its current beat started on, so advancing the pointer costs
/// nothing; per frame only the beat-start states (one per period, with a max over nearby periods) and the few states
/// in each beat's observation window are touched. Back-pointers are needed only at beat starts.
/// </remarks>
internal sealed record BeatTracker
{
    public double MinBpm { get; init; } = 50;

    public double MaxBpm { get; init; } = 230;

    /// <summary>How strongly tempo changes between beats are penalised (higher = steadier).</summary>
    public double TransitionLambda { get; init; } = 100;

    /// <summary>The fraction 1/λ of each beat in which onsets count as beat evidence.</summary>
    public double ObservationLambda { get; init; } = 16;

    /// <summary>Weight of the tempo prior (log-Gaussian around <see cref="PriorBpm"/>), paid per beat.</summary>
    public double PriorWeight { get; init; } = 1;

    public double PriorBpm { get; init; } = 120;

    public double PriorOctaves { get; init; } = 0.5;

    internal readonly record struct Output(int[] BeatFrames, double[] BeatBpm, double Score);

    public Output Track(ReadOnlySpan<float> activation, double fps)
    {
        int frames = activation.Length;
        int minTau = Math.Max(2, (int)Math.Floor(60 * fps / MaxBpm));
        int maxTau = Math.Max(minTau, (int)Math.Ceiling(60 * fps / MinBpm));
        int tempi = maxTau - minTau + 1;
        int[] tau = new int[tempi];
        int[] offset = new int[tempi];
        int[] region = new int[tempi];
        double[] logPrior = new double[tempi];
        int total = 0;
        for (int i = 0; i < tempi; i++)
        {
            tau[i] = minTau + i;
            offset[i] = total;
            total += tau[i];
            region[i] = Math.Max(1, (int)Math.Round(tau[i] / ObservationLambda));
            double x = Math.Log2(60 * fps / tau[i] / PriorBpm) / PriorOctaves;
            logPrior[i] = -0.5 * PriorWeight * x * x;
        }

        // Sparse transitions: only between periods within ~15 % of each other.
        int[] fromLo = new int[tempi], fromHi = new int[tempi];
        double[][] logTrans = new double[tempi][];
        for (int j = 0; j < tempi; j++)
        {
            int lo = j, hi = j;
            while (lo > 0 && Math.Abs(((double)tau[j] / tau[lo - 1]) - 1) < 0.15)
            {
                lo--;
            }

            while (hi < tempi - 1 && Math.Abs(((double)tau[j] / tau[hi + 1]) - 1) < 0.15)
            {
                hi++;
            }

            fromLo[j] = lo;
            fromHi[j] = hi;
            logTrans[j] = new double[hi - lo + 1];
        }

        // Normalise the transition probabilities out of each period i over its reachable targets.
        double[] norm = new double[tempi];
        for (int j = 0; j < tempi; j++)
        {
            for (int i = fromLo[j]; i <= fromHi[j]; i++)
            {
                norm[i] += Math.Exp(-TransitionLambda * Math.Abs(((double)tau[j] / tau[i]) - 1));
            }
        }

        for (int j = 0; j < tempi; j++)
        {
            for (int i = fromLo[j]; i <= fromHi[j]; i++)
            {
                logTrans[j][i - fromLo[j]] = (-TransitionLambda * Math.Abs(((double)tau[j] / tau[i]) - 1)) - Math.Log(norm[i]);
            }
        }

        double[] ring = new double[total];
        double[] endValue = new double[tempi];
        short[] back = new short[frames * tempi];
        double lambda = ObservationLambda;
        for (int t = 0; t < frames; t++)
        {
            if (t > 0)
            {
                for (int i = 0; i < tempi; i++)
                {
                    endValue[i] = ring[offset[i] + (t % tau[i])];
                }

                for (int j = 0; j < tempi; j++)
                {
                    double best = double.NegativeInfinity;
                    int arg = j;
                    double[] lt = logTrans[j];
                    for (int i = fromLo[j]; i <= fromHi[j]; i++)
                    {
                        double v = endValue[i] + lt[i - fromLo[j]];
                        if (v > best)
                        {
                            best = v;
                            arg = i;
                        }
                    }

                    ring[offset[j] + (t % tau[j])] = best + logPrior[j];
                    back[(t * tempi) + j] = (short)arg;
                }
            }
            else
            {
                for (int j = 0; j < tempi; j++)
                {
                    // Uniform start over phases; the tempo prior applies from the first beat.
                    for (int p = 0; p < tau[j]; p++)
                    {
                        ring[offset[j] + p] = logPrior[j];
                    }
                }
            }

            double a = Math.Clamp(activation[t], 1e-3, 1 - 1e-3);
            double bonus = Math.Log(a) - Math.Log((1 - a) / (lambda - 1));
            for (int j = 0; j < tempi; j++)
            {
                for (int p = 0; p < region[j]; p++)
                {
                    int slot = ((t - p) % tau[j] + tau[j]) % tau[j];
                    ring[offset[j] + slot] += bonus;
                }
            }
        }

        // Best final state.
        int bestTempo = 0, bestSlot = 0;
        double bestValue = double.NegativeInfinity;
        for (int i = 0; i < tempi; i++)
        {
            for (int s = 0; s < tau[i]; s++)
            {
                double v = ring[offset[i] + s];
                if (v > bestValue)
                {
                    bestValue = v;
                    bestTempo = i;
                    bestSlot = s;
                }
            }
        }

        int last = frames - 1;
        int phase = ((last - bestSlot) % tau[bestTempo] + tau[bestTempo]) % tau[bestTempo];
        int start = last - phase;
        var beats = new List<int>();
        var bpm = new List<double>();
        int tempo = bestTempo;
        while (start >= 0)
        {
            beats.Add(start);
            bpm.Add(60 * fps / tau[tempo]);
            if (start == 0)
            {
                break;
            }

            int previous = back[(start * tempi) + tempo];
            start -= tau[previous];
            tempo = previous;
        }

        beats.Reverse();
        bpm.Reverse();
        int[] beatFrames = [.. beats];
        // Place each beat on the strongest activation inside its observation window.
        for (int k = 0; k < beatFrames.Length; k++)
        {
            int s = beatFrames[k];
            int w = Math.Max(1, (int)Math.Round(60 * fps / bpm[k] / lambda));
            int arg = s;
            for (int f = s; f < Math.Min(frames, s + w); f++)
            {
                if (activation[f] > activation[arg])
                {
                    arg = f;
                }
            }

            beatFrames[k] = arg;
        }

        return new Output(beatFrames, [.. bpm], bestValue / Math.Max(1, frames));
    }
}
