using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Zoom;

/// <summary>
/// A zoom-out image sequence: levels ordered innermost first, each a zoomed-out copy of the previous one (level k+1
/// shows level k shrunk by the step's zoom factor near its centre). All levels have the same size. Owns its frames.
/// </summary>
public sealed class ZoomSequence : IDisposable
{
    private static readonly string[] s_imageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff"];
    private readonly Frame[] _levels;
    private readonly string[] _names;
    private readonly double?[] _factors;

    private ZoomSequence(Frame[] levels, string[] names, double?[] factors)
    {
        _levels = levels;
        _names = names;
        _factors = factors;
    }

    /// <summary>The number of levels.</summary>
    public int Count => _levels.Length;

    /// <summary>The width of every level in pixels.</summary>
    public int Width => _levels[0].Width;

    /// <summary>The height of every level in pixels.</summary>
    public int Height => _levels[0].Height;

    /// <summary>The levels, innermost (level 0) first.</summary>
    public IReadOnlyList<Frame> Levels => _levels;

    /// <summary>A name per level for messages: the file path, or "level N" for in-memory levels.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>
    /// The nominal zoom factor of each step (element k−1 is the factor from level k−1 to level k), or
    /// <see langword="null"/> where the factor is unknown and alignment estimates it.
    /// </summary>
    public IReadOnlyList<double?> Factors => _factors;

    /// <summary>Loads every image in a folder (PNG, JPEG, WebP, BMP, TIFF), in natural order of file names, as the levels.</summary>
    /// <param name="folder">The folder holding the levels, innermost first by name ("1.png", "2.png", …, "10.png").</param>
    /// <param name="zoomFactor">The zoom factor of every step (2 for Midjourney's 2×, 4/3 for its "1.5×"), or <see langword="null"/> to estimate it.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the loading.</param>
    /// <returns>The sequence; dispose it to release the pixels.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ZoomSequenceException">The folder holds fewer than two images, or the images differ in size.</exception>
    /// <exception cref="UnsupportedMediaException">A file is not an image FFmpeg can read.</exception>
    public static Task<ZoomSequence> LoadAsync(string folder, double? zoomFactor = null, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The zoom level folder '{folder}' does not exist.");
        }

        string[] files = FindLevels(folder);
        if (files.Length < 2)
        {
            throw new ZoomSequenceException($"The zoom level folder '{folder}' holds {files.Length} image(s); a zoom sequence needs at least two (PNG, JPEG, WebP, BMP or TIFF).");
        }

