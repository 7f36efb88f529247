using System.Globalization;
using System.Text;

namespace VideoKit.Rhythm;

/// <summary>Beat files: one beat time in seconds per line, optionally followed by the beat's position in its bar.</summary>
public sealed partial class BeatGrid
{
    /// <summary>
    /// Reads a beats file: one time in seconds per line (the mir_eval / madmom <c>.beats</c> format). A second column,
    /// when present, is the beat's position in its bar (1 = downbeat) and sets the bars and the meter; otherwise bars
    /// of <paramref name="beatsPerBar"/> start at the first beat. Blank lines and lines starting with '#' are skipped.
    /// </summary>
    /// <param name="path">The text file.</param>
    /// <param name="beatsPerBar">The meter when the file has no beat-in-bar column.</param>
    /// <param name="duration">The song length, or <see langword="null"/> for the last beat's time.</param>
    /// <returns>The grid (confidence 1).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is not a number (the message names the file and line).</exception>
    public static BeatGrid FromBeatsFile(string path, int beatsPerBar = 4, TimeSpan? duration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beatsPerBar);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Beats file '{path}' does not exist.", path);
        }

        var times = new List<TimeSpan>();
        var positions = new List<int>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] cells = line.Split((char[])[' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (!double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= 0) || double.IsInfinity(seconds))
            {
                throw new FormatException($"'{path}' line {lineNumber}: '{cells[0]}' is not a time in seconds (expected a non-negative number such as 1.250).");
            }

            if (times.Count > 0 && TimeSpan.FromSeconds(seconds) <= times[^1])
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{path}' line {lineNumber}: {seconds:0.###} s is not after the previous beat; beat times must increase."));
            }

            times.Add(TimeSpan.FromSeconds(seconds));
            if (cells.Length > 1)
            {
                if (!double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double position) || position < 1 || position != Math.Floor(position))
                {
                    throw new FormatException($"'{path}' line {lineNumber}: '{cells[1]}' is not a beat position in the bar (expected 1, 2, 3, …).");
                }

                positions.Add((int)position);
            }
        }

        if (positions.Count > 0 && positions.Count != times.Count)
        {
            throw new FormatException($"'{path}': some lines have a beat-in-bar column and some do not; give it on every line or on none.");
        }

        if (positions.Count == 0)
        {
            return FromBeatTimes(times, beatsPerBar, 0, duration);
        }

        int meter = 1;
        foreach (int p in positions)
        {
            meter = Math.Max(meter, p);
        }

        var beats = new List<Beat>(times.Count);
        int bar = positions[0] == 1 ? 0 : -1;
        for (int i = 0; i < times.Count; i++)
        {
            if (i > 0 && positions[i] <= positions[i - 1])
            {
                bar++;
            }

            beats.Add(new Beat(i, times[i], bar, positions[i]));
        }

        return new BeatGrid(beats, meter, duration ?? TimeSpan.Zero);
    }

    /// <summary>Writes the beat times, one per line in seconds with 4 decimals (optionally with the beat-in-bar column).</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="includeBeatInBar">True to add a tab and the beat's position in its bar.</param>
    public void SaveBeats(string path, bool includeBeatInBar = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = new StringBuilder();
        foreach (Beat b in _beats)
        {
            text.Append(b.Time.TotalSeconds.ToString("0.0000", CultureInfo.InvariantCulture));
            if (includeBeatInBar)
            {
                text.Append('\t').Append(b.BeatInBar.ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes the downbeat times, one per line in seconds with 4 decimals.</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    public void SaveDownbeats(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = new StringBuilder();
        foreach (Beat b in _downbeats)
        {
            text.Append(b.Time.TotalSeconds.ToString("0.0000", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}
