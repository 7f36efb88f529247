using System.Diagnostics.CodeAnalysis;

namespace VideoKit.Benchmarks;

/// <summary>
/// Named whole-program comparisons against a reference tool, run in one process:
/// <c>dotnet run -c Release --project benchmarks/VideoKit.Benchmarks -- NAME</c>.
/// Each area adds its own entry here.
/// </summary>
internal static class Comparisons
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> s_commands = new(StringComparer.Ordinal)
    {
        ["render-vs-encode"] = Rendering.RenderVsEncode.RunAsync,
        ["render-stages"] = Rendering.RenderStages.RunAsync,
        ["interpolate-vs-ffmpeg"] = Interpolation.InterpolateVsFFmpeg.RunAsync,
        ["interpolate-quality"] = Interpolation.InterpolateQuality.RunAsync,
        ["interpolate-trajectory-probe"] = Interpolation.TrajectoryProbe.RunAsync,
        ["beat-accuracy"] = Rhythm.BeatAccuracyCommand.RunAsync,
        ["rhythm-speed"] = Rhythm.RhythmSpeedCommand.RunAsync,
        ["resample-cpu"] = Imaging.ResampleCpuComparison.RunAsync,
        ["zoom-speed"] = Zoom.ZoomSpeedComparison.RunAsync,
        ["montage-vs-concat"] = Editing.MontageVsConcat.RunAsync,
        ["zoom-quality"] = Zoom.ZoomQualityComparison.RunAsync,
    };

    public static bool TryGet(string name, [NotNullWhen(true)] out Func<string[], Task<int>>? command) =>
        s_commands.TryGetValue(name, out command);
}
