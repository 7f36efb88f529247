using System.Globalization;
using VideoKit;
using VideoKit.Rendering;
using VideoKit.Samples.Demo;
using VideoKit.Zoom;

// Bad input (a missing song, a folder that is not there, an unwritable output) ends the sample with one line on
// standard error and exit code 1, not a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: error: {((Exception)e.ExceptionObject).Message}");
    Environment.Exit(1);
};

// A zoom-out music video: a folder of zoom levels (innermost first by name, each a 2× zoomed-out copy of the previous)
// and a song → a video whose zoom passes one level per bar, level boundaries on downbeats, a push on each beat.
//   dotnet run --project samples/VideoKit.Samples.ZoomOut -- [LEVELS_DIR SONG] OUT.mp4
// Without LEVELS_DIR and SONG it generates its own: mandelbrot levels at 2× steps and a synthesized 120 BPM song.
if (args.Length is not (1 or 3))
{
    Console.Error.WriteLine("usage: VideoKit.Samples.ZoomOut [LEVELS_DIR SONG] OUT.mp4");
    return 2;
}

string output = Path.GetFullPath(args[^1]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

string levels, song;
ZoomVideoOptions options;
if (args.Length == 3)
{
    levels = Path.GetFullPath(args[0]);
    song = Path.GetFullPath(args[1]);
    // The factor is estimated from the pixels and the beat grid comes from analysing the song.
    options = new ZoomVideoOptions { Size = Resolution.Hd720, Render = new RenderOptions { Preset = "veryfast", Overwrite = true } };
    Console.WriteLine($"levels {levels}, song {song}: zoom factor estimated, beats from analysis");
}
else
{
    const double Bpm = 120;
    const int Bars = 8, Levels = 7;
    string material = Path.Combine(Path.GetDirectoryName(output)!, "zoomout-material");
    Directory.CreateDirectory(material);
    song = Path.Combine(material, "song-120bpm.wav");
    if (!File.Exists(song))
    {
        SongSynth.Write(song, Bpm, Bars);
    }

    levels = await ZoomLevels.WriteAsync(Path.Combine(material, "levels"), Levels, 1280, 720, cts.Token);
    // Known material: factor 2, the song's known tempo (deterministic, no analysis); one level per bar.
    options = new ZoomVideoOptions
    {
        ZoomFactor = 2,
        BeatsPerMinute = Bpm,
        Size = Resolution.Hd720,
        Path = new ZoomPathOptions { LevelsPerBar = 1 },
        Render = new RenderOptions { Preset = "veryfast", Overwrite = true },
    };
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {Levels} mandelbrot levels in {levels} and a {Bpm} BPM song {song}; beat grid from the known tempo"));
}

ZoomVideoResult zoom = await ZoomVideo.RenderAsync(levels, song, output, options, null, cts.Token);
foreach (string warning in zoom.Warnings)
{
    Console.Error.WriteLine("warning: " + warning);
}

RenderResult result = zoom.Render;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"wrote {result.OutputPath}: {result.Duration.TotalSeconds:0.0} s, {result.FrameCount} frames at {result.Resolution}, rendered in {result.Elapsed.TotalSeconds:0.0} s"));
return 0;
