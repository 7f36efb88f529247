using System.Globalization;

namespace VideoKit.Media;

/// <summary>
/// The one rule for damaged inputs: a decoder that FFmpeg reported errors for (every decoder runs at <c>-v error</c>, so
/// any line on its standard error is a decode or demux error) refuses the input, or — with
/// <see cref="VideoKitOptions.AcceptDamagedInput"/> — uses what decoded and sends a warning.
/// </summary>
internal static class DamagePolicy
{
    /// <summary>Applies the policy to a decoder that has finished.</summary>
    /// <param name="process">The finished decoder.</param>
    /// <param name="path">The input as the user named it.</param>
    /// <param name="location">Where the damage is, in the input's terms ("near 1.36 s").</param>
    /// <param name="options">The caller's options (the accept switch and the warning sink).</param>
    /// <exception cref="DamagedMediaException">FFmpeg reported errors and damaged inputs are not accepted.</exception>
    public static void Check(FFmpegProcess process, string path, string location, VideoKitOptions? options)
    {
        if (process.ErrorLineCount == 0 || process.WasKilled)
        {
            return;
        }

        Report(path, location, process.FirstError ?? "a decode error", process.ErrorLineCount, options);
    }

    /// <summary>Reports damage found another way (a song that decodes shorter than its header says).</summary>
    public static void Report(string path, string location, string detail, int count, VideoKitOptions? options)
    {
        string where = location.Length == 0 ? string.Empty : " " + location;
        string errors = count switch
        {
            0 => string.Empty,
            1 => " (1 decode error)",
            _ => string.Create(CultureInfo.InvariantCulture, $" ({count} decode errors)"),
        };
        string what = $"'{path}' is damaged{where}{errors}: {Clean(detail)}";
        VideoKitOptions o = options ?? VideoKitOptions.Default;
        if (!o.AcceptDamagedInput)
        {
            throw new DamagedMediaException(path, location, what + ". Repair or re-export it, or accept it as it decodes with VideoKitOptions.AcceptDamagedInput (CLI: --accept-damaged).");
        }

        o.Warn(what + "; used as far as it decodes.");
    }

    /// <summary>FFmpeg's line without its "[decoder @ 0x55…]" prefix, which names code, not the input.</summary>
    internal static string Clean(string line)
    {
        string text = line.Trim();
        while (text.StartsWith('[') && text.IndexOf("] ", StringComparison.Ordinal) is int close and > 0)
        {
            text = text[(close + 2)..].TrimStart();
        }

        return text.TrimEnd('.');
    }

    /// <summary>"near 1.36 s" for a position in seconds.</summary>
    public static string NearSeconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"near {seconds:0.##} s");
}
