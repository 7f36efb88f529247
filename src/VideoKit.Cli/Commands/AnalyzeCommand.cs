using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VideoKit.Media;
using VideoKit.Rhythm;

namespace VideoKit.Cli.Commands;

/// <summary>
/// <c>videokit analyze SONG... [--out-dir DIR] [--json FILE] [--midi FILE.mid] [--beats-per-bar N]</c>: tempo, meter,
/// confidence and beats of each song (or of a MIDI file's tempo map), optionally written as beats/downbeats files and JSON.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var songs = new Argument<string[]>("SONG") { Description = "Songs to analyse (any file FFmpeg decodes).", Arity = ArgumentArity.ZeroOrMore };
        var outDir = new Option<string?>("--out-dir", "-o") { Description = "Write DIR/NAME.beats and DIR/NAME.downbeats (seconds, one per line)." };
        var json = new Option<string?>("--json") { Description = "Write every result (beats, downbeats, tempo curve, warnings) to this JSON file." };
        var midi = new Option<string[]>("--midi") { Description = "Also take a grid from a MIDI file's tempo map and time signatures.", AllowMultipleArgumentsPerToken = true };
        var meter = new Option<int?>("--beats-per-bar") { Description = "The meter when known (e.g. 3; 2 for 6/8, 4 for 12/8); detected otherwise." };
        Option<bool> overwrite = InterpolateCommand.OverwriteOption();
        overwrite.Description = "Replace existing .beats, .downbeats and JSON files (a hand-corrected beats file is otherwise kept).";
        var command = new Command("analyze", "Find the tempo, meter, beats and downbeats of songs.") { songs, outDir, json, midi, meter, overwrite };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            string[] inputs = parse.GetValue(songs) ?? [];
            string[] midis = parse.GetValue(midi) ?? [];
            if (inputs.Length == 0 && midis.Length == 0)
            {
                throw new ArgumentException("Nothing to analyse: give at least one SONG or --midi FILE.mid.");
            }

            string? dir = parse.GetValue(outDir);
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            // Every output is checked before minutes of analysis: existing files are kept unless --overwrite, and no
            // output may be an input.
            bool replace = parse.GetValue(overwrite);
            string[] allInputs = [.. inputs, .. midis];
            string? jsonPath = parse.GetValue(json);
            if (jsonPath is not null)
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
            var options = new RhythmAnalysisOptions { BeatsPerBar = parse.GetValue(meter) };
            // One bad input is reported and the others are still analysed; the exit code says that something failed.
            var results = new List<Entry>();
            int failed = 0;
            foreach (string song in inputs)
            {
                try
                {
                    RhythmAnalysis analysis = await RhythmAnalyzer.AnalyzeAsync(song, options, kit, cancellationToken: token).ConfigureAwait(false);
                    results.Add(Report(new Entry(song, analysis.Grid, analysis), writes));
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

            if (jsonPath is not null && results.Count > 0)
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

    private sealed record Entry(string Path, BeatGrid Grid, RhythmAnalysis? Analysis);

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

    private static Entry Report(Entry entry, Writes writes)
    {
        BeatGrid grid = entry.Grid;
        double tempo = entry.Analysis?.Tempo.Bpm ?? grid.Tempo;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
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
            w.WriteNumber("tempo", Math.Round(e.Analysis?.Tempo.Bpm ?? g.Tempo, 3));
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