        return LoadAsync(files, zoomFactor is null ? null : Enumerable.Repeat(zoomFactor, files.Length - 1), options, cancellationToken);
    }

    /// <summary>
    /// Loads a folder's levels for rendering at <paramref name="output"/>: levels larger than the output needs are scaled
    /// down while FFmpeg decodes them (see <see cref="NeededSize"/>), all to the same size so they stay aligned.
    /// </summary>
    internal static Task<ZoomSequence> LoadForOutputAsync(string folder, double? zoomFactor, Resolution output, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The zoom level folder '{folder}' does not exist.");
        }

        string[] files = FindLevels(folder);
        if (files.Length < 2)
        {
            throw new ZoomSequenceException($"The zoom level folder '{folder}' holds {files.Length} image(s); a zoom sequence needs at least two (PNG, JPEG, WebP, BMP or TIFF).");
        }

        return LoadCoreAsync(files, CheckFactors(zoomFactor is null ? null : Enumerable.Repeat(zoomFactor, files.Length - 1), files.Length), options, cancellationToken, MaxLevelPixels, output);
    }

    /// <summary>Loads the given image files as the levels, innermost first.</summary>
    /// <param name="files">The level images, innermost first.</param>
    /// <param name="zoomFactors">The factor of each step (one fewer than files; null entries are estimated), or <see langword="null"/> to estimate all.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the loading.</param>
    /// <returns>The sequence; dispose it to release the pixels.</returns>
    /// <exception cref="ZoomSequenceException">Fewer than two files, or the images differ in size.</exception>
    /// <exception cref="ArgumentException">The number of factors is not one fewer than the number of files, or a factor is out of range.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">A file is not an image FFmpeg can read.</exception>
    public static Task<ZoomSequence> LoadAsync(IEnumerable<string> files, IEnumerable<double?>? zoomFactors, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        string[] paths = [.. files];
        if (paths.Length < 2)
        {
            throw new ZoomSequenceException($"A zoom sequence needs at least two levels; {paths.Length} file(s) were given.");
        }

        double?[] factors = CheckFactors(zoomFactors, paths.Length);
        foreach (string p in paths)
        {
            if (!File.Exists(p))
            {
                throw new FileNotFoundException($"The zoom level '{p}' does not exist.", p);
            }
        }

        return LoadCoreAsync(paths, factors, options, cancellationToken);
    }

    /// <summary>Makes a sequence from frames already in memory (the sequence takes ownership and disposes them).</summary>
    /// <param name="levels">The levels, innermost first, all the same size.</param>
    /// <param name="zoomFactors">The factor of each step, or <see langword="null"/> to estimate all.</param>
    /// <param name="names">A name per level for messages, or <see langword="null"/> for "level 0", "level 1", ….</param>
    /// <returns>The sequence.</returns>
    /// <exception cref="ZoomSequenceException">Fewer than two levels, or the levels differ in size.</exception>
    /// <exception cref="ArgumentException">The factors or names do not match the levels.</exception>
    public static ZoomSequence FromFrames(IEnumerable<Frame> levels, IEnumerable<double?>? zoomFactors = null, IEnumerable<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        Frame[] frames = [.. levels];
        if (frames.Length < 2)
        {
            throw new ZoomSequenceException($"A zoom sequence needs at least two levels; {frames.Length} were given.");
        }

        string[] labels = names is null ? [.. Enumerable.Range(0, frames.Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"level {i}"))] : [.. names];
        if (labels.Length != frames.Length)
        {
            throw new ArgumentException($"{labels.Length} names were given for {frames.Length} levels.", nameof(names));
        }

        double?[] factors = CheckFactors(zoomFactors, frames.Length);
        CheckSizes(frames, labels);
        return new ZoomSequence(frames, labels, factors);
    }

    /// <summary>
    /// Puts the levels in a new order, in place: for example the order <see cref="ZoomAligner.FindOrder"/> found for a
    /// folder whose file names do not give it.
    /// </summary>
    /// <param name="order">The current index of each level, innermost first: a permutation of 0 … <see cref="Count"/> − 1.</param>
    /// <exception cref="ArgumentException"><paramref name="order"/> is not a permutation of the levels, or the steps have different zoom factors (which would no longer belong to their steps).</exception>
    public void Reorder(IReadOnlyList<int> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        bool[] seen = new bool[_levels.Length];
        bool valid = order.Count == _levels.Length;
        for (int k = 0; valid && k < order.Count; k++)
        {
            int i = order[k];
            valid = (uint)i < (uint)seen.Length && !seen[i];
            if (valid)
            {
                seen[i] = true;
            }
        }

        if (!valid)
        {
            throw new ArgumentException($"The order must name each of the {_levels.Length} levels (0 to {_levels.Length - 1}) once.", nameof(order));
        }

        if (_factors.Distinct().Count() > 1)
        {
            throw new ArgumentException("The steps have different zoom factors, which would no longer belong to their steps after reordering; give one factor for all (or none).", nameof(order));
        }

        Frame[] levels = [.. order.Select(i => _levels[i])];
        string[] names = [.. order.Select(i => _names[i])];
        levels.CopyTo(_levels, 0);
        names.CopyTo(_names, 0);
    }

    /// <summary>Returns the level frames to the pool.</summary>
    public void Dispose()
    {
        foreach (Frame f in _levels)
        {
            f.Dispose();
        }
    }

    /// <summary>The image files of a folder in natural order ("2.png" before "10.png").</summary>
    internal static string[] FindLevels(string folder)
    {
        string[] files = [.. Directory.EnumerateFiles(folder)
            .Where(f => s_imageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Where(f => !Path.GetFileName(f).StartsWith('.'))];
        Array.Sort(files, (a, b) => NaturalCompare(Path.GetFileName(a), Path.GetFileName(b)));
        return files;
    }

    /// <summary>Compares names so runs of digits compare by value ("img2" &lt; "img10").</summary>
    internal static int NaturalCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }

                ReadOnlySpan<char> da = a.AsSpan(si, i - si).TrimStart('0'), db = b.AsSpan(sj, j - sj).TrimStart('0');
                if (da.Length != db.Length)
                {
                    return da.Length.CompareTo(db.Length);
                }

                int c = da.SequenceCompareTo(db);
                if (c != 0)
                {
                    return c;
                }
            }
            else
            {
                int c = char.ToLowerInvariant(a[i]).CompareTo(char.ToLowerInvariant(b[j]));
                if (c != 0)
                {
                    return c;
                }

                i++;
                j++;
            }
        }

        int rest = (a.Length - i).CompareTo(b.Length - j);
        return rest != 0 ? rest : string.CompareOrdinal(a, b);
    }

    private static double?[] CheckFactors(IEnumerable<double?>? zoomFactors, int levelCount)
    {
        double?[] factors = zoomFactors is null ? new double?[levelCount - 1] : [.. zoomFactors];
        if (factors.Length != levelCount - 1)
        {
            throw new ArgumentException($"{factors.Length} zoom factors were given for {levelCount} levels; give one per step ({levelCount - 1}) or one for all.", nameof(zoomFactors));
        }

        foreach (double? f in factors)
        {
            if (f is { } v && (!double.IsFinite(v) || v < 1.05 || v > 4))
            {
                throw new ArgumentOutOfRangeException(nameof(zoomFactors), v, string.Create(CultureInfo.InvariantCulture, $"The zoom factor {v} is out of range: use a factor from 1.05 to 4 (2 for a 2× zoom out, 1.333 for \"1.5×\")."));
            }
        }

        return factors;
    }

    private static void CheckSizes(Frame[] frames, string[] names)
    {
        for (int i = 1; i < frames.Length; i++)
        {
            if (frames[i].Width != frames[0].Width || frames[i].Height != frames[0].Height)
            {
                throw new ZoomSequenceException(string.Create(CultureInfo.InvariantCulture,
                    $"Zoom level {i} '{names[i]}' is {frames[i].Width}x{frames[i].Height}, but level 0 '{names[0]}' is {frames[0].Width}x{frames[0].Height}; every level of a zoom sequence must be the same size."));
            }

            if (frames[i].Format != frames[0].Format)
            {
                throw new ArgumentException($"Zoom level {i} '{names[i]}' is {frames[i].Format}, but level 0 is {frames[0].Format}; use one pixel format for all levels.", nameof(frames));
            }
        }

        if (frames[0].Width < 32 || frames[0].Height < 32)
        {
            throw new ZoomSequenceException(string.Create(CultureInfo.InvariantCulture, $"Zoom level 0 '{names[0]}' is {frames[0].Width}x{frames[0].Height}; levels must be at least 32x32 pixels."));
        }
    }

    /// <summary>
    /// The largest level VideoKit holds in memory, in pixels: 8192 × 4096 (33.5 MP, 128 MiB as RGBA). A larger image
    /// (a 48 MP phone photo) is scaled down to this while FFmpeg decodes it, never decoded at full size into memory.
    /// </summary>
    public const long MaxLevelPixels = 8192L * 4096;

    /// <summary>
    /// The size a level of <paramref name="width"/>×<paramref name="height"/> is loaded at: its own, or scaled down
    /// (aspect kept, even sides) to at most <paramref name="maxPixels"/>.
    /// </summary>
    internal static Resolution LoadSize(int width, int height, long maxPixels)
    {
        long pixels = (long)width * height;
        if (pixels <= maxPixels)
        {
            return new Resolution(width, height);
        }

        double scale = Math.Sqrt((double)maxPixels / pixels);
        int w = Math.Max(2, (int)(width * scale) & ~1);
        int h = Math.Max(2, (int)(height * scale) & ~1);
        return new Resolution(w, h);
    }

    /// <summary>
    /// How many level pixels per output pixel a level needs on each side, at least: 2. While zooming across a step of
    /// factor f the outer level is shown enlarged by up to f around the inner one (the inner level, at 1:1 when it fills
    /// the frame, and the compositor's mip chain cover every smaller scale), so a level about max(2, f) times the output
    /// is sampled at 1:1 or finer everywhere; more pixels only cost memory and decoding time.
    /// </summary>
    internal const double OutputOversample = 2;

    /// <summary>
    /// The size a level of <paramref name="width"/>×<paramref name="height"/> needs for an output of
    /// <paramref name="output"/> (levels cover the output, cropping the longer side): <paramref name="oversample"/> level
    /// pixels per output pixel, or <see langword="null"/> when the level is not larger than that.
    /// </summary>
    internal static Resolution? NeededSize(int width, int height, Resolution output, double oversample)
    {
        double cover = Math.Max((double)output.Width / width, (double)output.Height / height);
        double scale = oversample * cover;
        if (scale >= 1)
        {
            return null;
        }

        // Rounded up to even sides so the level never falls below what the output needs.
        int w = Math.Min(width, 2 * (int)Math.Ceiling(width * scale / 2));
        int h = Math.Min(height, 2 * (int)Math.Ceiling(height * scale / 2));
        return new Resolution(w, h);
    }

    /// <summary>The size to decode a level of <paramref name="native"/> size at, or <see langword="null"/> for its own.</summary>
    private static Resolution? LoadSizeFor((int Width, int Height) native, double?[] factors, long maxPixels, Resolution? output)
    {
        Resolution? size = (long)native.Width * native.Height > maxPixels ? LoadSize(native.Width, native.Height, maxPixels) : null;
        if (output is { } o)
        {
            double oversample = Math.Max(OutputOversample, factors.Max(f => f ?? 0));
            if (NeededSize(native.Width, native.Height, o, oversample) is { } needed && (size is null || needed.Width < size.Value.Width))
            {
                size = needed;
            }
        }

        return size;
    }

    private static async Task<ZoomSequence> LoadCoreAsync(string[] paths, double?[] factors, VideoKitOptions? options, CancellationToken cancellationToken, long maxPixels = MaxLevelPixels, Resolution? output = null)
    {
        var frames = new Frame?[paths.Length];
        try
        {
            int parallel = Math.Max(1, Math.Min(options?.MaxDegreeOfParallelism ?? Environment.ProcessorCount, 4));
            var parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };

            // The headers' sizes first (probe): an impossible size is refused, differing sizes named as they are in the
            // files, and one load size chosen for all levels so they stay aligned.
            // The files' own sizes (odd ones too: a Resolution is even by definition, and the decode evens them).
            var sizes = new (int Width, int Height)[paths.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, paths.Length), parallelOptions, async (i, token) =>
            {
                MediaInfo info = await MediaProbe.ProbeAsync(paths[i], options, token).ConfigureAwait(false);
                if (info.PrimaryVideo is not { Width: > 0, Height: > 0 } video)
                {
                    throw new UnsupportedMediaException($"The zoom level '{paths[i]}' is not an image FFmpeg can read: it holds no picture of a usable size.");
                }

                sizes[i] = (video.DisplayWidth, video.DisplayHeight);
            }).ConfigureAwait(false);
            for (int i = 0; i < paths.Length; i++)
            {
                if (sizes[i].Width < 32 || sizes[i].Height < 32)
                {
                    throw new ZoomSequenceException(string.Create(CultureInfo.InvariantCulture, $"Zoom level {i} '{paths[i]}' is {sizes[i].Width}x{sizes[i].Height}; levels must be at least 32x32 pixels."));
                }

                if (sizes[i] != sizes[0])
                {
                    throw new ZoomSequenceException(string.Create(CultureInfo.InvariantCulture,
                        $"Zoom level {i} '{paths[i]}' is {sizes[i].Width}x{sizes[i].Height}, but level 0 '{paths[0]}' is {sizes[0].Width}x{sizes[0].Height}; every level of a zoom sequence must be the same size."));
                }
            }

            Resolution? size = LoadSizeFor(sizes[0], factors, maxPixels, output);
            await Parallel.ForEachAsync(Enumerable.Range(0, paths.Length), parallelOptions, async (i, token) =>
            {
                Frame level = await ImageFile.LoadAsync(paths[i], size, options, token).ConfigureAwait(false);
                // Transparent parts over black, as a still on the video track shows them (not the colour stored under them).
                Rendering.ImageSource.FlattenOverBlack(level.Span);
                frames[i] = level;
            }).ConfigureAwait(false);
            Frame[] loaded = [.. frames.Select(f => f!)];
            CheckSizes(loaded, paths);
            return new ZoomSequence(loaded, paths, factors);
        }
        catch
        {
            foreach (Frame? f in frames)
            {
                f?.Dispose();
            }

            throw;
        }
    }
}
