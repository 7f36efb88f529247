namespace VideoKit.Rendering;

/// <summary>Reads FFmpeg's listings (<c>ffmpeg -encoders</c>, <c>ffmpeg -pix_fmts</c>): a legend, a dashed rule, then one
/// row per entry with its flags first and its name second.</summary>
internal static class FFmpegListing
{
    /// <summary>The rows after the dashed rule, split on spaces into flags, name and the rest.</summary>
    public static IEnumerable<string[]> Rows(string text)
    {
        bool body = false;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith("-----", StringComparison.Ordinal))
            {
                body = true;
                continue;
            }

            string[] parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (body && parts.Length >= 2)
            {
                yield return parts;
            }
        }
    }
}
