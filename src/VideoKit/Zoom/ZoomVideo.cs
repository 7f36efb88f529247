using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rhythm;

namespace VideoKit.Zoom;

/// <summary>One call from a folder of zoom levels and a song to a finished music video.</summary>
public static class ZoomVideo
{
    /// <summary>
    /// Loads the levels, aligns them, drives the zoom from the song's beat grid (a level boundary on downbeats, a push on
    /// each beat, ending with the song) and renders the video with the song as its soundtrack.
    /// </summary>
    /// <param name="levelsFolder">The levels, innermost first by file name.</param>
    /// <param name="songPath">The song (any format FFmpeg reads).</param>
    /// <param name="outputPath">The video to write.</param>
    /// <param name="options">Size, rate, factor, beats; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives render progress.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ZoomSequenceException">The levels differ in size, or two levels do not match.</exception>
    /// <exception cref="FileNotFoundException">The song does not exist.</exception>
    public static Task<RenderResult> RenderAsync(string levelsFolder, string songPath, string outputPath, ZoomVideoOptions? options = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(levelsFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(songPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        if (!File.Exists(songPath))
        {
            throw new FileNotFoundException($"The song '{songPath}' does not exist.", songPath);
        }

        options ??= ZoomVideoOptions.Default;
        options.Path.Validate();
        return RenderCoreAsync(levelsFolder, songPath, outputPath, options, progress, cancellationToken);
    }

    private static async Task<RenderResult> RenderCoreAsync(string levelsFolder, string songPath, string outputPath, ZoomVideoOptions options, IProgress<RenderProgress>? progress, CancellationToken cancellationToken)
    {
        VideoKitOptions kit = options.Render.Options;
        ZoomSource source;
        BeatGrid grid;
        using (ZoomSequence sequence = await ZoomSequence.LoadAsync(levelsFolder, options.ZoomFactor, kit, cancellationToken).ConfigureAwait(false))
        {
            if (options.OrderLevels)
            {
                sequence.Reorder(await Task.Run(() => ZoomAligner.FindOrder(sequence, options.Aligner, cancellationToken), cancellationToken).ConfigureAwait(false));
            }

            IReadOnlyList<ZoomStep> steps = options.Align
                ? await Task.Run(() => ZoomAligner.Align(sequence, options.Aligner, null, cancellationToken), cancellationToken).ConfigureAwait(false)
                : ZoomAligner.Nominal(sequence);
            if (options.Grid is { } given)
            {
                grid = given;
            }
            else
            {
                MediaInfo song = await MediaProbe.ProbeAsync(songPath, kit, cancellationToken).ConfigureAwait(false);
                grid = BeatGrid.FromTempo(options.BeatsPerMinute ?? 120, options.FirstBeat, options.BeatsPerBar, song.Duration);
                if (options.BeatsPerMinute is null && song.Duration >= RhythmAnalyzer.MinimumDuration)
                {
                    RhythmAnalysis analysis = await RhythmAnalyzer.AnalyzeAsync(songPath, null, kit, null, cancellationToken).ConfigureAwait(false);
                    if (analysis.Grid.Downbeats.Count >= 2)
                    {
                        grid = analysis.Grid;
                    }
                }
            }

            ZoomPath path = ZoomPath.FromBeats(grid, sequence.Count, options.Path);
            source = new ZoomSource(sequence, steps, path, options.Compositor);
        }

        await using (source.ConfigureAwait(false))
        {
            Timeline timeline = new TimelineBuilder(options.Size, options.FrameRate)
                .WithSong(songPath)
                .AddSource(source, TimeSpan.Zero, grid.Duration)
                .Build();
            return await timeline.RenderAsync(outputPath, options.Render, progress, cancellationToken).ConfigureAwait(false);
        }
    }
}
