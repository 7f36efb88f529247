using System.Diagnostics;
using System.Globalization;
using VideoKit;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Samples.Demo;

// Renders a 24-second music video from material generated on the spot: a synthesized 120 BPM song (12 bars), clips
// and stills from FFmpeg's lavfi sources. Pictures change on every bar line, some with a crossfade of half a beat.
//   dotnet run --project samples/VideoKit.Samples.Demo -- out/demo.mp4
string output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("out", "demo.mp4"));
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
string material = Path.Combine(Path.GetDirectoryName(output)!, "demo-material");
Directory.CreateDirectory(material);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

const double Bpm = 120;
const int Bars = 12;
TimeSpan bar = TimeSpan.FromSeconds(4 * 60 / Bpm);
var clock = Stopwatch.StartNew();

string song = Path.Combine(material, "song-120bpm.wav");
if (!File.Exists(song))
{
    SongSynth.Write(song, Bpm, Bars);
}

string[] clipSources = ["testsrc2", "gradients=c0=#ff8000:c1=#0040ff:c2=#20ff60:n=3:speed=0.05", "life=mold=10:ratio=0.5:death_color=#102040:life_color=#40c0ff", "cellauto=rule=110"];
string[] stillSources = ["gradients=c0=#ff3060:c1=#3040ff:c2=#ffd030:n=3:speed=0.00001", "mandelbrot", "smptehdbars", "gradients=c0=#10e0a0:c1=#202060:type=radial:speed=0.00001"];
string[] clips = await Task.WhenAll(clipSources.Select((s, i) => GenerateAsync($"clip{i}.mp4", s, isClip: true, cts.Token)));
string[] stills = await Task.WhenAll(stillSources.Select((s, i) => GenerateAsync($"still{i}.png", s, isClip: false, cts.Token)));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"material ready in {clock.Elapsed.TotalSeconds:0.0} s: {song}"));

// One item per bar: still, clip, still, clip, ... Every other cut is a crossfade of half a beat.
var builder = new TimelineBuilder(Resolution.Hd720, FrameRate.Fps30).WithSong(song);
for (int b = 0; b < Bars; b++)
{
    Transition transition = b % 2 == 0 ? Transition.Crossfade(bar / 8) : Transition.Cut;
    TimeSpan start = bar * b;
    if (b % 2 == 0)
    {
        builder.AddImage(stills[b / 2 % stills.Length], start, bar, b % 4 == 2 ? FitMode.Contain : FitMode.Cover, transition);
    }
    else
    {
        builder.AddVideo(clips[b / 2 % clips.Length], start, bar, inPoint: TimeSpan.FromSeconds(0.5), fit: FitMode.Cover, transition: transition);
    }
}

Timeline timeline = builder.Build();
var options = new RenderOptions { Preset = "veryfast", Crf = 21, Overwrite = true };
long lastPercent = -1;
var progress = new ConsoleProgress(p =>
{
    long percent = (long)(p.Fraction * 100);
    if (percent / 10 != lastPercent / 10)
    {
        lastPercent = percent;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {percent,3}%  {p.FramesEncoded}/{p.TotalFrames} frames, {p.FramesPerSecond:0} frames/s"));
    }
});
RenderResult result = await timeline.RenderAsync(output, options, progress, cts.Token);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"wrote {result.OutputPath}: {result.Duration.TotalSeconds:0.0} s, {result.FrameCount} frames at {result.Resolution}, with sound, rendered in {result.Elapsed.TotalSeconds:0.0} s ({result.FramesPerSecond:0} frames/s); total {clock.Elapsed.TotalSeconds:0.0} s"));
return 0;

async Task<string> GenerateAsync(string name, string source, bool isClip, CancellationToken token)
{
    string path = Path.Combine(material, name);
    if (File.Exists(path))
    {
        return path;
    }

    string size = isClip ? "640x360" : "1280x720";
    string input = source.Contains('=', StringComparison.Ordinal) ? $"{source}:size={size}:rate=30" : $"{source}=size={size}:rate=30";
    string[] tail = isClip
        ? ["-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        : ["-frames:v", "1", "-update", "1"];
    var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardError = true, UseShellExecute = false };
    foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", input, .. tail, path])
    {
        psi.ArgumentList.Add(a);
    }

    using Process process = Process.Start(psi)!;
    string error = await process.StandardError.ReadToEndAsync(token);
    await process.WaitForExitAsync(token);
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"ffmpeg could not generate {name} from '{input}': {error}");
    }

    return path;
}

/// <summary>Reports on the renderer's thread, in order (Progress&lt;T&gt; posts to the thread pool and can print late).</summary>
internal sealed class ConsoleProgress(Action<RenderProgress> report) : IProgress<RenderProgress>
{
    public void Report(RenderProgress value) => report(value);
}
