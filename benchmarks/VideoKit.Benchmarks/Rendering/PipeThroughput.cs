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

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
