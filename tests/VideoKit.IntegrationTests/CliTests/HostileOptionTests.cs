namespace VideoKit.IntegrationTests.CliTests;

/// <summary>
/// Every command with hostile values of every option (one at a time, the rest valid): the exit code is 0 or 1, never a
/// crash; standard error holds only "videokit: ..." lines, at most one error, never a stack trace. Outputs point into a
/// missing folder, so no hostile run does real work or writes anywhere.
/// </summary>
[Collection(nameof(InProcessCliGroup))]
[Trait("Category", "FFmpeg")]
public sealed class HostileOptionTests
{
    private static readonly string[] s_hostile =
    [
        "", " ", "-1", "0", "1e300", "-1e300", "NaN", "Infinity", "abc", "0.0001", "99999999999999999999", "%d%s%n",
        "ü\u202e名前", new string('a', 300), "/", "/dev/null", "--", "-o", "1x1", "0x0", "99999x99999", "30000/0",
    ];

    [Fact]
    public async Task EveryCommandAndOption_HostileValues_OneLineErrorsAndNoCrash()
    {
        string dir = TestMedia.NewFolder("hostile");
        string song = Copy(TestMedia.Tone("hostile-song.wav", 1), dir, "song.wav");
        string clip = Copy(TestMedia.Clip("hostile-clip.mp4", 64, 48, 10, 0.5), dir, "clip.mp4");
        string levels = Directory.CreateDirectory(Path.Combine(dir, "levels")).FullName;
        Copy(TestMedia.Image("hostile-l0.png", 64, 48), levels, "0.png");
        Copy(TestMedia.Image("hostile-l1.png", 64, 48, "mandelbrot"), levels, "1.png");
        string project = Path.Combine(dir, "p.json");
        File.WriteAllText(project, """{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "levels/0.png", "duration": 1 } ] }""");
        string missing = Path.Combine(dir, "missing");
        string outMp4 = Path.Combine(missing, "out.mp4");

        // Each template: the command words, then option/value pairs; "{v}" is replaced in one slot at a time.
        string[][] templates =
        [
            ["probe", "{FILE}"],
            ["render", "{PROJECT}", "-o", outMp4],
            ["interpolate", "{CLIP}", "--fps", "20", "--mode", "blend", "-o", outMp4],
            ["retime", "{CLIP}", "--speed", "2", "--start", "0", "--length", "0.4", "--fps", "10", "--mode", "nearest", "-o", outMp4],
            ["retime", "{CLIP}", "--duration", "1", "-o", outMp4],
            ["analyze", "{SONG}", "--out-dir", Path.Combine(dir, "beats"), "--json", Path.Combine(missing, "a.json"), "--beats-per-bar", "4"],
            ["zoom", "frame", "--levels", "{LEVELS}", "--factor", "2", "--order", "name", "--at", "0.5", "--size", "32x24", "-o", Path.Combine(missing, "f.png")],
            ["zoom", "align", "--levels", "{LEVELS}", "--factor", "2", "--order", "name", "--json", Path.Combine(missing, "a.json")],
            ["zoom", "render", "--levels", "{LEVELS}", "--song", "{SONG}", "--factor", "2", "--order", "name", "--levels-per-bar", "1", "--direction", "out",
                "--size", "32x24", "--fps", "10", "--bpm", "120", "--first-beat", "0", "-o", outMp4],
        ];
        var bindings = new Dictionary<string, string> { ["{FILE}"] = clip, ["{PROJECT}"] = project, ["{CLIP}"] = clip, ["{SONG}"] = song, ["{LEVELS}"] = levels };

        var failures = new List<string>();
        int runs = 0;
        foreach (string[] template in templates)
        {
            string[] baseArgs = [.. template.Select(t => bindings.GetValueOrDefault(t, t))];
            for (int slot = 0; slot < template.Length; slot++)
            {
                // Slots: positional inputs and option values (not the command words, not the option names).
                bool positional = template[slot].StartsWith('{');
                bool optionValue = slot > 0 && template[slot - 1].StartsWith('-') && !template[slot].StartsWith('-');
                if (!positional && !optionValue)
                {
                    continue;
                }

                foreach (string value in s_hostile)
                {
                    string[] args = [.. baseArgs];
                    args[slot] = value;
                    Cli.Result r = await InProcessCli.RunAsync(args);
                    runs++;
                    if (Problem(r, perInput: args[0] == "analyze") is { } problem)
                    {
                        failures.Add($"videokit {string.Join(' ', args.Select(a => a.Length > 40 ? a[..40] + "…" : a))} → {problem}");
                    }
                }
            }

            // Boolean switches and the damage switch on their own.
            foreach (string flag in (string[])["--overwrite", "--lossless", "--accept-damaged", "--no-such-option"])
            {
                Cli.Result r = await InProcessCli.RunAsync([.. baseArgs, flag]);
                runs++;
                if (Problem(r, perInput: false) is { } problem)
                {
                    failures.Add($"videokit {string.Join(' ', baseArgs)} {flag} → {problem}");
                }
            }
        }

        Assert.True(runs > 300, $"only {runs} runs");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30)));
        Assert.False(Directory.Exists(missing));
    }

    /// <summary>
    /// What is wrong with a run, or null: exit 0/1 only, stderr only "videokit:" lines, one error (analyze: one per
    /// failing input, as it goes on with the others), no stack trace.
    /// </summary>
    private static string? Problem(Cli.Result r, bool perInput)
    {
        string[] lines = r.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (r.ExitCode is not (0 or 1))
        {
            return $"exit {r.ExitCode}: {r.StandardError.Trim()}";
        }

        if (lines.Any(l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception:", StringComparison.Ordinal)))
        {
            return "stack trace: " + r.StandardError.Trim();
        }

        if (lines.Any(l => !l.StartsWith("videokit: ", StringComparison.Ordinal)))
        {
            return "stderr line without 'videokit:': " + r.StandardError.Trim();
        }

        int errors = lines.Count(l => l.StartsWith("videokit: error", StringComparison.Ordinal));
        if (r.ExitCode != 0 && (errors == 0 || (errors > 1 && !perInput)))
        {
            return $"exit {r.ExitCode} with {errors} error lines: {r.StandardError.Trim()}";
        }

        return null;
    }

    private static string Copy(string source, string folder, string name)
    {
        string target = Path.Combine(folder, name);
        File.Copy(source, target, overwrite: true);
        return target;
    }
}
