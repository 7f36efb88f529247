using System.Globalization;
using VideoKit.Zoom;
using VideoKit.ZoomQuality;

namespace VideoKit.Benchmarks.Zoom;

/// <summary>
/// <c>-- zoom-quality [photo,photo,…] [WxH] [out=WxH] [feather=F] [fade=F] [scalar] [frames]</c>: PSNR against ground truth (from the photo
/// halved with Lanczos-3, see <see cref="ZoomQualityHarness.LoadAsync"/>) of VideoKit's
/// frames and of the plain two-level reference (<see cref="ZoomQualityHarness"/>) at fractional zoom positions
/// (f = 0.05, 0.25, 0.5, 0.75, 0.95 of every step) for factors 2, 4/3 and 1.6, per photo and factor: mean of each,
/// mean difference and the worst frame's difference (VideoKit − reference).
/// </summary>
internal static class ZoomQualityComparison
{
    private static readonly double[] s_fractions = [0.05, 0.25, 0.5, 0.75, 0.95];

    public static async Task<int> RunAsync(string[] args)
    {
        string[] photos = ["Garden.jpg", "LadyBird.jpg", "Dune.jpg", "RainDrops.jpg", "Storm.jpg"];
        int w = 320, h = 200;
        var options = new ZoomCompositorOptions();
        bool simd = true, frames = false;
        int ow = 0, oh = 0;
        foreach (string arg in args)
        {
            if (arg.Contains(".jpg", StringComparison.OrdinalIgnoreCase) || arg.Contains(".png", StringComparison.OrdinalIgnoreCase))
            {
                photos = arg.Split(',');
            }
            else if (arg.Contains('x', StringComparison.Ordinal) && char.IsDigit(arg[0]))
            {
                string[] p = arg.Split('x');
                (w, h) = (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture));
            }
            else if (arg.StartsWith("feather=", StringComparison.Ordinal))
            {
                options = new ZoomCompositorOptions { FeatherFraction = Parse(arg), FadeFraction = options.FadeFraction };
            }
            else if (arg.StartsWith("fade=", StringComparison.Ordinal))
            {
                options = new ZoomCompositorOptions { FeatherFraction = options.FeatherFraction, FadeFraction = Parse(arg) };
            }
            else if (arg == "scalar")
            {
                simd = false;
            }
            else if (arg.StartsWith("out=", StringComparison.Ordinal))
            {
                string[] p = arg[4..].Split('x');
                (ow, oh) = (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture));
            }
            else if (arg == "frames")
            {
                frames = true;
            }
        }

        string folder = FindImages();
        var all = new Dictionary<string, List<(double Ours, double Ref)>>();
        Console.WriteLine($"{w}×{h} levels, {(ow > 0 ? ow : w)}×{(oh > 0 ? oh : h)} frames, f = {string.Join(", ", s_fractions.Select(f => f.ToString(CultureInfo.InvariantCulture)))} of every step; PSNR (dB) against ground truth");
        Console.WriteLine("| photo | factor | levels | VideoKit | reference | mean diff | worst frame diff (z) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (string photo in photos)
        {
            ZoomQualityHarness harness = await ZoomQualityHarness.LoadAsync(Path.Combine(folder, photo));
            foreach ((string name, double factor) in new[] { ("2", 2.0), ("4/3", 4.0 / 3.0), ("1.6", 1.6) })
            {
                int count = harness.LevelsThatFit(factor, w, h, 5);
                IReadOnlyList<(double Z, double Ours, double Reference)> rows = harness.Measure(factor, count, w, h, s_fractions, options, simd, ow, oh);
                (double Z, double Ours, double Reference) worst = rows.MinBy(r => r.Ours - r.Reference);
                if (frames)
                {
                    Console.WriteLine(string.Join(' ', rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Z:0.##}:{r.Ours - r.Reference:+0.00;-0.00}"))));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {photo} | {name} | {count} | {rows.Average(r => r.Ours):0.00} | {rows.Average(r => r.Reference):0.00} | {rows.Average(r => r.Ours - r.Reference):+0.00;-0.00;0.00} | {worst.Ours - worst.Reference:+0.00;-0.00;0.00} ({worst.Z:0.##}) |"));
                if (!all.TryGetValue(name, out List<(double, double)>? list))
                {
                    all[name] = list = [];
                }

                list.AddRange(rows.Select(r => (r.Ours, r.Reference)));
            }
        }

        foreach ((string name, List<(double Ours, double Ref)> rows) in all)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| all | {name} | | {rows.Average(r => r.Ours):0.00} | {rows.Average(r => r.Ref):0.00} | {rows.Average(r => r.Ours - r.Ref):+0.00;-0.00;0.00} | {rows.Min(r => r.Ours - r.Ref):+0.00;-0.00;0.00} |"));
        }

        return 0;
    }

    private static double Parse(string arg) => double.Parse(arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);

    private static string FindImages()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "data", "images");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine("tests", "data", "images");
    }
}
