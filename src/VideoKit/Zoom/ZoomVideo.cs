using System.Globalization;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rhythm;

namespace VideoKit.Zoom;

/// <summary>One call from a folder of zoom levels and a song to a finished music video.</summary>
public static class ZoomVideo
{
    /// <summary>
    /// Loads the levels, aligns them, drives the zoom from the song's beat grid (a level boundary on downbeats, a push on
    /// each beat, ending with the song) and renders the video with the song as its soundtrack. When the song has no beat
    /// (silence, noise) or too few bars for the levels, the zoom runs at a steady speed over the song instead; when a
    /// requested levels-per-bar rate does not fit, the levels are spread over the song. Both are reported in
    /// <see cref="ZoomVideoResult.Warnings"/>.
    /// </summary>
    /// <param name="levelsFolder">The levels, innermost first by file name.</param>
    /// <param name="songPath">The song (any format FFmpeg reads), at least 3 s long.</param>
    /// <param name="outputPath">The video to write (through a temporary file, moved into place when complete).</param>
    /// <param name="options">Size, rate, factor, beats; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives render progress.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>What was written, with the steps, the path and any warnings.</returns>
    /// <exception cref="ZoomSequenceException">The levels differ in size, or two levels do not match.</exception>
    /// <exception cref="FileNotFoundException">The song does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">The song is shorter than 3 s or cannot be read.</exception>
    /// <exception cref="IOException">The output exists and <see cref="RenderOptions.Overwrite"/> is false, or it is a folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The output's folder does not exist.</exception>
    public static Task<ZoomVideoResult> RenderAsync(string levelsFolder, string songPath, string outputPath, ZoomVideoOptions? options = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(levelsFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(songPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        if (!File.Exists(songPath))
        {
            throw new FileNotFoundException($"The song '{songPath}' does not exist.", songPath);
        }

        options ??= ZoomVideoOptions.Default;
        options.Validate();
        // Before minutes of alignment and analysis, not after.
        VideoEncoder.CheckOutput(outputPath, options.EffectiveRender.Overwrite, Directory.Exists(levelsFolder) ? [songPath, .. ZoomSequence.FindLevels(levelsFolder)] : [songPath]);
        return RenderCoreAsync(levelsFolder, songPath, outputPath, options, progress, cancellationToken);
    }

    private static async Task<ZoomVideoResult> RenderCoreAsync(string levelsFolder, string songPath, string outputPath, ZoomVideoOptions options, IProgress<RenderProgress>? progress, CancellationToken cancellationToken)
    {
        VideoKitOptions kit = options.Render.Options;
        var warnings = new List<string>();

        // The song first, so its problems show before the levels are aligned.
        BeatGrid grid = options.Grid ?? await SongGridAsync(songPath, options, kit, cancellationToken).ConfigureAwait(false);

        ZoomSource source;
        IReadOnlyList<ZoomStep> steps;
        ZoomPath path;
        using (ZoomSequence sequence = await ZoomSequence.LoadForOutputAsync(levelsFolder, options.ZoomFactor, options.Size, kit, cancellationToken).ConfigureAwait(false))
        {
            if (options.OrderLevels)
            {
                sequence.Reorder(await Task.Run(() => ZoomAligner.FindOrder(sequence, options.Aligner, cancellationToken), cancellationToken).ConfigureAwait(false));
            }

            steps = options.Align
                ? await Task.Run(() => ZoomAligner.Align(sequence, options.Aligner, null, cancellationToken), cancellationToken).ConfigureAwait(false)
                : ZoomAligner.Nominal(sequence);
            path = BeatPathOrSteady(grid, sequence.Count, songPath, options.Path, warnings);
            warnings.ForEach(kit.Warn);
            source = new ZoomSource(sequence, steps, path, options.Compositor);
        }

        await using (source.ConfigureAwait(false))
        {
            Timeline timeline = new TimelineBuilder(options.Size, options.FrameRate)
                .WithSong(songPath)
                .AddSource(source, TimeSpan.Zero, grid.Duration)
                .Build();
            RenderResult render = await timeline.RenderAsync(outputPath, options.EffectiveRender, progress, cancellationToken).ConfigureAwait(false);
            return new ZoomVideoResult { Render = render.WithEarlierWarnings(warnings), Steps = steps, Path = path, Warnings = [.. warnings, .. render.Warnings] };
        }
    }

    /// <summary>The song's beat grid: a steady one at <see cref="ZoomVideoOptions.BeatsPerMinute"/>, or the analysed one.</summary>
    private static async Task<BeatGrid> SongGridAsync(string songPath, ZoomVideoOptions options, VideoKitOptions kit, CancellationToken cancellationToken)
    {
        MediaInfo song = await MediaProbe.ProbeAsync(songPath, kit, cancellationToken).ConfigureAwait(false);
        if (song.PrimaryAudio is null)
        {
            // A video without sound, or a picture, given as the song: say so, not "0 s long".
            throw new UnsupportedMediaException($"The song '{songPath}' has no audio stream.");
        }

        if (song.Duration < RhythmAnalyzer.MinimumDuration)
        {
            throw new UnsupportedMediaException(string.Create(CultureInfo.InvariantCulture,
                $"'{songPath}' is {song.Duration.TotalSeconds:0.###} s long; a zoom music video needs at least {RhythmAnalyzer.MinimumDuration.TotalSeconds:0} s of audio."));
        }

        if (options.BeatsPerMinute is { } bpm)
        {
            return BeatGrid.FromTempo(bpm, options.FirstBeat, options.BeatsPerBar, song.Duration);
        }

        RhythmAnalysis analysis = await RhythmAnalyzer.AnalyzeAsync(songPath, null, kit, null, cancellationToken).ConfigureAwait(false);
        return analysis.Grid;
    }

    /// <summary>
    /// The beat-driven path, or a steady zoom over the whole song (with a warning) when the grid has no beat or too few
    /// bars to carry the levels: an invented grid would put "beats" where the song has none.
    /// </summary>
    internal static ZoomPath BeatPathOrSteady(BeatGrid grid, int levelCount, string songPath, ZoomPathOptions options, List<string> warnings)
    {
        string why;
        if (grid.Beats.Count == 0)
        {
            why = $"No beat found in '{songPath}'; zooming at a steady speed.";
            if (grid.Warnings.Count > 0)
            {
                why += " The analysis says: " + grid.Warnings[0];
            }
        }
        else if (ZoomPath.TryFromBeats(grid, levelCount, options, out string? problem) is { } beatPath)
        {
            warnings.AddRange(beatPath.Warnings);
            return beatPath;
        }
        else
        {
            why = $"The beats of '{songPath}' cannot carry the zoom ({problem!.TrimEnd('.')}); zooming at a steady speed.";
        }

        TimeSpan holdStart = options.HoldStart, holdEnd = options.HoldEnd;
        if (grid.Duration - holdStart - holdEnd <= TimeSpan.Zero)
        {
            (holdStart, holdEnd) = (TimeSpan.Zero, TimeSpan.Zero);
        }

        warnings.Add(why);
        return ZoomPath.Steady(levelCount - 1, grid.Duration, options.Direction, holdStart, holdEnd, options.Ease);
    }
}
