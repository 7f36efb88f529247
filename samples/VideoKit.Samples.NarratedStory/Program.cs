using System.Diagnostics;
using System.Globalization;
using VideoKit.Media;
using VideoKit.Projects;

// Bad input (a missing song, a folder that is not there, an unwritable output) ends the sample with one line on
// standard error and exit code 1, not a stack trace.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: error: {((Exception)e.ExceptionObject).Message}");
    Environment.Exit(1);
};

// A narrated picture book: three stills with Ken Burns moves (two given, one automatic toward the most detailed region),
// a narration synthesised here with espeak-ng, soft music generated with FFmpeg that ducks under the voice, captions
// of the narration, and the mix normalised to -14 LUFS.
//   dotnet run --project samples/VideoKit.Samples.NarratedStory -- out/story.mp4
string output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("out", "story.mp4"));
string folder = Path.Combine(Path.GetDirectoryName(output)!, "story-material");
Directory.CreateDirectory(folder);

string[] pages = ["Once, a lighthouse kept watch over a restless sea.", "Every night its keeper climbed the stairs and lit the lamp.", "And the ships came home."];
double[] starts = [1.0, 7.0, 13.0];
var srt = new System.Text.StringBuilder();
for (int i = 0; i < pages.Length; i++)
{
    string voice = Path.Combine(folder, $"voice{i + 1}.wav");
    Run("espeak-ng", "-v", "en", "-s", "150", "-w", voice, pages[i]);
    double length = Probe(voice);
    srt.Append(CultureInfo.InvariantCulture, $"{i + 1}\n{Srt(starts[i])} --> {Srt(starts[i] + length)}\n{pages[i]}\n\n");
}

File.WriteAllText(Path.Combine(folder, "narration.srt"), srt.ToString());

// Soft music: a slow A minor pad, 18 s.
Run(FFmpegTools.Locate().FFmpegPath, "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i",
    "aevalsrc='0.2*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*0.25*t))+0.15*sin(2*PI*261.63*t)+0.12*sin(2*PI*329.63*t)':s=44100:d=18", "-ac", "2", Path.Combine(folder, "music.flac"));
string[] sources = ["mandelbrot=size=1920x1080:rate=1", "gradients=c0=#203060:c1=#f0a030:c2=#102040:n=3:size=1920x1080:rate=1:speed=0.00001", "testsrc2=size=1920x1080:rate=1"];
for (int i = 0; i < sources.Length; i++)
{
    Run(FFmpegTools.Locate().FFmpegPath, "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i", sources[i], "-frames:v", "1", "-update", "1", Path.Combine(folder, $"page{i + 1}.png"));
}

File.WriteAllText(Path.Combine(folder, "story.json"), string.Create(CultureInfo.InvariantCulture, $$"""
    {
      "song": "music.flac",
      "output": { "width": 1280, "height": 720, "fps": 30, "preset": "veryfast" },
      "items": [
        { "image": "page1.png", "start": 0, "duration": 6, "kenBurns": { "from": { "x": 0, "y": 0, "width": 1 }, "to": { "x": 0.3, "y": 0.2, "width": 0.5 } } },
        { "image": "page2.png", "duration": 6, "transition": { "type": "crossfade", "duration": 0.8 }, "kenBurns": { "from": { "x": 0.4, "y": 0.3, "width": 0.5 }, "to": { "x": 0, "y": 0, "width": 1 } } },
        { "image": "page3.png", "duration": 6, "transition": { "type": "crossfade", "duration": 0.8 }, "kenBurns": "auto" }
      ],
      "captions": { "from": "narration.srt", "style": { "size": 0.05, "position": "bottom" } },
      "audio": {
        "songVolume": 0.6,
        "tracks": [
          { "file": "voice1.wav", "start": {{starts[0]}}, "duck": true },
          { "file": "voice2.wav", "start": {{starts[1]}}, "duck": true },
          { "file": "voice3.wav", "start": {{starts[2]}}, "duck": true }
        ],
        "fadeIn": 1, "fadeOut": 2, "loudness": -14
      }
    }
    """));

var clock = Stopwatch.StartNew();
ProjectFile project = await ProjectFile.LoadAsync(Path.Combine(folder, "story.json"));
var result = await project.RenderAsync(output, overwrite: true);
var loudness = await VideoKit.Audio.AudioMixer.MeasureAsync(output);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {result.OutputPath}: {result.Duration.TotalSeconds:0.0} s in {clock.Elapsed.TotalSeconds:0.0} s; loudness {loudness.Integrated:0.0} LUFS, true peak {loudness.TruePeak:0.0} dBTP"));
return 0;

static string Srt(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\,fff", CultureInfo.InvariantCulture);

static double Probe(string path) => MediaProbe.ProbeAsync(path).GetAwaiter().GetResult().Duration.TotalSeconds;

static void Run(string tool, params string[] args)
{
    var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
    foreach (string a in args)
    {
        psi.ArgumentList.Add(a);
    }

    using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool} (install it: apt-get install espeak-ng)");
    string error = p.StandardError.ReadToEnd();
    p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0)
    {
        throw new InvalidOperationException($"{tool} failed: {error}");
    }
}
