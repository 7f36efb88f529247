using System.Globalization;
using VideoKit.Rhythm;

namespace VideoKit.Editing;

/// <summary>
/// Reads a project's beats file into a grid with its bars: from the file's beat-in-bar column when it has one, else
/// from a sibling <c>NAME.downbeats</c> file (the format <c>videokit analyze</c> writes), else bars of
/// <c>beatsPerBar</c> (default 4) from the first beat.
/// </summary>
internal static class BeatsFileGrid
{
    public static BeatGrid Read(string path, int? beatsPerBar, TimeSpan duration)
    {
        BeatGrid grid = BeatGrid.FromBeatsFile(path, beatsPerBar ?? 4, duration);
        string downbeatsPath = Path.ChangeExtension(path, ".downbeats");
        if (grid.Beats.Count == 0 || HasBarColumn(path) || string.Equals(Path.GetFullPath(downbeatsPath), Path.GetFullPath(path), StringComparison.Ordinal) || !File.Exists(downbeatsPath))
        {
            return grid;
        }

        // The downbeats file has the beats file's format (one time per line), so the same reader parses it.
        List<TimeSpan> downbeats = [.. BeatGrid.FromBeatsFile(downbeatsPath, beatsPerBar: 1).Beats.Select(b => b.Time)];
        return WithDownbeats(grid, downbeats, beatsPerBar, downbeatsPath);
    }

    /// <summary>
    /// Regroups <paramref name="grid"/> into bars that start on the beats nearest the given downbeat times (each within
    /// a quarter of a beat). The meter is <paramref name="beatsPerBar"/>, or the most common number of beats between
    /// downbeats; beats before the first downbeat count back from it.
    /// </summary>
    public static BeatGrid WithDownbeats(BeatGrid grid, IReadOnlyList<TimeSpan> downbeats, int? beatsPerBar, string source)
    {
        var starts = new List<int>();
        foreach (TimeSpan t in downbeats)
        {
            int i = grid.BeatIndexAt(t);
            int best = -1;
            for (int k = Math.Max(0, i - 1); k <= Math.Min(grid.Beats.Count - 1, i + 1); k++)
            {
                if (best < 0 || (grid.Beats[k].Time - t).Duration() < (grid.Beats[best].Time - t).Duration())
                {
                    best = k;
                }
            }

            TimeSpan period = best + 1 < grid.Beats.Count ? grid.Beats[best + 1].Time - grid.Beats[best].Time
                : best > 0 ? grid.Beats[best].Time - grid.Beats[best - 1].Time : TimeSpan.FromSeconds(0.5);
            if (best < 0 || (grid.Beats[best].Time - t).Duration() > period / 4)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"'{source}': the downbeat at {t.TotalSeconds:0.###} s is not on a beat of '{Path.ChangeExtension(source, ".beats")}' (within a quarter of a beat)."));
            }

            if (starts.Count == 0 || best > starts[^1])
            {
                starts.Add(best);
            }
        }

        if (starts.Count == 0)
        {
            return grid;
        }

        int meter = beatsPerBar ?? MostCommonSpacing(starts) ?? grid.BeatsPerBar;
        var beats = new List<Beat>(grid.Beats.Count);
        int bar = 0;
        for (int i = 0; i < grid.Beats.Count; i++)
        {
            while (bar + 1 < starts.Count && starts[bar + 1] <= i)
            {
                bar++;
            }

            int offset = i - starts[bar];
            Beat b;
            if (offset < 0)
            {
                b = BeatGrid.MakeBeat(i, grid.Beats[i].Time, meter, starts[0]);   // a pick-up before the first downbeat
            }
            else if (bar + 1 < starts.Count)
            {
                b = new Beat(i, grid.Beats[i].Time, bar, offset + 1);
            }
            else
            {
                b = new Beat(i, grid.Beats[i].Time, bar + (offset / meter), (offset % meter) + 1);   // after the last downbeat: bars of the meter
            }

            beats.Add(b);
        }

        return new BeatGrid(beats, meter, grid.Duration, grid.Confidence, grid.Onsets, grid.Warnings);
    }

    private static int? MostCommonSpacing(List<int> starts)
    {
        var counts = new Dictionary<int, int>();
        for (int i = 1; i < starts.Count; i++)
        {
            int d = starts[i] - starts[i - 1];
            counts[d] = counts.GetValueOrDefault(d) + 1;
        }

        return counts.Count == 0 ? null : counts.MaxBy(kv => (kv.Value, -kv.Key)).Key;
    }

    private static bool HasBarColumn(string path)
    {
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                return line.Split((char[])[' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries).Length > 1;
            }
        }

        return false;
    }
}
