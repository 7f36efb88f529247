using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VideoKit.Media;
using VideoKit.Rhythm;

namespace VideoKit.Cli.Commands;

/// <summary>
/// <c>videokit analyze SONG... [--out-dir DIR] [-o|--output|--json FILE.json] [--midi FILE.mid] [--beats-per-bar N] [--tempo half|double|BPM[±R%]]
/// [--bpm N [--first-beat S]] [--beat-offset-ms MS] [--downbeat-shift N]</c>: tempo, meter, confidence and beats of each song
/// (or of a MIDI file's tempo map), optionally written as beats/downbeats files and JSON; the user's say corrects the grid,
/// and a weak grid gets a warning naming the option that would help.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var songs = new Argument<string[]>("SONG") { Description = "Songs to analyse (any file FFmpeg decodes).", Arity = ArgumentArity.ZeroOrMore };
        var outDir = new Option<string?>("--out-dir") { Description = "Write DIR/NAME.beats and DIR/NAME.downbeats (seconds, one per line)." };
        var json = new Option<string?>("--json") { Description = "Write every result (beats, downbeats, tempo curve, warnings) to this JSON file; '-' writes it to standard output (and the summary lines to standard error)." };
        var output = new Option<string?>("--output", "-o") { Description = "The output file, as in every other command: the JSON file (FILE.json, or '-'), the same as --json. Before 0.2 -o meant --out-dir: a folder or a name without .json is refused, pointing to --out-dir." };
        var midi = new Option<string[]>("--midi") { Description = "Also take a grid from a MIDI file's tempo map and time signatures.", AllowMultipleArgumentsPerToken = true };
        var meter = new Option<int?>("--beats-per-bar") { Description = "The meter when known (e.g. 3; 2 for 6/8, 4 for 12/8); detected otherwise." };
        Option<bool> overwrite = InterpolateCommand.OverwriteOption();
        overwrite.Description = "Replace existing .beats, .downbeats, JSON and plot files (a hand-corrected beats file is otherwise kept).";
        var tempo = new Option<string?>("--tempo") { Description = "The metrical level: half, double, or a tempo hint in BPM with an optional range (140, 140±10%)." };
        var bpm = new Option<double?>("--bpm") { Description = "A fixed grid at this tempo instead of analysis (with --first-beat)." };
        var firstBeat = new Option<double?>("--first-beat") { Description = "Seconds of the first beat of the fixed --bpm grid (default 0)." };
        var offsetMs = new Option<double?>("--beat-offset-ms") { Description = "Move every beat by this many milliseconds (positive = later)." };
        var downbeatShift = new Option<int?>("--downbeat-shift") { Description = "Move the bar lines by this many beats (positive = later)." };
        var plot = new Option<string?>("--plot") { Description = "Draw the onset envelope, beats, downbeats and tempo curve to this PNG (the first song; NAME-2.png… for more)." };
        var command = new Command("analyze", "Find the tempo, meter, beats and downbeats of songs.") { songs, outDir, json, output, midi, meter, tempo, bpm, firstBeat, offsetMs, downbeatShift, plot, overwrite };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            string[] inputs = parse.GetValue(songs) ?? [];
            string[] midis = parse.GetValue(midi) ?? [];
            string? jsonPath = JsonTarget(parse.GetValue(output), parse.GetValue(json));
            s_summary = jsonPath == "-" ? Console.Error : Console.Out;
            if (inputs.Length == 0 && midis.Length == 0)
            {
                throw new ArgumentException("Nothing to analyse: give at least one SONG or --midi FILE.mid.");
            }

            string? dir = parse.GetValue(outDir);
            if (dir is not null)
            {
                if (File.Exists(dir))
                {
                    throw new ArgumentException($"--out-dir '{dir}' is a file; give a folder (it is created when missing).");
                }

                Directory.CreateDirectory(dir);
            }

            // Every output is checked before minutes of analysis: existing files are kept unless --overwrite, and no
            // output may be an input.
            bool replace = parse.GetValue(overwrite);
            string[] allInputs = [.. inputs, .. midis];
            if (jsonPath is not null and not "-")
            {
                OutputFile.Check(jsonPath, replace, allInputs);
            }

            if (dir is not null)
            {
                foreach (string input in allInputs)
                {
                    foreach (string target in Targets(dir, input))
                    {
                        OutputFile.Check(target, replace, allInputs);
                    }
                }
            }

            var writes = new Writes(dir, replace, allInputs);
            VideoKitOptions kit = CliRunner.Options(parse);
            if (parse.GetValue(plot) is { } plotPath)
            {
                RhythmPlot.CheckPath(plotPath);
                OutputFile.Check(plotPath, replace, allInputs);
            }

            BeatGridAdjustments say = Adjustments(parse.GetValue(tempo), parse.GetValue(bpm), parse.GetValue(firstBeat), parse.GetValue(offsetMs), parse.GetValue(downbeatShift));
            var options = say.ToOptions(new RhythmAnalysisOptions { BeatsPerBar = parse.GetValue(meter) });
            // One bad input is reported and the others are still analysed; the exit code says that something failed.
            var results = new List<Entry>();
            int failed = 0;
            foreach (string song in inputs)
            {
                try
                {
                    if (say.FixedBpm is not null)
                    {
                        TimeSpan length = (await VideoKit.Media.MediaProbe.ProbeAsync(song, kit, cancellationToken: token).ConfigureAwait(false)).Duration;
                        results.Add(Report(new Entry(song, say.FixedGrid(options.BeatsPerBar ?? 4, length)!, null), writes));
                        continue;
                    }

                    // The synchronous core: this command waits for each song anyway, and an installed (ReadyToRun) tool would
                    // otherwise compile the asynchronous decode's generic machinery at every start.
                    RhythmAnalysis analysis = RhythmAnalyzer.Analyze(song, options, kit, token);
                    BeatGrid grid = say.Apply(analysis.Grid);
                    results.Add(Report(new Entry(song, grid, analysis) { Adjusted = !say.IsEmpty }, writes));
                    if (parse.GetValue(plot) is { } png)
                    {
                        int n = results.Count(r => r.Analysis is not null);
                        IReadOnlyList<TempoPoint> curve = say.IsEmpty ? analysis.TempoCurve : [];
                        Save(n == 1 ? png : Path.ChangeExtension(png, null) + "-" + n + ".png", writes, path => RhythmPlot.Save(grid, curve, path));
                    }

                    if (say.IsEmpty && analysis.Advice() is { } advice)
                    {
                        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"videokit: warning: {song}: grid confidence {analysis.Confidence:0.00}; {advice}")).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (CliRunner.IsInputError(ex))
                {
                    failed++;
                    await Console.Error.WriteLineAsync("videokit: error: " + CliRunner.OneLine(ex)).ConfigureAwait(false);
                }
            }

            foreach (string file in midis)
            {
                try
                {
                    results.Add(Report(new Entry(file, BeatGrid.FromMidi(file), null), writes));
                }
                catch (Exception ex) when (CliRunner.IsInputError(ex))
                {
                    failed++;
                    await Console.Error.WriteLineAsync("videokit: error: " + CliRunner.OneLine(ex)).ConfigureAwait(false);
                }
            }

            if (jsonPath == "-")
            {
                using Stream stdout = Console.OpenStandardOutput();
                WriteJson(stdout, results);
            }
            else if (jsonPath is not null && results.Count > 0)
            {
                await OutputFile.WriteAsync(jsonPath, replace, allInputs, (stream, _) =>
                {
                    WriteJson(stream, results);
                    return Task.CompletedTask;
                }, CancellationToken.None).ConfigureAwait(false);
            }

            return failed == 0 ? 0 : CliRunner.Failure;
        }, ct));
        return command;
    }

    /// <summary>
    /// Where the JSON goes: <c>-o</c>/<c>--output</c> or <c>--json</c> (one of them). <c>-o</c> meant <c>--out-dir</c>
    /// in 0.1, so an <c>-o</c> that names a folder, or a file without <c>.json</c>, is refused rather than written as JSON.
    /// </summary>
    internal static string? JsonTarget(string? output, string? json)
    {
        if (output is null)
        {
            return json;
        }

        if (json is not null)
        {
            throw new ArgumentException("-o/--output and --json both name the JSON file; give one of them.");
        }

        if (output != "-" && (Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar)
            || !output.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"-o/--output names the JSON file (FILE.json, or '-'), as -o does in every command; '{output}' is not one. " +
                $"For NAME.beats and NAME.downbeats in a folder (what -o meant in 0.1), use --out-dir {output}.");
        }

        return output;
    }

    /// <summary>The user's say from the command line (validated; a bad value throws with the option's name).</summary>
    internal static BeatGridAdjustments Adjustments(string? tempo, double? bpm, double? firstBeat, double? offsetMs, int? downbeatShift)
    {
        BeatGridAdjustments say;
        try
        {
            say = tempo is null ? BeatGridAdjustments.None : BeatGridAdjustments.ParseTempo(tempo);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new ArgumentException("--tempo: " + ex.Message, ex);
        }

        if (firstBeat is not null && bpm is null)
        {
            throw new ArgumentException("--first-beat needs --bpm (a fixed grid).");
        }

        say = say with
        {
            FixedBpm = bpm,
            FirstBeat = TimeSpan.FromSeconds(firstBeat ?? 0),
            BeatOffset = TimeSpan.FromMilliseconds(offsetMs ?? 0),
            DownbeatShift = downbeatShift ?? 0,
        };
        try
        {
            say.Validate();
        }
        catch (ArgumentException ex)
        {
            string option = ex.ParamName switch
            {
                nameof(BeatGridAdjustments.FixedBpm) => "--bpm",
                nameof(BeatGridAdjustments.FirstBeat) => "--first-beat",
                _ => "--tempo",
            };
            throw new ArgumentException(option + ": " + ex.Message.Split(" (Parameter")[0], ex);
        }

        return say;
    }

    private sealed record Entry(string Path, BeatGrid Grid, RhythmAnalysis? Analysis)
    {
        /// <summary>The user's say changed the analysed grid, so its own tempo is reported.</summary>
        public bool Adjusted { get; init; }
    }

    /// <summary>Where --out-dir writes an input's beats and downbeats.</summary>
    private static string[] Targets(string dir, string input)
    {
        string name = Path.GetFileNameWithoutExtension(input);
        return [Path.Combine(dir, name + ".beats"), Path.Combine(dir, name + ".downbeats")];
    }

    private sealed record Writes(string? Dir, bool Overwrite, string[] Inputs);

    /// <summary>Saves through a temporary file beside the target, moved into place by the write rule.</summary>
    private static void Save(string target, Writes writes, Action<string> save)
    {
        string full = OutputFile.Check(target, writes.Overwrite, writes.Inputs);
        string temp = OutputFile.TempPath(full);
        try
        {
            save(temp);
            OutputFile.Commit(temp, full, writes.Overwrite, target);
        }
        finally
        {
            OutputFile.TryDelete(temp);
        }
    }

    private static TextWriter s_summary = Console.Out;

    private static Entry Report(Entry entry, Writes writes)
    {
        BeatGrid grid = entry.Grid;
        double tempo = entry.Adjusted ? grid.Tempo : entry.Analysis?.Tempo.Bpm ?? grid.Tempo;
        s_summary.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{entry.Path}: tempo {tempo:0.0} BPM, meter {grid.BeatsPerBar}, confidence {grid.Confidence:0.00}, {grid.Beats.Count} beats, {grid.Downbeats.Count} downbeats"));
        foreach (string warning in grid.Warnings)
        {
            Console.Error.WriteLine($"videokit: warning: {entry.Path}: {warning}");
        }

        if (writes.Dir is { } dir)
        {
            string[] targets = Targets(dir, entry.Path);
            Save(targets[0], writes, temp => grid.SaveBeats(temp));
            Save(targets[1], writes, temp => grid.SaveDownbeats(temp));
        }

        return entry;
    }

    private static void WriteJson(Stream stream, List<Entry> entries)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        foreach (Entry e in entries)
        {
            BeatGrid g = e.Grid;
            w.WriteStartObject();
            w.WriteString("file", e.Path);
            w.WriteString("source", e.Analysis is null ? "midi" : "analysis");
            w.WriteNumber("tempo", Math.Round(e.Adjusted ? g.Tempo : e.Analysis?.Tempo.Bpm ?? g.Tempo, 3));
            if (e.Analysis is { } a)
            {
                w.WriteNumber("tempoConfidence", Math.Round(a.Tempo.Confidence, 3));
                w.WriteNumber("halfTempo", Math.Round(a.HalfTempo.Bpm, 3));
                w.WriteNumber("doubleTempo", Math.Round(a.DoubleTempo.Bpm, 3));
            }

            w.WriteNumber("beatsPerBar", g.BeatsPerBar);
            w.WriteNumber("confidence", Math.Round(g.Confidence, 3));
            w.WriteNumber("duration", Math.Round(g.Duration.TotalSeconds, 3));
            w.WriteStartArray("beats");
            foreach (Beat b in g.Beats)
            {
                w.WriteNumberValue(Math.Round(b.Time.TotalSeconds, 4));
            }

            w.WriteEndArray();
            w.WriteStartArray("downbeats");
            foreach (Beat b in g.Downbeats)
            {
                w.WriteNumberValue(Math.Round(b.Time.TotalSeconds, 4));
            }

            w.WriteEndArray();
            if (e.Analysis is { } analysis)
            {
                w.WriteStartArray("tempoCurve");
                foreach (TempoPoint p in analysis.TempoCurve)
                {
                    w.WriteStartObject();
                    w.WriteNumber("time", Math.Round(p.Time.TotalSeconds, 4));
                    w.WriteNumber("bpm", Math.Round(p.Bpm, 2));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("warnings");
            foreach (string warning in g.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
