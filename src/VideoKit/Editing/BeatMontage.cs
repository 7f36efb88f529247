using System.Collections.Immutable;
using System.Globalization;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Editing;

/// <summary>
/// Renders an <see cref="EditPlan"/> over a song: the plan becomes a <see cref="Timeline"/> of ordinary items (one per
/// segment on the video track, the transitions on the cuts, onset effects as <see cref="TimelineEffect"/>s), which the
/// <see cref="Renderer"/> renders like any other; then the cuts in the written file are checked against the plan.
/// </summary>
/// <example>
/// <code>
/// BeatGrid grid = BeatGrid.FromTempo(128, TimeSpan.Zero, 4, songLength);
/// EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2) }.Plan(grid, clips.Count, FrameRate.Fps30);
/// MontageResult result = await BeatMontage.RenderAsync(plan, clips, "song.flac", "out.mp4");
/// Console.WriteLine(result.Verification!.Summary);
/// </code>
/// </example>
public static class BeatMontage
{
    /// <summary>Builds the timeline of a montage: the song, then one video-track item per segment and the onset effects.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="clips">The material, indexed as the plan refers to it.</param>
    /// <param name="size">The output size.</param>
    /// <param name="songPath">The song, already starting at the plan's section start; <see langword="null"/> for a silent video.</param>
    /// <param name="policy">How clips are fitted; <see langword="null"/> for <see cref="ClipFitPolicy.Default"/>.</param>
    /// <param name="options">Where FFmpeg is; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the probing.</param>
    /// <returns>The timeline and how each segment's clip was fitted.</returns>
    /// <exception cref="ArgumentException">The clip count does not match the plan.</exception>
    /// <exception cref="FileNotFoundException">A clip does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">A clip cannot be read.</exception>
    /// <exception cref="TimelineValidationException">The size is unset or the song does not exist.</exception>
    public static async Task<(Timeline Timeline, IReadOnlyList<ClipFit> Fits)> CreateTimelineAsync(EditPlan plan, IEnumerable<MontageClip> clips, Resolution size, string? songPath,
        ClipFitPolicy? policy = null, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clips);
        MontageClip[] material = [.. clips];
        policy ??= ClipFitPolicy.Default;
        ImmutableArray<ClipFit> fits = await MontageTimeline.FitAsync(plan, material, policy, options ?? VideoKitOptions.Default, cancellationToken).ConfigureAwait(false);
        return (MontageTimeline.Build(plan, material, fits, policy, size, songPath), fits);
    }

    /// <summary>
    /// Adds a plan's items (one per segment) and onset effects to a timeline being built, with the plan's frame 0 at
    /// <paramref name="at"/>: a beat edit as one section of a longer video (the builder's song must be the one the plan
    /// was made on, and <paramref name="at"/> its section start).
    /// </summary>
    /// <param name="builder">The timeline being built; its frame rate must be the plan's.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="clips">The material, indexed as the plan refers to it.</param>
    /// <param name="at">Where the plan starts on the timeline; rounded to the nearest frame.</param>
    /// <param name="policy">How clips are fitted; <see langword="null"/> for <see cref="ClipFitPolicy.Default"/>.</param>
    /// <param name="options">Where FFmpeg is; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the probing.</param>
    /// <returns>How each segment's clip was fitted.</returns>
    /// <exception cref="ArgumentException">The clip count or the frame rate does not match the plan.</exception>
    public static async Task<IReadOnlyList<ClipFit>> AddToAsync(TimelineBuilder builder, EditPlan plan, IEnumerable<MontageClip> clips, TimeSpan at,
        ClipFitPolicy? policy = null, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clips);
        if (builder.FrameRate != plan.FrameRate)
        {
            throw new ArgumentException($"The plan was made at {plan.FrameRate} fps but the timeline runs at {builder.FrameRate} fps; plan it at the timeline's rate so cuts land on frames.", nameof(plan));
        }

        MontageClip[] material = [.. clips];
        policy ??= ClipFitPolicy.Default;
        ImmutableArray<ClipFit> fits = await MontageTimeline.FitAsync(plan, material, policy, options ?? VideoKitOptions.Default, cancellationToken).ConfigureAwait(false);
        TimeSpan offset = plan.FrameRate.TimeAt(plan.FrameRate.NearestFrameAt(at));
        MontageTimeline.AddItems(plan, material, fits, policy, d => builder.Add(d), e => builder.AddEffect(e), offset);
        return fits;
    }

    /// <summary>Renders a plan over a song to a video file and verifies where the cuts landed.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="clips">The material, indexed as the plan refers to it.</param>
    /// <param name="songPath">The whole song (the plan's section is cut out of it), or <see langword="null"/> for a silent video.</param>
    /// <param name="outputPath">The video file to write.</param>
    /// <param name="options">Size, fitting, clip sound, verification and render options; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives render progress.</param>
    /// <param name="cancellationToken">Stops the work; no partial file is left.</param>
    /// <returns>The plan, the fits, the render and the verification report.</returns>
    /// <exception cref="ArgumentException">The clip count does not match the plan.</exception>
    /// <exception cref="FileNotFoundException">The song or a clip does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">A clip or the song cannot be decoded.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed.</exception>
    public static Task<MontageResult> RenderAsync(EditPlan plan, IEnumerable<MontageClip> clips, string? songPath, string outputPath,
        MontageOptions? options = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        options ??= MontageOptions.Default;
        options.Validate();
        options.FitPolicy.Validate();
        MontageClip[] material = [.. clips];
        if (material.Length != plan.ClipCount)
        {
            throw new ArgumentException($"The plan was made for {plan.ClipCount} clip(s) but {material.Length} were given.", nameof(clips));
        }

        if (songPath is not null)
        {
            MediaPath.ExistingInput(songPath, "song");
        }

        return RenderCoreAsync(plan, material, songPath, outputPath, options, progress, cancellationToken);
    }

    /// <summary>Waits for a side task whose failure the main path reports itself.</summary>
    private static async Task ObserveAsync(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The renderer probes the song again (failures are not cached) and reports the problem in its own words.
        }
    }

    private static async Task<MontageResult> RenderCoreAsync(EditPlan plan, MontageClip[] clips, string? songPath, string outputPath, MontageOptions options,
        IProgress<RenderProgress>? progress, CancellationToken cancellationToken)
    {
        VideoKitOptions kit = options.Render.Options;
        // The renderer probes the song first thing; probing it beside the clips takes that probe off the critical path
        // (the media-info cache hands the renderer the result; a failure is reported by the renderer's own probe).
        Task? songProbe = songPath is null ? null : MediaProbe.ProbeAsync(songPath, kit, cancellationToken);
        ImmutableArray<ClipFit> fits;
        try
        {
            fits = await MontageTimeline.FitAsync(plan, clips, options.FitPolicy, kit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ObserveAsync(songProbe).ConfigureAwait(false);
        }

        string? temporary = null;
        try
        {
            string? soundtrack = songPath;
            if (songPath is not null && (plan.SectionStart > TimeSpan.Zero || options.ClipAudio == ClipAudioMode.Duck))
            {
                temporary = Path.Combine(kit.GetTemporaryFolder(), "videokit-montage-" + Guid.NewGuid().ToString("N")[..12] + ".flac");
                await MontageAudio.WriteAsync(plan, clips, fits, songPath, options, temporary, cancellationToken).ConfigureAwait(false);
                soundtrack = temporary;
            }

            Timeline timeline = MontageTimeline.Build(plan, clips, fits, options.FitPolicy, options.Size, soundtrack);
            RenderResult render = await new Renderer(options.EffectiveRender).RenderAsync(timeline, outputPath, progress, cancellationToken).ConfigureAwait(false);
            CutVerificationReport? report = options.Verify
                ? await RenderVerification.VerifyWithDetectorAsync(render.OutputPath, plan, options.Detector, 2, kit, cancellationToken).ConfigureAwait(false)
                : null;
            return new MontageResult { Plan = plan, Fits = fits, Render = render, Verification = report };
        }
        finally
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
    }
}

