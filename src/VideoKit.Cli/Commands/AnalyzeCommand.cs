using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
        var json = new Option<string?>("--json") { Description = "Write every result (beats, downbeats, tempo curve, warnings) to this JSON file; '-' writes it to standard output (and the summary lines to standard error)." };
        var midi = new Option<string[]>("--midi") { Description = "Also take a grid from a MIDI file's tempo map and time signatures.", AllowMultipleArgumentsPerToken = true };
        var meter = new Option<int?>("--beats-per-bar") { Description = "The meter when known (e.g. 3; 2 for 6/8, 4 for 12/8); detected otherwise." };
        var command = new Command("analyze", "Find the tempo, meter, beats and downbeats of songs.") { songs, outDir, json, midi, meter };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            string[] inputs = parse.GetValue(songs) ?? [];
            string[] midis = parse.GetValue(midi) ?? [];
            s_summary = parse.GetValue(json) == "-" ? Console.Error : Console.Out;
            if (inputs.Length == 0 && midis.Length == 0)
            {
                throw new ArgumentException("Nothing to analyse: give at least one SONG or --midi FILE.mid.");
            }

            string? dir = parse.GetValue(outDir);
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            var options = new RhythmAnalysisOptions { BeatsPerBar = parse.GetValue(meter) };
            // One bad input is reported and the others are still analysed; the exit code says that something failed.
            var results = new List<Entry>();
            int failed = 0;
            foreach (string song in inputs)
            {
                try
                {
                    RhythmAnalysis analysis = await RhythmAnalyzer.AnalyzeAsync(song, options, cancellationToken: token).ConfigureAwait(false);
                    results.Add(Report(new Entry(song, analysis.Grid, analysis), dir));
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
                    results.Add(Report(new Entry(file, BeatGrid.FromMidi(file), null), dir));
                }
                catch (Exception ex) when (CliRunner.IsInputError(ex))
                {
                    failed++;
                    await Console.Error.WriteLineAsync("videokit: error: " + CliRunner.OneLine(ex)).ConfigureAwait(false);
                }
            }

            string? jsonPath = parse.GetValue(json);
            if (jsonPath == "-")
            {
                using Stream stdout = Console.OpenStandardOutput();
                WriteJson(stdout, results);
            }
            else if (jsonPath is not null && results.Count > 0)
            {
                WriteJson(jsonPath, results);
            }

            return failed == 0 ? 0 : CliRunner.Failure;
        }, ct));
        return command;
    }

    private sealed record Entry(string Path, BeatGrid Grid, RhythmAnalysis? Analysis);

    private static TextWriter s_summary = Console.Out;

    private static Entry Report(Entry entry, string? dir)
    {
        BeatGrid grid = entry.Grid;
        double tempo = entry.Analysis?.Tempo.Bpm ?? grid.Tempo;
        s_summary.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{entry.Path}: tempo {tempo:0.0} BPM, meter {grid.BeatsPerBar}, confidence {grid.Confidence:0.00}, {grid.Beats.Count} beats, {grid.Downbeats.Count} downbeats"));
        foreach (string warning in grid.Warnings)
        {
            Console.Error.WriteLine($"videokit: warning: {entry.Path}: {warning}");
        }

        if (dir is not null)
        {
            string name = Path.GetFileNameWithoutExtension(entry.Path);
            grid.SaveBeats(Path.Combine(dir, name + ".beats"));
            grid.SaveDownbeats(Path.Combine(dir, name + ".downbeats"));
        }

        return entry;
    }

    private static void WriteJson(string path, List<Entry> entries)
    {
        // Written beside the target and moved into place, so a failure never leaves half a file or spoils a good one.
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".videokit-" + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (FileStream stream = File.Create(temporary))
            {
                WriteJson(stream, entries);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
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
