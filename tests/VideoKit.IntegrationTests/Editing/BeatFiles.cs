using System.Globalization;
using VideoKit.Rhythm;

namespace VideoKit.IntegrationTests.Editing;

/// <summary>Reads the tests/data/beats annotations (one time in seconds per line) into a grid.</summary>
internal static class BeatFiles
{
    private static string BeatsFolder => Path.Combine(TestMedia.DataFolder, "beats");

    public static string Song(string name) => Path.Combine(BeatsFolder, name + ".flac");

    public static IReadOnlyList<TimeSpan> Times(string name, string extension = ".beats") =>
        [.. File.ReadAllLines(Path.Combine(BeatsFolder, name + extension))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => TimeSpan.FromSeconds(double.Parse(l.Split('\t', ' ')[0], CultureInfo.InvariantCulture)))];

    public static BeatGrid Grid(string name, TimeSpan duration)
    {
        IReadOnlyList<TimeSpan> beats = Times(name);
        TimeSpan firstDownbeat = Times(name, ".downbeats")[0];
        int first = 0;
        for (int i = 0; i < beats.Count; i++)
        {
            if (Math.Abs((beats[i] - firstDownbeat).TotalMilliseconds) < 20)
            {
                first = i;
                break;
            }
        }

        return BeatGrid.FromBeatTimes(beats, 4, first, duration);
    }
}
