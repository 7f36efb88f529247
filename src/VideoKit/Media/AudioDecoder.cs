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
        (string full, FFmpegTools tools) = Prepare(path, sampleRate, channels, options);
        return DecodeCoreAsync(path, full, sampleRate, channels, tools, options, cancellationToken);
    }

    /// <summary>The argument checks both decodes share; returns the input's full path and FFmpeg.</summary>
    private static (string Full, FFmpegTools Tools) Prepare(string path, int sampleRate, int channels, VideoKitOptions? options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 384_000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 8);
        string full = MediaPath.ExistingInput(path, "audio file");
        FFmpegTools tools = FFmpegTools.Locate(options);
        return (full, tools);
    }

    internal static IReadOnlyList<string> BuildArguments(string fullPath, int sampleRate, int channels) =>
    [
        // One decoder thread: audio decodes far faster than real time on one core, and FFmpeg's frame threads only
        // add start-up and hand-over cost (about 0.04 CPU-s less for a 3-minute FLAC; the samples are the same).
        "-hide_banner", "-nostdin", "-v", "error", "-threads", "1",
        "-i", fullPath,
        "-map", "0:a:0", "-vn", "-sn", "-dn",
        "-ac", channels.ToString(CultureInfo.InvariantCulture),
        "-ar", sampleRate.ToString(CultureInfo.InvariantCulture),
        "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1",
    ];

    /// <summary>
    /// <see cref="DecodeAsync"/> for a caller that blocks anyway (the command line's analysis): the same samples and
    /// errors, read on the calling thread with standard error read by a blocking thread, so no asynchronous machinery
    /// runs (or is compiled at start).
    /// </summary>
    internal static AudioBuffer Decode(string path, int sampleRate, int channels, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        (string full, FFmpegTools tools) = Prepare(path, sampleRate, channels, options);
        using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, BuildArguments(full, sampleRate, channels), cancellationToken, blockingStandardError: true);
        PcmReader pcm = PcmReader.Attach(process, channels);
        pcm.ReadToEnd();
        int exit = process.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        return Finish(process, exit, pcm, path, sampleRate, channels, options);
    }

    private static async Task<AudioBuffer> DecodeCoreAsync(string displayPath, string full, int sampleRate, int channels, FFmpegTools tools, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, BuildArguments(full, sampleRate, channels), cancellationToken);
        PcmReader pcm = PcmReader.Attach(process, channels);

        // The pipe is read with blocking reads on a thread of its own: FFmpeg hands over a few kilobytes at a time, and
        // an asynchronous read per hand-over (a thread-pool dispatch each, about a thousand for a 3-minute song) cost
        // more CPU than the decode itself. Cancelling kills FFmpeg, which ends the reads.
        await Task.Factory.StartNew(static state => ((PcmReader)state!).ReadToEnd(), pcm, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Finish(process, exit, pcm, displayPath, sampleRate, channels, options);
    }

    /// <summary>The samples of a finished decode, or the error its exit code and standard error call for.</summary>
    private static AudioBuffer Finish(FFmpegProcess process, int exit, PcmReader pcm, string displayPath, int sampleRate, int channels, VideoKitOptions? options)
    {
        int frameBytes = sizeof(float) * channels;
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

        long decoded = pcm.Length / frameBytes;
        string where = process.FirstErrorPosition < 0 ? string.Empty
            : DamagePolicy.NearSeconds((double)process.FirstErrorPosition / sampleRate) + string.Create(CultureInfo.InvariantCulture, $"; it decodes to {(double)decoded / sampleRate:0.##} s");
        DamagePolicy.Check(process, displayPath, where, options);
        long usable = pcm.Length / frameBytes * frameBytes;
        if (usable == 0)
        {
            throw new UnsupportedMediaException($"'{displayPath}' holds no audio samples (zero-length audio).");
        }

        return new AudioBuffer(pcm.ToSamples(usable), sampleRate, channels);
    }

    /// <summary>Reads FFmpeg's raw float output into fixed-size chunks (no re-copying as it grows).</summary>
    private sealed class PcmReader(Stream source)
    {
        private const int ChunkBytes = 1 << 20;
        private readonly List<byte[]> _chunks = [];
        private long _length;

        /// <summary>A reader of the decoder's output that also tells it how many sample frames it has handed over.</summary>
        public static PcmReader Attach(FFmpegProcess process, int channels)
        {
            var pcm = new PcmReader(process.StandardOutput);
            int frameBytes = sizeof(float) * channels;
            process.Position = () => pcm.Length / frameBytes;
            return pcm;
        }

        /// <summary>The bytes read so far (read from other threads for damage reports).</summary>
        public long Length => Interlocked.Read(ref _length);

        /// <summary>Reads until FFmpeg closes its output.</summary>
        public void ReadToEnd()
        {
            byte[] chunk = [];
            int filled = ChunkBytes;
            while (true)
            {
                if (filled == ChunkBytes)
                {
                    chunk = new byte[ChunkBytes];
                    _chunks.Add(chunk);
                    filled = 0;
                }

                int read = source.Read(chunk, filled, ChunkBytes - filled);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                Interlocked.Add(ref _length, read);
            }
        }

        /// <summary>The first <paramref name="bytes"/> bytes as floats.</summary>
        public float[] ToSamples(long bytes)
        {
            float[] samples = new float[checked((int)(bytes / sizeof(float)))];
            Span<byte> target = MemoryMarshal.AsBytes(samples.AsSpan());
            foreach (byte[] chunk in _chunks)
            {
                int n = Math.Min(chunk.Length, target.Length);
                chunk.AsSpan(0, n).CopyTo(target);
                target = target[n..];
            }

            return samples;
        }
    }
}
