using System.Globalization;

namespace VideoKit.Media;

/// <summary>
/// Decodes a song once, cheaply (mono, 8 kHz, 16-bit), to learn the length that really decodes and whether FFmpeg
/// reports damage: a truncated FLAC's header still says its full length, and only decoding finds where it stops.
/// </summary>
internal static class SongScan
{
    private const int Rate = 8000;

    /// <summary>
    /// The song's length as it decodes. When it decodes shorter than <paramref name="headerLength"/> by more than
    /// <paramref name="tolerance"/> (one output frame), or FFmpeg reports errors, the damage policy applies; the
    /// decoded length is returned when the damage is accepted, the header's otherwise (they agree within a frame).
    /// </summary>
    /// <exception cref="DamagedMediaException">The song is damaged and damaged inputs are not accepted.</exception>
    /// <exception cref="UnsupportedMediaException">Nothing of the song decodes.</exception>
    public static async Task<TimeSpan> DecodedLengthAsync(string song, TimeSpan headerLength, TimeSpan tolerance, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        string full = MediaPath.ExistingInput(song, "song");
        FFmpegTools tools = FFmpegTools.Locate(options);
        string[] args =
        [
            "-hide_banner", "-nostdin", "-v", "error", "-i", full, "-map", "0:a:0", "-vn", "-sn", "-dn",
            "-ac", "1", "-ar", Rate.ToString(CultureInfo.InvariantCulture), "-f", "s16le", "pipe:1",
        ];
        long bytes = 0;
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken, kind: FFmpegProcessKind.Scan);
        process.Position = () => Interlocked.Read(ref bytes) / 2;
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                Interlocked.Add(ref bytes, n);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        TimeSpan decoded = TimeSpan.FromSeconds(bytes / 2.0 / Rate);
        if (exit == 0 && decoded <= TimeSpan.Zero && process.ErrorLineCount == 0)
        {
            throw new UnsupportedMediaException($"The song '{song}' is empty (0 s long).");
        }

        if (exit != 0 || decoded <= TimeSpan.Zero)
        {
            if (process.StandardErrorTail.Any(l => l.Contains("matches no streams", StringComparison.OrdinalIgnoreCase)))
            {
                throw new UnsupportedMediaException($"The song '{song}' has no audio stream.");
            }

            string why = exit != 0 ? DamagePolicy.Clean(process.FirstError ?? process.LastError()) : "no audio decodes from it";
            throw new UnsupportedMediaException($"The song '{song}' is not audio FFmpeg can decode: {why}.");
        }

        bool shorter = headerLength - decoded > tolerance;
        if (process.ErrorLineCount == 0 && !shorter)
        {
            return headerLength > TimeSpan.Zero ? headerLength : decoded;
        }

        string where = process.FirstErrorPosition >= 0 ? DamagePolicy.NearSeconds(process.FirstErrorPosition / (double)Rate) : string.Empty;
        string lengths = string.Create(CultureInfo.InvariantCulture, $"it decodes to {decoded.TotalSeconds:0.##} s of the {headerLength.TotalSeconds:0.##} s its header says");
        string detail = process.FirstError is { } first ? $"{lengths}; FFmpeg: {DamagePolicy.Clean(first)}" : lengths;
        DamagePolicy.Report(song, where, detail, process.ErrorLineCount, options);
        return decoded;
    }
}
