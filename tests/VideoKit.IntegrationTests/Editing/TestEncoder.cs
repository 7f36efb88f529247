using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Editing;

/// <summary>
/// Test harness: pipes a frame source's frames into FFmpeg with a song, frame by frame, the way a renderer would.
/// Used to exercise <see cref="VideoKit.Editing.MontageSource"/> independently of the timeline renderer.
/// </summary>
internal static class TestEncoder
{
    public static async Task EncodeAsync(IFrameSource source, Resolution size, FrameRate rate, long frames, string? song, string output, CancellationToken token)
    {
        var context = new FrameSourceContext { OutputSize = size, FrameRate = rate };
        await source.PrepareAsync(context, token);
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        string duration = rate.SecondsAt(frames).ToString("0.######", CultureInfo.InvariantCulture);
        string[] args =
        [
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgba", "-s", size.ToString(), "-framerate", rate.ToString(), "-i", "pipe:0",
            .. song is null ? Array.Empty<string>() : ["-i", song],
            "-map", "0:v", .. song is null ? Array.Empty<string>() : ["-map", "1:a", "-c:a", "aac", "-t", duration],
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20", "-pix_fmt", "yuv420p", output,
        ];
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        Task<string> stderr = p.StandardError.ReadToEndAsync(token);
        using (var frame = new Frame(size.Width, size.Height))
        {
            Stream input = p.StandardInput.BaseStream;
            for (long f = 0; f < frames; f++)
            {
                await source.RenderFrameAsync(rate.TimeAt(f), frame, token);
                await input.WriteAsync(frame.Memory, token);
            }

            input.Close();
        }

        await p.WaitForExitAsync(token);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + await stderr);
        }
    }
}
