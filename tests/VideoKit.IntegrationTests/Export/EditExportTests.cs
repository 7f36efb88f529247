using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using VideoKit.Export;
using VideoKit.Media;
using VideoKit.Projects;

namespace VideoKit.IntegrationTests.Export;

/// <summary>
/// The exported edits against VideoKit's own render: a project of three coloured stills and a clip whose red level
/// counts its frames (so the picture tells which source frame is shown), with a dissolve. Each file is checked against
/// its format's rules, and the .mlt is rendered by melt and compared frame by frame with the render.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class EditExportTests
{
    private static readonly long[] s_cuts = [15, 45, 66];

    private static async Task<(string Folder, ProjectFile Project)> ProjectAsync()
    {
        string folder = TestMedia.NewFolder("export");
        foreach ((string name, string colour) in new[] { ("red.png", "red"), ("blue.png", "blue"), ("green.png", "green") })
        {
            TestMedia.FFmpeg("-f", "lavfi", "-i", $"color=c={colour}:s=160x90", "-frames:v", "1", "-update", "1", Path.Combine(folder, name));
        }

        // Red = 4 × source frame: the render shows which frame of the clip it took.
        TestMedia.FFmpeg("-f", "lavfi", "-i", "color=c=black:s=160x90:r=30:d=3", "-vf", "geq=r='4*N':g=40:b=40", "-c:v", "libx264", "-crf", "0", "-pix_fmt", "yuv444p", Path.Combine(folder, "ramp.mp4"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3", "-ac", "2", Path.Combine(folder, "song.wav"));
        File.WriteAllText(Path.Combine(folder, "video.json"), """
            { "song": "song.wav", "output": { "width": 160, "height": 90, "fps": 30 },
              "items": [ { "image": "red.png", "duration": 0.5 },
                         { "image": "blue.png", "duration": 1, "transition": { "type": "crossfade", "duration": 0.2 } },
                         { "video": "ramp.mp4", "in": 0.5, "duration": 0.7 },
                         { "image": "green.png", "duration": 0.8 } ] }
            """);
        ProjectFile project = await ProjectFile.LoadAsync(Path.Combine(folder, "video.json"), cancellationToken: TestContext.Current.CancellationToken);
        return (folder, project);
    }

    /// <summary>
    /// The cut frames of VideoKit's own render of the project, found in the picture: runs of steady frames (each within
    /// a small colour step of the last; the clip's ramp moves by 4 a frame) are shots; between two shots the cut is the
    /// first frame nearer to the next shot than to the last (a hard cut: the next shot's first frame; a dissolve: its
    /// middle).
    /// </summary>
    private static async Task<long[]> RenderedCutsAsync(ProjectFile project, string folder)
    {
        string ours = Path.Combine(folder, "ours.mp4");
        if (!File.Exists(ours))
        {
            await project.RenderAsync(ours, cancellationToken: TestContext.Current.CancellationToken);
        }

        byte[][] a = MeanColours(ours);
        var shots = new List<(int First, int Last)>();
        int start = 0;
        for (int i = 1; i <= a.Length; i++)
        {
            if (i == a.Length || Distance(a[i - 1], a[i]) > 20)
            {
                if (i - start >= 3)
                {
                    shots.Add((start, i - 1));
                }

                start = i;
            }
        }

        var cuts = new List<long>();
        for (int s = 1; s < shots.Count; s++)
        {
            int last = shots[s - 1].Last, first = shots[s].First;
            int cut = Enumerable.Range(last + 1, first - last).First(i => Distance(a[i], a[first]) <= Distance(a[i], a[last]));
            cuts.Add(cut);
        }

        return [.. cuts];
    }

    [Fact]
    public async Task RenderedCuts_AreTheProjectsCuts()
    {
        (string folder, ProjectFile project) = await ProjectAsync();

        long[] rendered = await RenderedCutsAsync(project, folder);

        Assert.Equal(s_cuts, rendered); // 0.5 s (dissolve centre), 1.5 s, 2.2 s at 30 fps
    }

    [Fact]
    public async Task Mlt_RenderedByMelt_CutsAndSourceFramesMatchTheRender()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        (string folder, ProjectFile project) = await ProjectAsync();
        string mlt = Path.Combine(folder, "edit.mlt");

        IReadOnlyList<long> cuts = await EditExporter.ExportAsync(project, mlt, cancellationToken: token);
        string ours = Path.Combine(folder, "ours.mp4");
        await project.RenderAsync(ours, cancellationToken: token);
        string theirs = Path.Combine(folder, "melt.mp4");
        Melt(mlt, theirs);

        Assert.Equal(await RenderedCutsAsync(project, folder), cuts);
        Assert.Equal(s_cuts, cuts);
        byte[][] a = MeanColours(ours), b = MeanColours(theirs);
        Assert.Equal(90, a.Length);
        Assert.Equal(90, b.Length);
        foreach (long cut in new[] { 45L, 66L }) // the hard cuts land on the same frame in both
        {
            Assert.True(Distance(a[cut - 1], a[cut]) > 60, $"our render has no cut at frame {cut}");
            Assert.True(Distance(b[cut - 1], b[cut]) > 60, $"melt's render has no cut at frame {cut}");
            Assert.True(Distance(b[cut - 2], b[cut - 1]) < 30 && Distance(b[cut], b[cut + 1]) < 30, $"melt's cut near frame {cut} is not on {cut}");
        }

        // The dissolve is centred on frame 15 in both: half-way between red and blue there.
        Assert.InRange(a[15][0] - a[15][2], -70, 70);
        Assert.InRange(b[15][0] - b[15][2], -70, 70);
        for (int frame = 0; frame < 90; frame++) // the same picture everywhere (in-point of the clip included)
        {
            if (frame is >= 12 and < 18)
            {
                continue; // inside the dissolve the curves differ (melt's luma starts at 0, VideoKit samples mid-frame)
            }

            Assert.True(Distance(a[frame], b[frame]) < 40, $"frame {frame}: ours {Text(a[frame])}, melt {Text(b[frame])}");
        }

        Assert.InRange(a[46][0], (15 + 1) * 4 - 8, (15 + 1) * 4 + 8); // 0.5 s in: source frame 16 one frame after the cut
    }

    [Fact]
    public async Task Otio_FollowsTheSchemaAndHasTheRenderCuts()
    {
        (string folder, ProjectFile project) = await ProjectAsync();
        string otio = Path.Combine(folder, "edit.otio");

        await EditExporter.ExportAsync(project, otio, cancellationToken: TestContext.Current.CancellationToken);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(otio));
        JsonElement root = doc.RootElement;
        Assert.Equal("Timeline.1", root.GetProperty("OTIO_SCHEMA").GetString());
        JsonElement stack = root.GetProperty("tracks");
        Assert.Equal("Stack.1", stack.GetProperty("OTIO_SCHEMA").GetString());
        JsonElement[] tracks = [.. stack.GetProperty("children").EnumerateArray()];
        Assert.Equal(["Video", "Audio"], tracks.Select(t => t.GetProperty("kind").GetString()));
        var cuts = new List<long>();
        double position = 0;
        foreach (JsonElement child in tracks[0].GetProperty("children").EnumerateArray())
        {
            string schema = child.GetProperty("OTIO_SCHEMA").GetString()!;
            Assert.Contains(schema, new[] { "Clip.2", "Gap.1", "Transition.1" });
            if (schema == "Transition.1")
            {
                Assert.Equal("SMPTE_Dissolve", child.GetProperty("transition_type").GetString());
                Assert.Equal(6, Frames(child.GetProperty("in_offset")) + Frames(child.GetProperty("out_offset")));
                continue;
            }

            if (position > 0)
            {
                cuts.Add((long)position);
            }

            JsonElement range = child.GetProperty("source_range");
            Assert.Equal("TimeRange.1", range.GetProperty("OTIO_SCHEMA").GetString());
            position += Frames(range.GetProperty("duration"));
            if (schema == "Clip.2")
            {
                JsonElement reference = child.GetProperty("media_references").GetProperty(child.GetProperty("active_media_reference_key").GetString()!);
                Assert.Equal("ExternalReference.1", reference.GetProperty("OTIO_SCHEMA").GetString());
                Assert.True(File.Exists(new Uri(reference.GetProperty("target_url").GetString()!).LocalPath));
            }
        }

        Assert.Equal(await RenderedCutsAsync(project, folder), cuts);
        Assert.Equal(90, position);
        JsonElement rampClip = tracks[0].GetProperty("children").EnumerateArray().First(c => c.GetProperty("name").GetString() == "ramp.mp4");
        Assert.Equal(15, Frames(rampClip.GetProperty("source_range").GetProperty("start_time")));
    }

    [Fact]
    public async Task Fcpxml_FollowsTheFormatsRulesAndHasTheRenderCuts()
    {
        (string folder, ProjectFile project) = await ProjectAsync();
        string path = Path.Combine(folder, "edit.fcpxml");

        await EditExporter.ExportAsync(project, path, cancellationToken: TestContext.Current.CancellationToken);

        XDocument doc = XDocument.Load(path, LoadOptions.None); // well-formed XML, or this throws
        Assert.Empty(FcpxmlRules.Problems(doc));
        XElement root = doc.Root!;
        Assert.Equal("1.9", (string?)root.Attribute("version"));
        foreach (XElement asset in root.Element("resources")!.Elements("asset"))
        {
            XElement rep = Assert.Single(asset.Elements("media-rep")); // the 1.9 DTD: asset (media-rep+, metadata?)
            Assert.True(File.Exists(new Uri((string)rep.Attribute("src")!).LocalPath));
        }

        XElement spine = doc.Descendants("spine").Single();
        Assert.Equal("project", spine.Parent!.Parent!.Name.LocalName);
        var cuts = new List<long>();
        foreach (XElement item in spine.Elements())
        {
            double offset = FcpxmlRules.Seconds((string)item.Attribute("offset")!);
            if (item.Name.LocalName == "transition")
            {
                Assert.Equal(0.2, FcpxmlRules.Seconds((string)item.Attribute("duration")!), 6);
                Assert.Equal(0.4, offset, 6); // centred on the cut at 0.5 s
            }
            else if (offset > 0)
            {
                cuts.Add((long)Math.Round(offset * 30));
            }
        }

        Assert.Equal(await RenderedCutsAsync(project, folder), cuts);
        XElement song = doc.Descendants("asset-clip").Single(e => (string?)e.Attribute("lane") == "-1");
        XElement parent = song.Parent!; // a connected clip's offset is in its parent's time, which starts at the parent's start
        double songAt = FcpxmlRules.Seconds((string)parent.Attribute("offset")!) + FcpxmlRules.Seconds((string)song.Attribute("offset")!) - FcpxmlRules.Seconds((string)parent.Attribute("start")!);
        Assert.Equal(0, songAt, 6); // the song starts with the video
        Assert.Equal(3.0, FcpxmlRules.Seconds((string)song.Attribute("duration")!), 6);
        Assert.Equal(0.5, FcpxmlRules.Seconds((string)spine.Elements("asset-clip").Single().Attribute("start")!), 6); // the in-point
    }

    /// <summary>The FCPXML check is not a formality: each broken rule in an otherwise good export is reported.</summary>
    [Fact]
    public async Task FcpxmlRules_ReportEachBrokenRule()
    {
        (string folder, ProjectFile project) = await ProjectAsync();
        string path = Path.Combine(folder, "edit.fcpxml");
        await EditExporter.ExportAsync(project, path, cancellationToken: TestContext.Current.CancellationToken);
        string good = File.ReadAllText(path);
        var breakages = new (string Rule, Action<XDocument> Break)[]
        {
            ("resources must come first", d => { XElement r = d.Root!.Element("resources")!; r.Remove(); d.Root.Add(r); }),
            ("does not name an asset", d => d.Descendants("video").First().SetAttributeValue("ref", "r99")),
            ("does not name a <format>", d => d.Descendants("sequence").Single().SetAttributeValue("format", "r2")),
            ("is not a time", d => d.Descendants("gap").Concat(d.Descendants("video")).First().SetAttributeValue("duration", "0.5")),
            ("is not a whole number of frames", d => d.Descendants("video").First().SetAttributeValue("start", "1/7s")),
            ("not where the spine's previous clip ends", d => d.Descendants("spine").Single().Elements("asset-clip").Single().SetAttributeValue("offset", "47/30s")),
            ("does not overlap both clips", d => d.Descendants("transition").Single().SetAttributeValue("offset", "1/30s")),
            ("has no media-rep", d => d.Descendants("media-rep").First().Remove()),
            ("no non-zero lane", d => d.Descendants("asset-clip").Single(e => (string?)e.Attribute("lane") == "-1").SetAttributeValue("lane", null)),
            ("used twice", d => d.Root!.Element("resources")!.Elements("asset").Last().SetAttributeValue("id", "r2")),
        };

        Assert.Empty(FcpxmlRules.Problems(XDocument.Parse(good)));
        foreach ((string rule, Action<XDocument> breakIt) in breakages)
        {
            XDocument broken = XDocument.Parse(good);
            breakIt(broken);
            List<string> problems = FcpxmlRules.Problems(broken);
            Assert.True(problems.Any(p => p.Contains(rule, StringComparison.Ordinal)), $"'{rule}' was not reported; got: {string.Join(" | ", problems)}");
        }
    }

    [Fact]
    public void SpeedChange_IsWrittenInEveryFormat()
    {
        string folder = TestMedia.NewFolder("export-speed");
        string clip = TestMedia.Clip("export-speed.mp4", 64, 36, 30, 3); // 90 frames: 6 + 2 × 30 fit
        var edit = new EditList("speed", FrameRate.Fps30, new Resolution(64, 36), 30, null,
            [new EditEvent("export-speed.mp4", clip, EditMediaKind.Video, 0, 30, 6, 2.0, null, 0, 0)]);
        using var otio = new MemoryStream();
        using var fcpxml = new MemoryStream();
        string mlt = Path.Combine(folder, "speed.mlt");

        OtioWriter.Write(edit, otio);
        FcpxmlWriter.Write(edit, fcpxml);
        using (FileStream stream = File.Create(mlt))
        {
            MltWriter.Write(edit, stream);
        }

        using JsonDocument doc = JsonDocument.Parse(otio.ToArray());
        JsonElement warp = doc.RootElement.GetProperty("tracks").GetProperty("children")[0].GetProperty("children")[0].GetProperty("effects")[0];
        Assert.Equal("LinearTimeWarp.1", warp.GetProperty("OTIO_SCHEMA").GetString());
        Assert.Equal(2.0, warp.GetProperty("time_scalar").GetDouble());
        XDocument x = XDocument.Parse(System.Text.Encoding.UTF8.GetString(fcpxml.ToArray()));
        XElement[] points = [.. x.Descendants("timept")];
        Assert.Equal(2, points.Length);
        Assert.Empty(FcpxmlRules.Problems(x));
        Assert.Equal(2.2, Seconds((string)points[1].Attribute("value")!), 6); // 30 frames at 2× from frame 6: media frame 6 + 60 → 2.2 s
        Assert.Equal(1.2, Seconds((string)points[1].Attribute("time")!), 6);
        XElement producer = XDocument.Load(mlt).Descendants("producer").Single();
        Assert.Equal("timewarp", producer.Elements("property").Single(p => (string?)p.Attribute("name") == "mlt_service").Value);
        string output = Path.Combine(folder, "speed.mp4");
        Melt(mlt, output);
        Assert.Equal(30, MeanColours(output).Length);
    }

    private static double Frames(JsonElement time) => time.GetProperty("value").GetDouble() * 30 / time.GetProperty("rate").GetDouble();

    private static double Seconds(string time)
    {
        Assert.EndsWith("s", time, StringComparison.Ordinal);
        string[] parts = time[..^1].Split('/');
        double value = double.Parse(parts[0], CultureInfo.InvariantCulture);
        return parts.Length == 2 ? value / double.Parse(parts[1], CultureInfo.InvariantCulture) : value;
    }

    private static int Distance(byte[] x, byte[] y) => Math.Abs(x[0] - y[0]) + Math.Abs(x[1] - y[1]) + Math.Abs(x[2] - y[2]);

    private static string Text(byte[] c) => $"({c[0]},{c[1]},{c[2]})";

    /// <summary>melt (Debian's package) renders the .mlt at its own size.</summary>
    private static void Melt(string mlt, string output)
    {
        var psi = new ProcessStartInfo("melt") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { mlt, "-consumer", "avformat:" + output, "vcodec=libx264", "crf=8", "preset=ultrafast" })
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("melt did not start; install it with apt-get install melt.");
        Task<string> err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "melt took more than 2 minutes");
        Assert.True(p.ExitCode == 0 && File.Exists(output), $"melt failed ({p.ExitCode}): {err.Result}");
    }

    /// <summary>Each frame's mean colour (the frame scaled to one pixel, RGB).</summary>
    private static byte[][] MeanColours(string video)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "error", "-i", video, "-vf", "scale=1:1:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-" })
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        using var bytes = new MemoryStream();
        Task err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.BaseStream.CopyTo(bytes);
        p.WaitForExit();
        byte[] all = bytes.ToArray();
        return [.. Enumerable.Range(0, all.Length / 3).Select(i => all[(i * 3)..((i * 3) + 3)])];
    }
}