/// <summary>Writes a montage's soundtrack: the song's section, with clip sound mixed under it when asked.</summary>
internal static class MontageAudio
{
    public static async Task WriteAsync(EditPlan plan, IReadOnlyList<MontageClip> clips, IReadOnlyList<ClipFit> fits, string songPath, MontageOptions options, string outputPath, CancellationToken cancellationToken)
    {
        FFmpegTools tools = FFmpegTools.Locate(options.Render.Options);
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error", "-y" };
        args.AddRange(["-ss", Seconds(plan.SectionStart), "-t", Seconds(plan.Duration), "-i", MediaPath.ExistingInput(songPath, "song")]);
        var filters = new List<string>();
        var labels = new List<string> { "[0:a]" };
        if (options.ClipAudio == ClipAudioMode.Duck)
        {
            int input = 1;
            foreach (EditSegment segment in plan.Segments)
            {
                MontageClip clip = clips[segment.ClipIndex];
                ClipFit fit = fits[segment.Index];
                if (clip.Kind != MontageClipKind.Video || fit.Method == FitMethod.Still
                    || (await MediaProbe.ProbeAsync(clip.Path!, options.Render.Options, cancellationToken).ConfigureAwait(false)).PrimaryAudio is null)
                {
                    continue;
                }

                TimeSpan visible = plan.FrameRate.TimeAt(segment.VisibleFrameCount);
                TimeSpan span = TimeSpan.FromTicks(Math.Min((long)(visible.Ticks * fit.Speed), (fit.ClipLength - fit.InPoint).Ticks));
                args.AddRange(["-ss", Seconds(fit.InPoint), "-t", Seconds(span), "-i", MediaPath.ExistingInput(clip.Path!, "clip")]);
                long delay = (long)Math.Round(plan.FrameRate.SecondsAt(segment.VisibleStartFrame) * 1000);
                filters.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[{input}:a]aresample=48000,{Tempo(fit.Speed)}volume={options.ClipAudioVolume:0.###},adelay={delay}:all=1[c{input}]"));
                labels.Add($"[c{input}]");
                input++;
            }
        }

        filters.Add(string.Create(CultureInfo.InvariantCulture, $"[0:a]aresample=48000[song]"));
        labels[0] = "[song]";
        filters.Add(string.Concat(labels) + string.Create(CultureInfo.InvariantCulture, $"amix=inputs={labels.Count}:duration=first:dropout_transition=0:normalize=0[out]"));
        args.AddRange(["-filter_complex", string.Join(';', filters), "-map", "[out]", "-c:a", "flac", outputPath]);
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken);
        await process.StandardOutput.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            throw new MediaProcessingException($"ffmpeg exited with code {exit} while mixing the montage soundtrack from '{songPath}': {process.LastError()}.", exit, process.StandardErrorTail);
        }
    }

    private static string Tempo(double speed)
    {
        if (Math.Abs(speed - 1) < 1e-6 || speed <= 0)
        {
            return string.Empty;
        }

        // atempo takes 0.5 to 100; chain two for slower speeds.
        return speed >= 0.5
            ? string.Create(CultureInfo.InvariantCulture, $"atempo={speed:0.######},")
            : string.Create(CultureInfo.InvariantCulture, $"atempo={Math.Sqrt(speed):0.######},atempo={Math.Sqrt(speed):0.######},");
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
}
