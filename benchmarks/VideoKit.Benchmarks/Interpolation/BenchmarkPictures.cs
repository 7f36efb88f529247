using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Benchmarks.Interpolation;

/// <summary>Real inputs for the interpolation benchmarks: photographs from tests/data/images, and footage from tests/data/footage.</summary>
internal static class BenchmarkPictures
{
    /// <summary>The repository's tests/data folder, found upwards from the working directory or the binaries.</summary>
    public static string DataFolder
    {
        get
        {
            foreach (string start in (string[])[Environment.CurrentDirectory, AppContext.BaseDirectory])
            {
                for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "tests", "data");
                    if (Directory.Exists(Path.Combine(candidate, "images")))
                    {
                        return candidate;
                    }
                }
            }

            throw new DirectoryNotFoundException("Could not find tests/data above the working directory; run from the repository.");
        }
    }

    /// <summary>
    /// Two frames of a seeded pan over a real photograph (resized through FFmpeg): B is A moved by a seeded vector of up
    /// to ±24 pixels, so motion estimation has real work to do.
    /// </summary>
    public static (Frame A, Frame B) Pan(string image, int width, int height, int seed)
    {
        var random = new Random(seed);
        int dx = random.Next(-24, 25), dy = random.Next(-16, 17);
        int margin = 32;
        using Frame photo = ImageFile.LoadAsync(Path.Combine(DataFolder, "images", image), new Resolution(width + (2 * margin), height + (2 * margin))).GetAwaiter().GetResult();
        return (Crop(photo, margin, margin, width, height), Crop(photo, margin - dx, margin - dy, width, height));
    }

    public static Frame Crop(Frame source, int x, int y, int width, int height)
    {
        var frame = new Frame(width, height, source.Format);
        for (int r = 0; r < height; r++)
        {
            source.GetRow(y + r).Slice(x * 4, width * 4).CopyTo(frame.GetRow(r));
        }

        return frame;
    }
}
