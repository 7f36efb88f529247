using System.Globalization;

namespace VideoKit.Rendering.Segments;

/// <summary>A segment's identity as written into its file: <c>v1;FINGERPRINT;K/N;START+COUNT</c>.</summary>
/// <param name="Fingerprint">The plan's fingerprint.</param>
/// <param name="Number">The segment's number, 1-based.</param>
/// <param name="Count">Segments in the plan.</param>
/// <param name="Frames">The frames the segment holds.</param>
internal sealed record SegmentTag(string Fingerprint, int Number, int Count, FrameRange Frames)
{
    public static string Format(string fingerprint, Segment s) =>
        string.Create(CultureInfo.InvariantCulture, $"v1;{fingerprint};{s.Number}/{s.Count};{s.Frames.Start}+{s.Frames.Count}");

    public static SegmentTag? Parse(string? text)
    {
        string[] parts = text?.Split(';') ?? [];
        if (parts.Length != 4 || parts[0] != "v1")
        {
            return null;
        }

        string[] kn = parts[2].Split('/');
        string[] range = parts[3].Split('+');
        NumberStyles n = NumberStyles.None;
        CultureInfo c = CultureInfo.InvariantCulture;
        return kn.Length == 2 && range.Length == 2
            && int.TryParse(kn[0], n, c, out int number) && int.TryParse(kn[1], n, c, out int count)
            && long.TryParse(range[0], n, c, out long start) && long.TryParse(range[1], n, c, out long frames) && frames > 0
            ? new SegmentTag(parts[1], number, count, new FrameRange(start, frames))
            : null;
    }
}
