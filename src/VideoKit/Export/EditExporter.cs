using VideoKit.Projects;

namespace VideoKit.Export;

/// <summary>The edit formats <see cref="EditExporter"/> writes.</summary>
public enum EditFormat
{
    /// <summary>OpenTimelineIO JSON (<c>.otio</c>).</summary>
    Otio,

    /// <summary>Final Cut Pro XML 1.9 (<c>.fcpxml</c>), also imported by DaVinci Resolve and Premiere Pro.</summary>
    Fcpxml,

    /// <summary>MLT XML (<c>.mlt</c>) for Kdenlive and Shotcut, rendered by <c>melt</c>.</summary>
    Mlt,
}

/// <summary>
/// Exports a timeline as an edit an editor opens: the clips with their in and out points, speed changes, dissolves and
/// the song, with every cut on the same frame as in VideoKit's render. Beat montages are expanded into their segments.
/// </summary>
/// <example>
/// <code>
/// ProjectFile project = await ProjectFile.LoadAsync("video.json");
/// await EditExporter.ExportAsync(project, "edit.fcpxml");
/// </code>
/// </example>
public static class EditExporter
{
    /// <summary>The format a file name asks for (.otio, .fcpxml, .mlt), or <see langword="null"/>.</summary>
    /// <param name="path">The output file.</param>
    /// <returns>The format, or <see langword="null"/> for another extension.</returns>
    public static EditFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".otio" => EditFormat.Otio,
        ".fcpxml" => EditFormat.Fcpxml,
        ".mlt" => EditFormat.Mlt,
        _ => null,
    };

    /// <summary>Exports a project's timeline; the format follows the extension of <paramref name="outputPath"/>.</summary>
    /// <param name="project">The project.</param>
    /// <param name="outputPath">The file to write (.otio, .fcpxml or .mlt).</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The output frames where the cuts are, in order (the same frames the render cuts on).</returns>
    /// <exception cref="ArgumentException">The extension is not .otio, .fcpxml or .mlt.</exception>
    /// <exception cref="IOException">The output exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="VideoKitException">The timeline holds a picture generated in code, which an editor cannot open.</exception>
    public static Task<IReadOnlyList<long>> ExportAsync(ProjectFile project, string outputPath, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        return ExportAsync(project.Timeline, outputPath, Path.GetFileNameWithoutExtension(project.Path), project.RenderOptions.Options, overwrite, cancellationToken);
    }

    /// <summary>Exports a timeline; the format follows the extension of <paramref name="outputPath"/>.</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="outputPath">The file to write (.otio, .fcpxml or .mlt).</param>
    /// <param name="name">The edit's name in the editor.</param>
    /// <param name="options">Where FFmpeg lives (clips are probed for beat montages); <see langword="null"/> for the defaults.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The output frames where the cuts are, in order.</returns>
    /// <exception cref="ArgumentException">The extension is not .otio, .fcpxml or .mlt.</exception>
    /// <exception cref="IOException">The output exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="VideoKitException">The timeline holds a picture generated in code, which an editor cannot open.</exception>
    public static async Task<IReadOnlyList<long>> ExportAsync(Timeline timeline, string outputPath, string name, VideoKitOptions? options, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        EditFormat format = FormatOf(outputPath)
            ?? throw new ArgumentException($"'{outputPath}': export writes .otio (OpenTimelineIO), .fcpxml (Final Cut Pro, Resolve, Premiere) or .mlt (Kdenlive, Shotcut).", nameof(outputPath));
        string full = Path.GetFullPath(outputPath);
        if (File.Exists(full) && !overwrite)
        {
            throw new IOException($"'{outputPath}' already exists; set overwrite (CLI: --overwrite) to replace it.");
        }

        options ??= VideoKitOptions.Default;
        long total = timeline.FrameCount ?? 0;
        if (timeline.Duration is null && timeline.SongPath is { } song)
        {
            Media.MediaInfo info = await Media.MediaProbe.ProbeAsync(song, options, cancellationToken).ConfigureAwait(false);
            total = timeline.FrameRate.FrameCountFor(info.Duration > TimeSpan.Zero ? info.Duration : info.PrimaryAudio?.Duration ?? TimeSpan.Zero);
        }

        EditList edit = await EditListBuilder.BuildAsync(timeline, name, total, options, cancellationToken).ConfigureAwait(false);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            await using (FileStream stream = File.Create(temporary))
            {
                switch (format)
                {
                    case EditFormat.Otio:
                        OtioWriter.Write(edit, stream);
                        break;
                    case EditFormat.Fcpxml:
                        FcpxmlWriter.Write(edit, stream);
                        break;
                    default:
                        MltWriter.Write(edit, stream);
                        break;
                }
            }

            File.Move(temporary, full, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }

        return edit.Cuts;
    }
}
