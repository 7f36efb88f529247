using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>The encoder a render uses, and why.</summary>
/// <param name="Name">The FFmpeg encoder, such as <c>libx264</c> or <c>h264_nvenc</c>.</param>
/// <param name="Backend">Software or the hardware family used.</param>
/// <param name="Reason">One sentence: why this encoder (asked for, found by auto, or the fall-back and what failed).</param>
/// <param name="FellBack">True when a hardware encoder was asked for (or auto found none) and software is used instead.</param>
internal sealed record EncoderSelection(string Name, EncoderBackend Backend, string Reason, bool FellBack)
{
    public bool IsHardware => Backend is not EncoderBackend.Software;
}

/// <summary>
/// Finds the hardware encoders FFmpeg was built with (<c>ffmpeg -encoders</c>) and whether each works on this machine
/// (a 0.1 s trial encode of a black frame: a listed encoder without its driver or device fails here, not mid-render).
/// Results are cached per FFmpeg executable for the life of the process.
/// </summary>
internal static class HardwareEncoders
{
    /// <summary>The order <see cref="EncoderBackend.Auto"/> tries.</summary>
    public static readonly EncoderBackend[] AutoOrder = [EncoderBackend.Nvenc, EncoderBackend.Vaapi, EncoderBackend.Qsv];

    /// <summary>The render node VAAPI uses.</summary>
    public const string VaapiDevice = "/dev/dri/renderD128";

