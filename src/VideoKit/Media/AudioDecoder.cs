using System.Globalization;
using System.Runtime.InteropServices;

namespace VideoKit.Media;

/// <summary>Decodes the audio of any file FFmpeg reads to float PCM at a chosen rate and channel count.</summary>
public static class AudioDecoder
{
    /// <summary>Decodes the first audio stream of a file.</summary>
    /// <param name="path">The song or clip.</param>
    /// <param name="sampleRate">The output rate (FFmpeg resamples), e.g. 44100.</param>
    /// <param name="channels">The output channel count (1 mixes down to mono).</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops FFmpeg.</param>
    /// <returns>The decoded samples.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">The file has no audio, holds zero samples, or FFmpeg cannot read it.</exception>
    /// <exception cref="DamagedMediaException">FFmpeg reported decode errors and <see cref="VideoKitOptions.AcceptDamagedInput"/> is off.</exception>
    /// <exception cref="FFmpegNotFoundException">FFmpeg is not installed.</exception>
    public static Task<AudioBuffer> DecodeAsync(string path, int sampleRate = 44_100, int channels = 2, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 384_000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 8);
        string full = MediaPath.ExistingInput(path, "audio file");
        FFmpegTools tools = FFmpegTools.Locate(options);
        return DecodeCoreAsync(path, full, sampleRate, channels, tools, options, cancellationToken);
    }

    internal static IReadOnlyList<string> BuildArguments(string fullPath, int sampleRate, int channels) =>
    [
        "-hide_banner", "-nostdin", "-v", "error",
        "-i", fullPath,
        "-map", "0:a:0", "-vn", "-sn", "-dn",
        "-ac", channels.ToString(CultureInfo.InvariantCulture),
        "-ar", sampleRate.ToString(CultureInfo.InvariantCulture),
        "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1",
    ];

    private static async Task<AudioBuffer> DecodeCoreAsync(string displayPath, string full, int sampleRate, int channels, FFmpegTools tools, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, BuildArguments(full, sampleRate, channels), cancellationToken);
        using var output = new MemoryStream();
        int frameBytes = sizeof(float) * channels;
        process.Position = () => output.Length / frameBytes;
        await process.StandardOutput.CopyToAsync(output, 1 << 16, cancellationToken).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            if (process.StandardErrorTail.Any(l => l.Contains("matches no streams", StringComparison.OrdinalIgnoreCase)))
            {
                throw new UnsupportedMediaException($"'{displayPath}' has no audio stream.");
            }

            // FFmpeg's first line says what is wrong with the file; its last one is often about its own filters.
            string error = DamagePolicy.Clean(process.FirstError ?? process.LastError());
            throw new UnsupportedMediaException($"'{displayPath}' is not audio FFmpeg can decode: {error}.");
        }

        long decoded = output.Length / frameBytes;
        string where = process.FirstErrorPosition < 0 ? string.Empty
            : DamagePolicy.NearSeconds((double)process.FirstErrorPosition / sampleRate) + string.Create(CultureInfo.InvariantCulture, $"; it decodes to {(double)decoded / sampleRate:0.##} s");
        DamagePolicy.Check(process, displayPath, where, options);
        int usable = (int)(output.Length / frameBytes * frameBytes);
        if (usable == 0)
        {
            throw new UnsupportedMediaException($"'{displayPath}' holds no audio samples (zero-length audio).");
        }

        float[] samples = new float[usable / sizeof(float)];
        MemoryMarshal.Cast<byte, float>(output.GetBuffer().AsSpan(0, usable)).CopyTo(samples);
        return new AudioBuffer(samples, sampleRate, channels);
    }
}
