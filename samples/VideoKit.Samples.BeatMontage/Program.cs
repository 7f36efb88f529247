// Beat montage: a song and some clips in, a music video cut on the beat out.
//
//   dotnet run --project samples/VideoKit.Samples.BeatMontage -- [OUT.mp4] [SONG CLIP ...]
//
// A song given here is analysed for its beats (RhythmAnalyzer). With no song and clips it generates its own: six lavfi
// test clips and a 120 BPM drum loop whose beats are known exactly, so the verification at the end can check every cut.
using System.Diagnostics;
using System.Globalization;
using VideoKit;
using VideoKit.Editing;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rhythm;

// Bad input (a missing song, a folder that is not there, an unwritable output) ends the sample with one line on
// standard error and exit code 1, not a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: error: {((Exception)e.ExceptionObject).Message}");
    Environment.Exit(1);
};

if (args.Length == 2)
{
    Console.Error.WriteLine("usage: VideoKit.Samples.BeatMontage [OUT.mp4] [SONG CLIP ...] (a song needs at least one clip)");
    return 2;
}

string output = args.Length > 0 ? args[0] : "beat-montage.mp4";
string work = Path.Combine(Path.GetTempPath(), "videokit-beat-montage");
Directory.CreateDirectory(work);

string song;
BeatGrid grid;
List<MontageClip> clips;
if (args.Length >= 3)
{
    song = args[1];
    clips = [.. args.Skip(2).Select(MontageClip.File)];
    // The song's own beats (or BeatGrid.FromBeatsFile / FromMidi when they are known).
    RhythmAnalysis analysis = await RhythmAnalyzer.AnalyzeAsync(song);
    grid = analysis.Grid;
    Console.Error.WriteLine($"'{song}': {analysis.Tempo.Bpm:0.0} BPM, {grid.BeatsPerBar} beats per bar, {grid.Beats.Count} beats, confidence {analysis.Confidence:0.00}.");
    foreach (string warning in grid.Warnings)
    {
        Console.Error.WriteLine("warning: " + warning);
    }
}
else
{
    Console.Error.WriteLine("No song and clips given: generating a 16 s drum loop at 120 BPM and six test clips.");
    TimeSpan length = TimeSpan.FromSeconds(16);
    song = Generate.Song(work, 120, length);
    grid = BeatGrid.FromTempo(120, TimeSpan.Zero, 4, length);
    clips = [.. Enumerable.Range(0, 6).Select(i => MontageClip.Video(Generate.Clip(work, i)))];
}

var editor = new BeatEditor
{
    Cut = CutRule.EveryBeats(2),
    Order = ClipOrder.Shuffled(seed: 2024),
    // Hard cuts on the off-bar beats, a quarter-beat crossfade into every bar, a flash into every fourth bar.
    TransitionSelector = c => !c.IsDownbeat ? Transition.Cut
        : grid.Beats[c.BeatIndex].Bar % 4 == 0 ? Transition.Flash(TimeSpan.FromMilliseconds(250))
        : Transition.CrossfadeBeats(0.25),
};
EditPlan plan = editor.Plan(grid, clips.Count, FrameRate.Fps30);
Console.Error.WriteLine($"{plan.Segments.Length} segments, {plan.Cuts.Length} cuts, {plan.TotalFrames} frames.");

var options = new MontageOptions
{
    Size = new Resolution(1280, 720),
    FitPolicy = new ClipFitPolicy { Fit = FitMode.BlurredFill, InPoint = InPointMode.Centre },
    Render = new RenderOptions { Overwrite = true },
};
var clock = Stopwatch.StartNew();
MontageResult result = await BeatMontage.RenderAsync(plan, clips, song, output, options,
    new Progress<RenderProgress>(p => Console.Error.Write($"\r{p.FramesEncoded}/{p.TotalFrames} frames")));
Console.Error.WriteLine();
Console.WriteLine($"{result.Render.OutputPath}: {result.Render.FrameCount} frames in {clock.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"cuts: {result.Verification!}");
return result.Verification!.Missing == 0 ? 0 : 1;

/// <summary>Material for the sample when none is given.</summary>
internal static class Generate
{
    private static readonly string[] s_sources =
    [
        "testsrc2=size=640x360:rate=30",
        "smptehdbars=size=640x360:rate=30,hue=H=t",
        "mandelbrot=size=640x360:rate=30",
        "rgbtestsrc=size=640x360:rate=30,hue=h=t*40",
        "color=c=0x803020:size=640x360:rate=30,drawgrid=w=40:h=40:t=4:c=white,hue=H=t*2",
        "cellauto=size=640x360:rate=30:rule=110:random_seed=7",
    ];

    /// <summary>A 4 s test clip (the fifth is vertical 9:16 to show the blurred fill).</summary>
    public static string Clip(string folder, int index)
    {
        string path = Path.Combine(folder, $"clip{index}.mp4");
        if (!File.Exists(path))
        {
            string source = index == 4 ? s_sources[index].Replace("640x360", "360x640", StringComparison.Ordinal) : s_sources[index];
            FFmpeg("-f", "lavfi", "-i", source, "-t", "4", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", path);
        }

        return path;
    }

    /// <summary>A drum loop: a kick on every beat, a snare on 2 and 4, a bass note changing every bar.</summary>
    public static string Song(string folder, int bpm, TimeSpan length)
    {
        string path = Path.Combine(folder, $"song-{bpm}.flac");
        double beat = 60.0 / bpm;
        string b = beat.ToString("0.######", CultureInfo.InvariantCulture);
        string bar = (4 * beat).ToString("0.######", CultureInfo.InvariantCulture);
        string kick = $"0.9*sin(2*PI*(50+80*exp(-30*mod(t,{b})))*t)*exp(-9*mod(t,{b}))";
        string snare = $"0.35*(random(0)*2-1)*exp(-18*mod(t-{b},2*{b}))*gte(mod(t,2*{b}),{b})";
        string bass = $"0.2*sin(2*PI*(55+27.5*mod(floor(t/{bar}),3))*t)";
        string expr = $"{kick}+{snare}+{bass}".Replace(",", "\\,", StringComparison.Ordinal);   // commas are escaped inside a filter
        FFmpeg("-f", "lavfi", "-i", $"aevalsrc={expr}|{expr}:s=44100:d={length.TotalSeconds.ToString(CultureInfo.InvariantCulture)}", "-c:a", "flac", path);
        return path;
    }

    private static void FFmpeg(params string[] args)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {err}");
        }
    }
}
