using NAudio.Midi;

namespace VideoKit.Rhythm;

/// <summary>Grids from a MIDI file's tempo map and time signatures.</summary>
public sealed partial class BeatGrid
{
    /// <summary>
    /// A grid from a MIDI file: beats follow its tempo map exactly and bars its time-signature events (4/4 until the
    /// first one). In compound meters (6/8, 9/8, 12/8, …) the beat is the dotted quarter (6/8 has 2 beats per bar); in
    /// other x/8 meters it is the eighth note, in x/2 the half note. Beats run from the start to the last event.
    /// </summary>
    /// <param name="path">A Standard MIDI File (.mid).</param>
    /// <param name="duration">The song length, or <see langword="null"/> for the time of the MIDI file's last event.</param>
    /// <returns>The grid (confidence 1); <see cref="BeatsPerBar"/> is the meter that lasts longest.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a MIDI file, or it has no tempo events.</exception>
    public static BeatGrid FromMidi(string path, TimeSpan? duration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"MIDI file '{path}' does not exist.", path);
        }

        MidiFile midi;
        try
        {
            midi = new MidiFile(path, false);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or IOException or NotSupportedException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"'{path}' is not a readable MIDI file: {ex.Message}", ex);
        }

        int ppq = midi.DeltaTicksPerQuarterNote;
        if (ppq <= 0)
        {
            throw new InvalidDataException($"'{path}' uses SMPTE time division, which has no tempo map; only tick-per-quarter MIDI files can give a beat grid.");
        }

        var tempos = new SortedDictionary<long, double>();   // tick → microseconds per quarter (last one at a tick wins)
        var signatures = new SortedDictionary<long, (int Numerator, int Denominator)>();
        long lastTick = 0;
        for (int track = 0; track < midi.Tracks; track++)
        {
            foreach (MidiEvent e in midi.Events[track])
            {
                lastTick = Math.Max(lastTick, e.AbsoluteTime);
                if (e is TempoEvent tempo && tempo.MicrosecondsPerQuarterNote > 0)
                {
                    tempos[e.AbsoluteTime] = tempo.MicrosecondsPerQuarterNote;
                }
                else if (e is TimeSignatureEvent signature && signature.Numerator > 0)
                {
                    signatures[e.AbsoluteTime] = (signature.Numerator, 1 << Math.Clamp(signature.Denominator, 0, 6));
                }
            }
        }

        if (tempos.Count == 0)
        {
            throw new InvalidDataException($"'{path}' has no tempo events (Set Tempo meta events), so its beats cannot be placed in time. Use BeatGrid.FromTempo with the song's BPM instead.");
        }

        var map = new TempoMap(tempos, ppq);
        if (!signatures.ContainsKey(0))
        {
            signatures[0] = (4, 4);
        }

        var regions = signatures.ToList();
        var beats = new List<Beat>();
        var barTicks = new Dictionary<int, long>();
        int bar = 0;
        for (int r = 0; r < regions.Count; r++)
        {
            long regionStart = regions[r].Key;
            long regionEnd = r + 1 < regions.Count ? regions[r + 1].Key : Math.Max(lastTick, regionStart + 1);
            (int numerator, int denominator) = regions[r].Value;
            bool compound = denominator == 8 && numerator % 3 == 0 && numerator >= 6;
            double beatQuarters = compound ? 1.5 : 4.0 / denominator;
            int beatsPerBar = compound ? numerator / 3 : numerator;
            double beatTicks = beatQuarters * ppq;
            for (long barStart = regionStart; barStart < regionEnd; bar++)
            {
                barTicks[bar] = barStart;
                for (int k = 0; k < beatsPerBar; k++)
                {
                    long tick = barStart + (long)Math.Round(k * beatTicks);
                    if (tick >= regionEnd && k > 0)
                    {
                        break;
                    }

                    beats.Add(new Beat(beats.Count, map.TimeAt(tick), bar, k + 1));
                }

                barStart += (long)Math.Round(beatsPerBar * beatTicks);
            }
        }

        // The predominant meter: the one covering most beats.
        var counts = new Dictionary<int, int>();
        int currentBar = -1, currentCount = 0;
        foreach (Beat b in beats)
        {
            if (b.Bar != currentBar)
            {
                if (currentBar >= 0)
                {
                    counts[currentCount] = counts.GetValueOrDefault(currentCount) + currentCount;
                }

                currentBar = b.Bar;
                currentCount = 0;
            }

            currentCount++;
        }

        counts[currentCount] = counts.GetValueOrDefault(currentCount) + currentCount;
        int meter = counts.MaxBy(kv => kv.Value).Key;
        TimeSpan end = duration ?? map.TimeAt(lastTick);
        return new BeatGrid(beats, meter, end);
    }

    /// <summary>Ticks to time through a piecewise-constant tempo map.</summary>
    private sealed class TempoMap
    {
        private readonly long[] _ticks;
        private readonly double[] _microsPerQuarter;
        private readonly double[] _seconds;
        private readonly int _ppq;

        public TempoMap(SortedDictionary<long, double> tempos, int ppq)
        {
            _ppq = ppq;
            var ticks = new List<long>();
            var micros = new List<double>();
            if (!tempos.ContainsKey(0))
            {
                // Before the first tempo event the MIDI default (120 BPM) applies.
                ticks.Add(0);
                micros.Add(500_000);
            }

            foreach (KeyValuePair<long, double> kv in tempos)
            {
                ticks.Add(kv.Key);
                micros.Add(kv.Value);
            }

            _ticks = [.. ticks];
            _microsPerQuarter = [.. micros];
            _seconds = new double[_ticks.Length];
            for (int i = 1; i < _ticks.Length; i++)
            {
                _seconds[i] = _seconds[i - 1] + ((_ticks[i] - _ticks[i - 1]) * _microsPerQuarter[i - 1] / 1e6 / _ppq);
            }
        }

        public TimeSpan TimeAt(long tick)
        {
            int i = Array.BinarySearch(_ticks, tick);
            if (i < 0)
            {
                i = ~i - 1;
            }

            i = Math.Max(0, i);
            double seconds = _seconds[i] + ((tick - _ticks[i]) * _microsPerQuarter[i] / 1e6 / _ppq);
            return TimeSpan.FromSeconds(seconds);
        }
    }
}
