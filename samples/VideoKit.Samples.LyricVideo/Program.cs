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

// A lyric video from a project file: a 16-second 120 BPM song and one still per lyric line, generated here with FFmpeg;
// an enhanced LRC file with word times; one still per line, each cut snapped to the nearest beat within 0.25 s; karaoke
// captions; a title that slides up and fades.
//   dotnet run --project samples/VideoKit.Samples.LyricVideo -- out/lyric-video.mp4
string output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("out", "lyric-video.mp4"));
string folder = Path.Combine(Path.GetDirectoryName(output)!, "lyric-video-material");
Directory.CreateDirectory(folder);

// The song: a plucked A minor figure, one pluck per beat (120 BPM), with a low note on each bar.
FFmpeg("-f", "lavfi", "-i", "aevalsrc='0.35*sin(2*PI*220*t)*exp(-6*mod(t,0.5))+0.25*sin(2*PI*330*t)*exp(-4*mod(t+0.25,0.5))+0.3*sin(2*PI*110*t)*exp(-2*mod(t,2))':s=44100:d=16",
    "-ac", "2", Path.Combine(folder, "song.flac"));
File.WriteAllLines(Path.Combine(folder, "song.beats"), Enumerable.Range(0, 32).Select(i => (i * 0.5).ToString("0.0##", CultureInfo.InvariantCulture)));

// The lyrics, sung slightly off the beat as singers do; the enhanced form times each word.
File.WriteAllText(Path.Combine(folder, "song.lrc"), """
    [ti:Worldweight]
    [00:01.10]<00:01.10>Carry <00:01.60>the <00:01.85>world <00:02.60>lightly<00:03.80>
    [00:04.10]<00:04.10>Паруса <00:05.00>над <00:05.40>морем<00:07.00>
    [00:08.10]<00:08.10>Ça <00:08.50>ira, <00:09.10>ça <00:09.50>ira<00:10.80>
    [00:12.05]<00:12.05>世界<00:13.00>を<00:13.50>抱いて<00:15.50>
    """);
string[] stills = ["mandelbrot", "gradients=c0=#ff3060:c1=#3040ff:c2=#ffd030:n=3:speed=0.00001", "cellauto=rule=30", "gradients=c0=#10e0a0:c1=#202060:type=radial:speed=0.00001"];
for (int i = 0; i < stills.Length; i++)
{
    string source = stills[i].Contains('=', StringComparison.Ordinal) ? stills[i] + ":size=1280x720:rate=1" : stills[i] + "=size=1280x720:rate=1";
    FFmpeg("-f", "lavfi", "-i", source, "-frames:v", "1", "-update", "1", Path.Combine(folder, $"line{i + 1}.png"));
}

File.WriteAllText(Path.Combine(folder, "video.json"), """
    {
      "song": "song.flac",
      "lyrics": "song.lrc",
      "output": { "width": 1280, "height": 720, "fps": 30, "preset": "veryfast" },
      "edit": { "cutAt": "lyrics", "snap": "beat", "snapTolerance": 0.25, "beatGrid": "song.beats", "transition": { "type": "crossfade", "duration": 0.25 } },
      "clips": ["line1.png", "line2.png", "line3.png", "line4.png"],
      "captions": { "from": "lyrics", "karaoke": true, "style": { "font": "Noto Sans", "size": 0.07, "color": "#FFFFFF", "highlightColor": "#FFD400", "outline": 3, "position": "bottom" } },
      "overlays": [ { "text": "Worldweight", "start": 0, "duration": 3.5, "fadeIn": 0.5, "fadeOut": 0.5, "slide": "up" } ],
      "audio": { "fadeIn": 0.5, "fadeOut": 1.5, "loudness": -14 }
    }
    """);

var clock = Stopwatch.StartNew();
ProjectFile project = await ProjectFile.LoadAsync(Path.Combine(folder, "video.json"));
foreach (var cut in project.EditPlan!.Cuts)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {cut.LineIndex + 1}: cut at {cut.Time.TotalSeconds:0.000} s"));
}

var result = await project.RenderAsync(output, overwrite: true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {result.OutputPath}: {result.Duration.TotalSeconds:0.0} s in {clock.Elapsed.TotalSeconds:0.0} s"));
var loudness = await VideoKit.Audio.AudioMixer.MeasureAsync(output);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loudness {loudness.Integrated:0.0} LUFS, true peak {loudness.TruePeak:0.0} dBTP"));
return 0;

static void FFmpeg(params string[] args)
{
    var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardError = true, UseShellExecute = false };
    foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", .. args])
    {
        psi.ArgumentList.Add(a);
    }

    using Process p = Process.Start(psi)!;
    string error = p.StandardError.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0)
    {
        throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {error}");
    }
}
