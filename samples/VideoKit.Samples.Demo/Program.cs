using System.Diagnostics;
using System.Globalization;
using VideoKit;
using VideoKit.Editing;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rhythm;
using VideoKit.Samples.Demo;
using VideoKit.Text;
using VideoKit.Zoom;

// Bad input (a missing song, a folder that is not there, an unwritable output) ends the sample with one line on
// standard error and exit code 1, not a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: error: {((Exception)e.ExceptionObject).Message}");
    Environment.Exit(1);
};

// Renders a 24-second music video from material generated on the spot: a synthesized 120 BPM song (12 bars), zoom
// levels (FFmpeg's mandelbrot at 2× steps), clips and stills from lavfi sources. Bars 1-6: a zoom out through the
// levels driven by the song's beat grid (one level per bar, a push on each beat). Bars 7-12: a beat-cut montage of the
// clips and stills (a hard cut every 2 beats, on the beat) with karaoke lyrics. The grid is the song's known tempo.
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

// The beat grid: the synthesized song's known tempo (deterministic; RhythmAnalyzer would find the same beats).
BeatGrid grid = BeatGrid.FromTempo(Bpm, TimeSpan.Zero, 4, bar * Bars);
const int ZoomBars = 6, ZoomLevelCount = 6;
TimeSpan half = bar * ZoomBars;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"beat grid: known tempo {Bpm} BPM, 4/4, {grid.Beats.Count} beats (BeatGrid.FromTempo, not analysis)"));

// Section 1: the zoom out. Levels are aligned once; the source copies them, so the sequence is released right away.
string levels = await ZoomLevels.WriteAsync(Path.Combine(material, "zoom-levels"), ZoomLevelCount, 1280, 720, cts.Token);
ZoomPath zoomPath = ZoomPath.FromBeats(BeatGrid.FromTempo(Bpm, TimeSpan.Zero, 4, half), ZoomLevelCount, new ZoomPathOptions { LevelsPerBar = 1 });
IReadOnlyList<ZoomStep> steps;
ZoomSequence sequence = await ZoomSequence.LoadAsync(levels, 2, cancellationToken: cts.Token);
steps = ZoomAligner.Align(sequence, cancellationToken: cts.Token);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zoom: {ZoomLevelCount} mandelbrot levels at 2x, aligned in {clock.Elapsed.TotalSeconds:0.0} s total so far; one level per bar over bars 1-{ZoomBars}"));

// Section 2: the montage, planned on the same grid from the middle of the song to its end.
MontageClip[] material2 = [.. clips.Select(MontageClip.Video).Concat(stills.Select(MontageClip.Image))];
EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2), Transition = Transition.Cut, Order = ClipOrder.Shuffled(7) }
    .Plan(grid, material2.Length, FrameRate.Fps30, half, bar * Bars);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"montage: {plan.Cuts.Length} cuts on beats over bars {ZoomBars + 1}-{Bars}, first at frame {plan.FrameRate.FrameIndexAt(half) + (plan.Cuts.Length > 0 ? plan.Cuts[0].Frame : 0)}"));

// The montage is a lyric section: karaoke captions (an enhanced LRC, one word per beat) and a title over the zoom.
LyricSheet lyrics = LyricSheet.Parse("""
    [00:12.00]<00:12.00>Cut <00:12.50>on <00:13.00>the <00:13.50>beat<00:15.50>
    [00:16.00]<00:16.00>Пой <00:16.50>со <00:17.00>мной<00:19.50>
    [00:20.00]<00:20.00>光<00:20.50>の<00:21.00>中<00:21.50>へ<00:23.50>
    """, LyricFormat.Lrc, "demo lyrics");
var text = new TextLayer
{
    Captions = lyrics.Lines,
    Karaoke = true,
    CaptionStyle = new CaptionStyle { Size = 0.075, Outline = 3 },
    Overlays = [new TextOverlay { Text = "VideoKit", Start = TimeSpan.FromSeconds(0.5), Duration = TimeSpan.FromSeconds(4), FadeIn = TimeSpan.FromSeconds(0.6), FadeOut = TimeSpan.FromSeconds(0.6), Slide = TextSlide.Up }],
};

var builder = new TimelineBuilder(Resolution.Hd720, FrameRate.Fps30)
    .WithSong(song)
    .WithText(text)
    .AddSource("zoom out", () => new ZoomSource(sequence, steps, zoomPath), TimeSpan.Zero, half);
await BeatMontage.AddToAsync(builder, plan, material2, half, cancellationToken: cts.Token);   // one item per segment
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
RenderResult result;
using (sequence)
{
    result = await timeline.RenderAsync(output, options, progress, cts.Token);
}

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
