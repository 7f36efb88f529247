using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using FFMpegCore;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Benchmarks.Rendering;

/// <summary>
/// <c>render-stages [--frames N]</c>: where a 1080p frame's time goes, stage by stage: composing a still (copy), a
/// crossfade, the RGBA→yuv420p conversion, and the transport into FFmpeg through FFMpegCore's pipe (FFmpeg discards
/// the frames: <c>-f null</c>), for yuv420p and RGBA.
/// </summary>
internal static class RenderStages
{
    public static async Task<int> RunAsync(string[] args)
    {
        int frames = int.Parse(Option(args, "--frames") ?? "300", CultureInfo.InvariantCulture);
        var size = Resolution.Hd1080;
        using var a = new Frame(size.Width, size.Height);
        using var b = new Frame(size.Width, size.Height);
        using var destination = new Frame(size.Width, size.Height);
        new Random(1).NextBytes(a.Span);
        new Random(2).NextBytes(b.Span);
        byte[] yuv = new byte[YuvConverter.FrameSize(size.Width, size.Height)];

        Measure("copy (still)", frames, () => a.Span.CopyTo(destination.Span));
        Measure("crossfade (SIMD)", frames, () => CrossfadeKernel.Blend(a.Span, b.Span, destination.Span, 100));
        Measure("rgba→yuv420p (SIMD)", frames, () => YuvConverter.Convert(a, yuv));
        Measure("rgba→yuv420p (scalar)", Math.Max(10, frames / 10), () => YuvConverter.ConvertScalar(a.Span, size.Width, size.Height, PixelFormat.Rgba32, yuv));
        await PipeAsync("pipe yuv420p → ffmpeg -f null", size, TransportFormat.Yuv420p, frames).ConfigureAwait(false);
        await PipeAsync("pipe rgba → ffmpeg -f null", size, TransportFormat.Rgba, frames).ConfigureAwait(false);
        string preset = Option(args, "--preset") ?? "ultrafast";
        await EncodeAsync($"VideoEncoder → x264 {preset}", size, preset, frames, a, b).ConfigureAwait(false);
        return 0;
    }

    private static void Measure(string name, int frames, Action step)
    {
        step();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < frames; i++)
        {
            step();
        }

        double ms = clock.Elapsed.TotalMilliseconds / frames;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {ms,7:0.00} ms/frame  {1000 / ms,8:0} frames/s"));
    }

    private static async Task PipeAsync(string name, Resolution size, TransportFormat transport, int frames)
    {
        var settings = new VideoEncoderSettings { Size = size, FrameRate = FrameRate.Fps30, PixelFormat = transport == TransportFormat.Yuv420p ? "yuv420p" : "yuv444p" };
        int bytes = EncoderArguments.FrameBytes(settings);
        var channel = Channel.CreateBounded<SharedFrameBuffer>(2);
        var pipe = new EncoderPipeSource(EncoderArguments.PipeInput(settings), channel.Reader);
        FFMpegArgumentProcessor processor = FFMpegArguments.FromPipeInput(pipe).OutputToNull(o => o.WithCustomArgument("-f null"));
        FFOptions ff = FFmpegTools.Locate().ToFFOptions();
        var clock = Stopwatch.StartNew();
        Task<FFMpegResult> run = processor.ProcessAsynchronously(throwOnError: true, ff);
        for (int i = 0; i < frames; i++)
        {
            await channel.Writer.WriteAsync(SharedFrameBuffer.Rent(bytes)).ConfigureAwait(false);
        }

        channel.Writer.Complete();
        await run.ConfigureAwait(false);
        double ms = clock.Elapsed.TotalMilliseconds / frames;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {ms,7:0.00} ms/frame  {1000 / ms,8:0} frames/s  (socket send buffer {pipe.SendBufferSize / 1024} KiB)"));
    }

    /// <summary>The encoder alone: two alternating composed pictures written through <see cref="VideoEncoder"/> (no timeline, no sources).</summary>
    private static async Task EncodeAsync(string name, Resolution size, string preset, int frames, Frame a, Frame b)
    {
        // Smooth pictures (noise would make x264 the bottleneck): two gradients, alternating every 15 frames.
        Gradient(a, 0);
        Gradient(b, 1);
        var settings = new VideoEncoderSettings { Size = size, FrameRate = FrameRate.Fps30, Preset = preset, Overwrite = true };
        string output = Path.Combine(Path.GetTempPath(), "videokit-stages-" + Environment.ProcessId + ".mp4");
        var clock = Stopwatch.StartNew();
        await using (VideoEncoder encoder = VideoEncoder.Open(output, settings))
        {
            SharedFrameBuffer ya = SharedFrameBuffer.Rent(encoder.FrameBytes), yb = SharedFrameBuffer.Rent(encoder.FrameBytes);
            encoder.Encode(a, ya.Span);
            encoder.Encode(b, yb.Span);
            for (int i = 0; i < frames; i++)
            {
                await encoder.WriteEncodedAsync(((i / 15) % 2 == 0 ? ya : yb).AddReference(), CancellationToken.None).ConfigureAwait(false);
            }

            ya.Release();
            yb.Release();

            await encoder.CompleteAsync().ConfigureAwait(false);
        }

        double ms = clock.Elapsed.TotalMilliseconds / frames;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {ms,7:0.00} ms/frame  {1000 / ms,8:0} frames/s"));

        // The same pictures encoded by FFmpeg alone from a raw yuv420p file (30 frames, looped).
        string raw = Path.Combine(Path.GetTempPath(), "videokit-stages-" + Environment.ProcessId + ".yuv");
        byte[] yuv = new byte[YuvConverter.FrameSize(size.Width, size.Height)];
        await using (FileStream file = File.Create(raw))
        {
            for (int i = 0; i < 30; i++)
            {
                YuvConverter.Convert(i < 15 ? a : b, yuv);
                file.Write(yuv);
            }
        }

        var encode = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardError = true, UseShellExecute = false };
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-v", "error", "-y", "-stream_loop", "-1", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size.ToString(), "-framerate", "30",
            "-color_range", "tv", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-i", raw,
            "-frames:v", frames.ToString(CultureInfo.InvariantCulture), .. EncoderArguments.Output(settings, hasAudio: false, ".mp4"), output,
        ];
        foreach (string argument in arguments)
        {
            encode.ArgumentList.Add(argument);
        }

        clock.Restart();
        using (Process p = Process.Start(encode)!)
        {
            await p.StandardError.ReadToEndAsync().ConfigureAwait(false);
            await p.WaitForExitAsync().ConfigureAwait(false);
        }

        ms = clock.Elapsed.TotalMilliseconds / frames;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"FFmpeg alone, raw file → x264 " + preset,-34} {ms,7:0.00} ms/frame  {1000 / ms,8:0} frames/s"));
        File.Delete(raw);
        File.Delete(output);
    }

    private static void Gradient(Frame frame, int variant)
    {
        for (int y = 0; y < frame.Height; y++)
        {
            Span<byte> row = frame.GetRow(y);
            for (int x = 0; x < frame.Width; x++)
            {
                row[(x * 4) + 0] = (byte)((x + (variant * 90)) * 255 / (frame.Width + 90));
                row[(x * 4) + 1] = (byte)(y * 255 / frame.Height);
                row[(x * 4) + 2] = (byte)(variant == 0 ? 60 : 200);
                row[(x * 4) + 3] = 255;
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
