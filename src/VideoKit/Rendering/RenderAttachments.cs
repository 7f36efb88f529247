using VideoKit.Audio;
using VideoKit.Text;

namespace VideoKit.Rendering;

/// <summary>
/// What a render needs besides the frames: the timeline's text written as an ASS script for libass, and its audio mix
/// rendered to a temporary file that FFmpeg muxes instead of the raw song. Both live in the temporary folder and are
/// deleted when the render ends, however it ends.
/// </summary>
internal sealed class RenderAttachments : IAsyncDisposable
{
    private readonly List<string> _temporary = [];

    private RenderAttachments()
    {
    }

    /// <summary>The sound to mux: the mix, the song, or <see langword="null"/> for a silent video.</summary>
    public string? AudioPath { get; private set; }

    /// <summary>The scripts to burn in.</summary>
    public IReadOnlyList<string> Subtitles { get; private set; } = [];

    /// <summary>The fonts folder for libass.</summary>
    public string? FontsFolder { get; private set; }

    /// <summary>Families the user's ASS file names that libass will not find (it substitutes them), as warnings.</summary>
    public IReadOnlyList<string> FontWarnings { get; private set; } = [];

    /// <summary>Writes the text script (unless <paramref name="writeText"/> is false) and mixes the audio (unless
    /// <paramref name="mixAudio"/> is false: a segment has no sound).</summary>
    public static async Task<RenderAttachments> PrepareAsync(Timeline timeline, TimeSpan duration, VideoKitOptions options, CancellationToken cancellationToken, bool mixAudio = true, bool writeText = true)
    {
        var result = new RenderAttachments { AudioPath = timeline.SongPath };
        try
        {
            string folder = options.GetTemporaryFolder();
            string stem = "videokit-" + Guid.NewGuid().ToString("N")[..12];
            if (writeText && timeline.Text is { IsEmpty: false } text)
            {
                text.ThrowIfInvalid();
                var scripts = new List<string>();
                if (text.Captions.Count > 0 || text.Overlays.Count > 0)
                {
                    string ass = Path.Combine(folder, stem + ".ass");
                    result._temporary.Add(ass);
                    await File.WriteAllTextAsync(ass, AssWriter.Write(text, timeline.Resolution), new System.Text.UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
                    scripts.Add(ass);
                }

                if (text.AssFile is not null)
                {
                    scripts.Add(text.AssFile);
                    result.FontWarnings = AssFonts.Warnings(text.AssFile, text.FontsFolder);
                }

                result.Subtitles = scripts;
                result.FontsFolder = text.FontsFolder;
            }

            if (mixAudio && timeline.Audio is { } mix)
            {
                string wav = Path.Combine(folder, stem + ".mix.wav");
                result._temporary.Add(wav);
                AudioMixer.ClipAudio[] clips = [.. timeline.Items
                    .Where(i => i.Kind == TimelineItemKind.Video && i.Path is not null)
                    .Select(i => new AudioMixer.ClipAudio(i.Path!, i.Start, i.InPoint, i.Duration))];
                await AudioMixer.MixCoreAsync(mix, timeline.SongPath, clips, duration, wav, options, cancellationToken).ConfigureAwait(false);
                result.AudioPath = wav;
            }

            return result;
        }
        catch
        {
            await result.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (string path in _temporary)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }
}
