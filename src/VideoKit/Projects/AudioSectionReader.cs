using System.Globalization;
using System.Text.Json;
using VideoKit.Audio;
using VideoKit.Media;

namespace VideoKit.Projects;

/// <summary>
/// <c>"audio": { "tracks": [ { "file", "start", "volume", "duck", "fadeIn", "fadeOut" } ], "fadeIn", "fadeOut",
/// "loudness", "truePeak", "songVolume", "clipVolume", "duckDepth" }</c>: the mix. A track that would end after the video
/// is refused here, with both lengths.
/// </summary>
internal sealed class AudioSectionReader : IProjectSectionReader
{
    private static readonly string[] s_fields = ["tracks", "fadeIn", "fadeOut", "loudness", "truePeak", "songVolume", "clipVolume", "duckDepth"];
    private static readonly string[] s_trackFields = ["file", "start", "volume", "duck", "fadeIn", "fadeOut"];

    public string Key => "audio";

    public async Task ReadAsync(ProjectSectionContext context, CancellationToken cancellationToken)
    {
        ProjectReader r = context.Reader;
        JsonElement a = context.Section;
        if (a.ValueKind != JsonValueKind.Object)
        {
            r.Problem("audio", $"must be an object such as {{ \"tracks\": [ {{ \"file\": \"voice.wav\", \"start\": 3, \"duck\": true }} ], \"loudness\": -14 }} (is {ProjectReader.Describe(a)})");
            return;
        }

        int before = r.Problems.Count;
        r.CheckFields(a, "audio", s_fields);
        var tracks = new List<AudioTrack>();
        if (a.TryGetProperty("tracks", out JsonElement list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                r.Problem("audio.tracks", $"must be an array (is {ProjectReader.Describe(list)})");
            }
            else
            {
                int i = 0;
                foreach (JsonElement t in list.EnumerateArray())
                {
                    string p = string.Create(CultureInfo.InvariantCulture, $"audio.tracks[{i++}]");
                    if (t.ValueKind != JsonValueKind.Object)
                    {
                        r.Problem(p, $"must be an object such as {{ \"file\": \"voice.wav\", \"start\": 3 }} (is {ProjectReader.Describe(t)})");
                        continue;
                    }

                    r.CheckFields(t, p, s_trackFields);
                    string? file = r.GetFile(t, p, "file", "an audio file", required: true);
                    tracks.Add(new AudioTrack
                    {
                        Path = file ?? string.Empty,
                        Start = r.GetTime(t, p, "start") ?? TimeSpan.Zero,
                        Volume = WordsValues.GetNumber(r, t, p, "volume", 0, 16) ?? 1,
                        Duck = WordsValues.GetBool(r, t, p, "duck") ?? false,
                        FadeIn = r.GetTime(t, p, "fadeIn") ?? TimeSpan.Zero,
                        FadeOut = r.GetTime(t, p, "fadeOut") ?? TimeSpan.Zero,
                    });
                }
            }
        }

        // "loudness": a target in LUFS, or false to leave the levels as mixed.
        double? loudness = -14;
        if (a.TryGetProperty("loudness", out JsonElement l) && l.ValueKind == JsonValueKind.False)
        {
            loudness = null;
        }
        else
        {
            loudness = WordsValues.GetNumber(r, a, "audio", "loudness", -70, -5) ?? -14;
        }

        var mix = new AudioMix
        {
            Tracks = tracks,
            FadeIn = r.GetTime(a, "audio", "fadeIn") ?? TimeSpan.Zero,
            FadeOut = r.GetTime(a, "audio", "fadeOut") ?? TimeSpan.Zero,
            Loudness = loudness,
            TruePeak = WordsValues.GetNumber(r, a, "audio", "truePeak", -9, 0) ?? -1,
            SongVolume = WordsValues.GetNumber(r, a, "audio", "songVolume", 0, 16) ?? 1,
            ClipVolume = WordsValues.GetNumber(r, a, "audio", "clipVolume", 0, 16),
            DuckDepth = WordsValues.GetNumber(r, a, "audio", "duckDepth", 1, 40) ?? 15,
        };
        if (r.Problems.Count > before)
        {
            return;
        }

        foreach (string problem in mix.Validate())
        {
            int colon = problem.IndexOf(": ", StringComparison.Ordinal);
            r.Problem(problem[..colon], problem[(colon + 2)..]);
        }

        await CheckLengthsAsync(r, context, mix, cancellationToken).ConfigureAwait(false);
        context.Builder.Inner.WithAudio(mix);
    }

    /// <summary>Every track must end within the video: its start plus its length against the explicit duration or the song's length.</summary>
    private static async Task CheckLengthsAsync(ProjectReader r, ProjectSectionContext context, AudioMix mix, CancellationToken cancellationToken)
    {
        TimeSpan? video = context.Root.TryGetProperty("duration", out JsonElement d) && ProjectReader.TryParseTime(d, out TimeSpan explicitLength) ? explicitLength : null;
        try
        {
            if (video is null && context.SongPath is { } song && File.Exists(song))
            {
                MediaInfo info = await MediaProbe.ProbeAsync(song, r.Options, cancellationToken).ConfigureAwait(false);
                video = info.Duration > TimeSpan.Zero ? info.Duration : info.PrimaryAudio?.Duration;
            }

            for (int i = 0; i < mix.Tracks.Count; i++)
            {
                AudioTrack t = mix.Tracks[i];
                string p = string.Create(CultureInfo.InvariantCulture, $"audio.tracks[{i}].file");
                MediaInfo info = await MediaProbe.ProbeAsync(t.Path, r.Options, cancellationToken).ConfigureAwait(false);
                if (info.PrimaryAudio is null)
                {
                    r.Problem(p, $"'{t.Path}' has no sound");
                    continue;
                }

                TimeSpan length = info.Duration > TimeSpan.Zero ? info.Duration : info.PrimaryAudio.Duration;
                if (video is { } v && t.Start + length > v + TimeSpan.FromMilliseconds(20))
                {
                    r.Problem(p, string.Create(CultureInfo.InvariantCulture,
                        $"'{Path.GetFileName(t.Path)}' is {length.TotalSeconds:0.###} s long and starts at {t.Start.TotalSeconds:0.###} s, so it would end at {(t.Start + length).TotalSeconds:0.###} s, after the video ({v.TotalSeconds:0.###} s); start it earlier, shorten it, or lengthen the video"));
                }
            }
        }
        catch (UnsupportedMediaException ex)
        {
            r.Problem("audio", ex.Message);
        }
    }
}
