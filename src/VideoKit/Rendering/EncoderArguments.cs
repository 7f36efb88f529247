using System.Globalization;
using FFMpegCore;
using FFMpegCore.Arguments;
using FFMpegCore.Pipes;

using VideoKit.Rendering.Segments;

namespace VideoKit.Rendering;

/// <summary>The raw layout of the frames VideoKit sends down the pipe.</summary>
internal enum TransportFormat
{
    /// <summary>Planar 4:2:0, converted by VideoKit (1.5 bytes per pixel).</summary>
    Yuv420p,

    /// <summary>RGBA as composed (4 bytes per pixel); FFmpeg converts.</summary>
    Rgba,
}

/// <summary>Builds (and checks) the FFmpeg arguments of an encode: codec presets, colour tags, audio mapping.</summary>
internal static class EncoderArguments
{
    private static readonly string[] s_x26xPresets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];
    private static readonly string[] s_vp9Deadlines = ["realtime", "good", "best"];
    private static readonly string[] s_proResProfiles = ["proxy", "lt", "standard", "hq", "4444", "4444xq"];

    public static string DefaultPixelFormat(VideoCodec codec) => codec switch
    {
        VideoCodec.ProRes => "yuv422p10le",
        VideoCodec.Ffv1 => "bgr0",
        _ => "yuv420p",
    };

    public static string PixelFormat(VideoEncoderSettings s) => s.PixelFormat ?? DefaultPixelFormat(s.Codec);

    public static TransportFormat Transport(VideoEncoderSettings s) =>
        PixelFormat(s) == "yuv420p" ? TransportFormat.Yuv420p : TransportFormat.Rgba;

    public static int FrameBytes(VideoEncoderSettings s) => Transport(s) == TransportFormat.Yuv420p
        ? YuvConverter.FrameSize(s.Size.Width, s.Size.Height)
        : s.Size.Width * s.Size.Height * 4;

    /// <summary>Every problem with a codec's quality, preset and pixel format, as (property, message); empty when fine.</summary>
    public static List<(string Field, string Message)> Problems(VideoCodec codec, int? crf, string? preset, string? pixelFormat)
    {
        var problems = new List<(string, string)>();
        var probe = new VideoEncoderSettings { Size = new Resolution(2, 2), FrameRate = FrameRate.Fps30, Codec = codec };
        void Try(string field, VideoEncoderSettings settings)
        {
            try
            {
                Validate(settings);
            }
            catch (ArgumentException ex)
            {
                problems.Add((field, ex.Message.Split(" (Parameter", 2)[0]));
            }
        }

        Try("Crf", new VideoEncoderSettings { Size = probe.Size, FrameRate = probe.FrameRate, Codec = codec, Crf = crf });
        Try("Preset", new VideoEncoderSettings { Size = probe.Size, FrameRate = probe.FrameRate, Codec = codec, Preset = preset });
        Try("PixelFormat", new VideoEncoderSettings { Size = probe.Size, FrameRate = probe.FrameRate, Codec = codec, PixelFormat = pixelFormat });
        return problems;
    }

    /// <summary>Checks the settings; throws <see cref="ArgumentException"/> naming the bad value and the allowed ones.</summary>
    public static void Validate(VideoEncoderSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Size.IsEmpty)
        {
            throw new ArgumentException("The encoder's frame size is not set.", nameof(s));
        }

        if (s.FrameRate.IsEmpty)
        {
            throw new ArgumentException("The encoder's frame rate is not set.", nameof(s));
        }

        if (!Enum.IsDefined(s.Codec))
        {
            throw new ArgumentException($"'{s.Codec}' is not a codec; use H264, H265, Vp9, ProRes or Ffv1.", nameof(s));
        }

        (int max, string[]? presets, string what) = s.Codec switch
        {
            VideoCodec.H264 or VideoCodec.H265 => (51, s_x26xPresets, "preset"),
            VideoCodec.Vp9 => (63, s_vp9Deadlines, "deadline"),
            VideoCodec.ProRes => (-1, s_proResProfiles, "profile"),
            _ => (-1, null, "preset"),
        };
        if (s.Crf is int crf)
        {
            if (max < 0)
            {
                throw new ArgumentException($"CRF does not apply to {s.Codec}; leave it unset.", nameof(s));
            }

            if (crf < 0 || crf > max)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"CRF {crf} is out of range for {s.Codec}: use 0 to {max}."), nameof(s));
            }
        }

        if (s.Preset is string preset)
        {
            if (presets is null)
            {
                throw new ArgumentException($"A preset does not apply to {s.Codec}; leave it unset.", nameof(s));
            }

            if (Array.IndexOf(presets, preset) < 0)
            {
                throw new ArgumentException($"'{preset}' is not a {s.Codec} {what}; use one of: {string.Join(", ", presets)}.", nameof(s));
            }
        }

        if (s.PixelFormat is string pf && (pf.Length == 0 || !pf.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            throw new ArgumentException($"'{pf}' is not a pixel format name (such as yuv420p).", nameof(s));
        }
    }

    /// <summary>The containers VideoKit writes, and the codecs each can hold (with the audio VideoKit pairs with the codec).</summary>
    private static readonly (string Extension, VideoCodec[] Codecs)[] s_containers =
    [
        (".mp4", [VideoCodec.H264, VideoCodec.H265, VideoCodec.Vp9]),
        (".mov", [VideoCodec.H264, VideoCodec.H265, VideoCodec.ProRes]),
        (".m4v", [VideoCodec.H264]),
        (".mkv", [VideoCodec.H264, VideoCodec.H265, VideoCodec.Vp9, VideoCodec.ProRes, VideoCodec.Ffv1]),
        (".webm", [VideoCodec.Vp9]),
    ];

    /// <summary>
    /// Checks that the output's extension is a container VideoKit writes and that it can hold <paramref name="codec"/>,
    /// before FFmpeg starts (its own message would name the temporary file and only its last line).
    /// </summary>
    /// <exception cref="ArgumentException">The extension is unknown or cannot hold the codec; the message names the output.</exception>
    public static void CheckContainer(string outputPath, VideoCodec codec, PlatformPreset? platform = null)
    {
        string extension = Path.GetExtension(outputPath).ToLowerInvariant();
        if (platform == PlatformPreset.Gif && extension == ".gif")
        {
            return;
        }

        int index = Array.FindIndex(s_containers, c => c.Extension == extension);
        if (index < 0)
        {
            string what = extension.Length == 0 ? "has no extension" : "has an extension FFmpeg cannot write video to";
            throw new ArgumentException($"'{outputPath}' {what}; use .mp4, .mov, .mkv or .webm.", nameof(outputPath));
        }

        if (Array.IndexOf(s_containers[index].Codecs, codec) < 0)
        {
            string[] fitting = [.. s_containers.Where(c => Array.IndexOf(c.Codecs, codec) >= 0).Select(c => c.Extension)];
            string[] codecs = [.. s_containers[index].Codecs.Select(c => c.ToString().ToLowerInvariant())];
            throw new ArgumentException(
                $"'{outputPath}': a {extension} file cannot hold {codec} video; write {codec} to {string.Join(" or ", fitting)}, or use {string.Join(", ", codecs)} for {extension}.",
                nameof(outputPath));
        }
    }

    /// <summary>The raw input description for the pipe (what FFmpeg reads before <c>-i</c>).</summary>
    public static string PipeInput(VideoEncoderSettings s)
    {
        string size = s.Size.ToString();
        return Transport(s) == TransportFormat.Yuv420p
            ? $"-f rawvideo -pix_fmt yuv420p -s {size} -framerate {s.FrameRate} -color_range tv -colorspace bt709 -color_primaries bt709 -color_trc bt709"
            : $"-f rawvideo -pix_fmt rgba -s {size} -framerate {s.FrameRate}";
    }

    /// <summary>Options placed before the audio input.</summary>
    public static IReadOnlyList<string> AudioInput(VideoEncoderSettings s) =>
        s.AudioDuration is { } d ? ["-t", d.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture)] : [];

    /// <summary>The output options (codec, quality, pixel format, colour tags, mapping, audio codec), before the path.</summary>
    public static IReadOnlyList<string> Output(VideoEncoderSettings s, bool hasAudio, string extension)
    {
        if (s.Platform == PlatformPreset.Gif)
        {
            // The palette filter graph picks the pixel format; a GIF has no sound and no colour tags.
            return ["-nostats", "-y", .. PlatformPresets.VideoArguments(PlatformPreset.Gif, s.Size, s.FrameRate, hardware: false), "-c:v", "gif"];
        }

        var args = new List<string> { "-nostats", "-y", "-map", "0:v:0" };
        if (hasAudio)
        {
            args.AddRange(["-map", "1:a:0"]);
        }

        string pixelFormat = PixelFormat(s);
        string c(int value) => value.ToString(CultureInfo.InvariantCulture);
        switch (s.Codec)
        {
            case VideoCodec.H264 or VideoCodec.H265 when s.HardwareEncoder is { } hardware:
                args.AddRange(["-c:v", hardware]);
                args.AddRange(HardwareEncoders.QualityArguments(hardware, s.Crf ?? (s.Codec == VideoCodec.H264 ? 20 : 24)));
                break;
            case VideoCodec.H264:
                args.AddRange(["-c:v", "libx264", "-preset", s.Preset ?? "medium", "-crf", c(s.Crf ?? 20)]);
                break;
            case VideoCodec.H265:
                args.AddRange(["-c:v", "libx265", "-preset", s.Preset ?? "medium", "-crf", c(s.Crf ?? 24), "-x265-params", "log-level=error" + (s.KeyframeInterval is int k ? KeyframeGrid.X265Parameters(k) : string.Empty)]);
                break;
            case VideoCodec.Vp9:
                args.AddRange(["-c:v", "libvpx-vp9", "-crf", c(s.Crf ?? 32), "-b:v", "0", "-deadline", s.Preset ?? "good", "-cpu-used", "4", "-row-mt", "1"]);
                break;
            case VideoCodec.ProRes:
                args.AddRange(["-c:v", "prores_ks", "-profile:v", c(Array.IndexOf(s_proResProfiles, s.Preset ?? "hq")), "-vendor", "apl0"]);
                break;
            case VideoCodec.Ffv1:
                args.AddRange(["-c:v", "ffv1", "-level", "3", "-g", "1"]);
                break;
        }

        if (s.KeyframeInterval is int interval && s.HardwareEncoder is null)
        {
            args.AddRange(KeyframeGrid.Arguments(s.Codec, interval));
        }

        if (s.Segment is { } segment)
        {
            args.AddRange(segment.MetadataArguments);
        }

        if (s.Platform is { } platform)
        {
            args.AddRange(PlatformPresets.VideoArguments(platform, s.Size, s.FrameRate, s.HardwareEncoder is not null, s.MaxBitrateKbps));
        }
        else if (s.MaxBitrateKbps is int kbps && s.Codec is VideoCodec.H264 or VideoCodec.H265)
        {
            // The caller's cap: VBV maxrate with two seconds of buffer (CRF still sets the quality under it).
            args.AddRange(["-maxrate", c(kbps) + "k", "-bufsize", c(kbps * 2) + "k"]);
        }

        if (s.HardwareEncoder is { } device && HardwareEncoders.DeviceArguments(device) is { Count: > 0 } deviceArgs)
        {
            args.AddRange(deviceArgs);
            return AddAudioAndFlags(args, s, hasAudio, extension);
        }

        bool yuvOutput = pixelFormat.StartsWith("yuv", StringComparison.Ordinal);
        var filters = new List<string>();
        if (s.Subtitles.Count > 0 && s.SubtitleOffset > TimeSpan.Zero)
        {
            // A segment's frames start at 0: shift them to the video's clock for libass, then back. setpts truncates
            // its result to a whole tick, so the offset in ticks is rounded: 100 frames at 30 fps is 3.333333 s, and
            // 3.333333 × 30 = 99.99999 would put the segment's text one frame early.
            filters.Add(string.Create(CultureInfo.InvariantCulture, $"setpts=PTS+round({s.SubtitleOffset.TotalSeconds:0.#########}/TB)"));
        }

        foreach (string script in s.Subtitles)
        {
            filters.Add(Text.SubtitleFilter.Build(script, s.FontsFolder));   // libass burns the text in
        }

        if (s.Subtitles.Count > 0 && s.SubtitleOffset > TimeSpan.Zero)
        {
            filters.Add("setpts=PTS-STARTPTS");
        }

        if (Transport(s) == TransportFormat.Rgba && yuvOutput)
        {
            // FFmpeg converts: say which matrix and range, or swscale falls back to BT.601.
            filters.Add($"scale=out_color_matrix=bt709:out_range=tv:flags=bicubic,format={pixelFormat}");
        }

        if (filters.Count > 0)
        {
            args.AddRange(["-vf", string.Join(',', filters)]);
        }

        args.AddRange(["-pix_fmt", pixelFormat]);
        if (yuvOutput)
        {
            args.AddRange(["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]);
        }

        if (s.Codec == VideoCodec.H265 && extension is ".mp4" or ".mov" or ".m4v")
        {
            args.AddRange(["-tag:v", "hvc1"]);
        }

        return AddAudioAndFlags(args, s, hasAudio, extension);
    }

    private static List<string> AddAudioAndFlags(List<string> args, VideoEncoderSettings s, bool hasAudio, string extension)
    {
        if (hasAudio && s.Platform is { } platform && PlatformPresets.AudioArguments(platform) is { } audio)
        {
            args.AddRange(audio);
        }
        else if (hasAudio)
        {
            args.AddRange(AudioCodec(s.Codec));
        }

        if (extension is ".mp4" or ".mov" or ".m4v")
        {
            args.AddRange(["-movflags", s.Segment is null ? "+faststart" : "+faststart+use_metadata_tags"]);
        }

        return args;
    }

    /// <summary>The FFmpeg encoder a codec is written with in software.</summary>
    public static string EncoderName(VideoCodec codec) => codec switch
    {
        VideoCodec.H264 => "libx264",
        VideoCodec.H265 => "libx265",
        VideoCodec.Vp9 => "libvpx-vp9",
        VideoCodec.ProRes => "prores_ks",
        _ => "ffv1",
    };

    /// <summary>The audio codec VideoKit pairs with a video codec.</summary>
    public static string[] AudioCodec(VideoCodec codec) => codec switch
    {
        VideoCodec.Vp9 => ["-c:a", "libopus", "-b:a", "160k"],
        VideoCodec.ProRes => ["-c:a", "pcm_s16le"],
        VideoCodec.Ffv1 => ["-c:a", "flac"],
        _ => ["-c:a", "aac", "-b:a", "192k"],
    };

    /// <summary>The whole FFMpegCore command: the pipe, the audio file, the output file.</summary>
    public static FFMpegArgumentProcessor Create(VideoEncoderSettings s, IPipeSource pipe, string? audioFullPath, string outputFullPath) =>
        Create(s, new InputPipeArgument(pipe), audioFullPath, outputFullPath);

    /// <summary>The whole FFMpegCore command around a pipe argument the caller opens, feeds and closes.</summary>
    public static FFMpegArgumentProcessor Create(VideoEncoderSettings s, InputPipeArgument pipe, string? audioFullPath, string outputFullPath)
    {
        FFMpegArguments arguments = FFMpegArguments.FromInput(pipe);
        if (audioFullPath is not null)
        {
            IReadOnlyList<string> audioOptions = AudioInput(s);
            arguments = arguments.AddInput(new QuotedFileInput(audioFullPath), o =>
            {
                if (audioOptions.Count > 0)
                {
                    o.WithCustomArgument(ArgumentQuoting.Join(audioOptions));
                }
            });
        }

        IReadOnlyList<string> output = Output(s, audioFullPath is not null, Path.GetExtension(outputFullPath).ToLowerInvariant());
        return arguments.OutputTo(new QuotedFileOutput(outputFullPath), o => o.WithCustomArgument(ArgumentQuoting.Join(output)));
    }
}