    private static readonly ConcurrentDictionary<string, Task<IReadOnlySet<string>>> s_listed = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string, string), Task<string?>> s_trials = new();

    /// <summary>The FFmpeg encoder name of a backend for a codec, or <see langword="null"/> when the codec has none.</summary>
    public static string? EncoderName(EncoderBackend backend, VideoCodec codec)
    {
        string? family = codec switch { VideoCodec.H264 => "h264", VideoCodec.H265 => "hevc", _ => null };
        return (family, backend) switch
        {
            (null, _) => null,
            (_, EncoderBackend.Software) => codec == VideoCodec.H264 ? "libx264" : "libx265",
            (_, EncoderBackend.Nvenc) => family + "_nvenc",
            (_, EncoderBackend.Vaapi) => family + "_vaapi",
            (_, EncoderBackend.Qsv) => family + "_qsv",
            _ => null,
        };
    }

    /// <summary>Parses the output of <c>ffmpeg -encoders</c>: the names of the video encoders.</summary>
    public static IReadOnlySet<string> ParseEncoderList(string text) =>
        FFmpegListing.Rows(text).Where(row => row[0].Length == 6 && row[0][0] == 'V').Select(row => row[1]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The video encoders this FFmpeg lists.</summary>
    public static Task<IReadOnlySet<string>> ListAsync(VideoKitOptions options, CancellationToken cancellationToken)
    {
        string ffmpeg = FFmpegTools.Locate(options).FFmpegPath;
        return s_listed.GetOrAdd(ffmpeg, path => ListCoreAsync(path, CancellationToken.None)).WaitAsync(cancellationToken);
    }

    private static async Task<IReadOnlySet<string>> ListCoreAsync(string ffmpeg, CancellationToken cancellationToken)
    {
        (int exit, string stdout, _) = await RunAsync(ffmpeg, ["-hide_banner", "-encoders"], cancellationToken).ConfigureAwait(false);
        return exit == 0 ? ParseEncoderList(stdout) : new HashSet<string>();
    }

    /// <summary>The FFmpeg arguments that make a hardware encoder take VideoKit's frames (device, upload), placed with the output options.</summary>
    public static IReadOnlyList<string> DeviceArguments(string encoder) => encoder.EndsWith("_vaapi", StringComparison.Ordinal)
        ? ["-init_hw_device", "vaapi=vk:" + VaapiDevice, "-filter_hw_device", "vk", "-vf", "format=nv12,hwupload"]
        : encoder.EndsWith("_qsv", StringComparison.Ordinal) ? ["-pix_fmt", "nv12"] : [];

    /// <summary>The quality arguments of a hardware encoder for a CRF-like value.</summary>
    public static IReadOnlyList<string> QualityArguments(string encoder, int crf)
    {
        string q = crf.ToString(CultureInfo.InvariantCulture);
        return encoder switch
        {
            _ when encoder.EndsWith("_nvenc", StringComparison.Ordinal) => ["-preset", "p5", "-rc", "vbr", "-cq", q, "-b:v", "0"],
            _ when encoder.EndsWith("_vaapi", StringComparison.Ordinal) => ["-rc_mode", "CQP", "-qp", q],
            _ => ["-global_quality", q],
        };
    }

    /// <summary>Tries a 0.1 s encode with <paramref name="encoder"/>; <see langword="null"/> when it works, else FFmpeg's reason.</summary>
    public static Task<string?> TrialAsync(string encoder, VideoKitOptions options, CancellationToken cancellationToken)
    {
        string ffmpeg = FFmpegTools.Locate(options).FFmpegPath;
        return s_trials.GetOrAdd((ffmpeg, encoder), key => TrialCoreAsync(key.Item1, key.Item2, CancellationToken.None)).WaitAsync(cancellationToken);
    }

    private static async Task<string?> TrialCoreAsync(string ffmpeg, string encoder, CancellationToken cancellationToken)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=256x144:r=30:d=0.1" };
        args.AddRange(DeviceArguments(encoder));
        args.AddRange(["-c:v", encoder, "-f", "null", "-"]);
        (int exit, _, string stderr) = await RunAsync(ffmpeg, args, cancellationToken).ConfigureAwait(false);
        if (exit == 0)
        {
            return null;
        }

        string last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.Length > 0) ?? "no error output";
        return string.Create(CultureInfo.InvariantCulture, $"the trial encode failed (exit {exit}: {last})");
    }

    /// <summary>Chooses the encoder for a render: what was asked, if it works; else software, with the reason.</summary>
    public static async Task<EncoderSelection> SelectAsync(VideoCodec codec, EncoderBackend requested, VideoKitOptions options, CancellationToken cancellationToken)
    {
        string? software = EncoderName(EncoderBackend.Software, codec);
        if (software is null)
        {
            string name = EncoderArguments.EncoderName(codec);
            return requested == EncoderBackend.Software
                ? new EncoderSelection(name, EncoderBackend.Software, $"{codec} is encoded in software ({name}).", false)
                : new EncoderSelection(name, EncoderBackend.Software, $"hardware encoding applies to H.264 and H.265 only; {codec} is encoded with {name}.", true);
        }

        if (requested == EncoderBackend.Software)
        {
            return new EncoderSelection(software, EncoderBackend.Software, $"software encoding ({software}) was asked for.", false);
        }

        IReadOnlySet<string> listed = await ListAsync(options, cancellationToken).ConfigureAwait(false);
        EncoderBackend[] candidates = requested == EncoderBackend.Auto ? AutoOrder : [requested];
        var failures = new List<string>();
        foreach (EncoderBackend backend in candidates)
        {
            string name = EncoderName(backend, codec)!;
            if (!listed.Contains(name))
            {
                failures.Add($"{name} is not in this FFmpeg build");
                continue;
            }

            if (backend == EncoderBackend.Vaapi && !File.Exists(VaapiDevice))
            {
                failures.Add($"{name}: no render device {VaapiDevice}");
                continue;
            }

            if (await TrialAsync(name, options, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                failures.Add($"{name}: {failure}");
                continue;
            }

            string why = requested == EncoderBackend.Auto ? $"auto found {name} working" : $"{name} was asked for and works";
            return new EncoderSelection(name, backend, why + ".", false);
        }

        string asked = requested == EncoderBackend.Auto ? "no hardware encoder works here" : $"{EncoderName(requested, codec)} is not available";
        return new EncoderSelection(software, EncoderBackend.Software, $"{asked} ({string.Join("; ", failures)}); using software {software}.", true);
    }

    internal static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string ffmpeg, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process process = Process.Start(psi) ?? throw new FFmpegNotFoundException($"Could not start '{ffmpeg}'.");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30)); // a hung driver must not hang the render
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return (-1, string.Empty, "timed out after 30 s");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
