namespace VideoKit.IntegrationTests.Interpolation;

/// <summary>The repository's tests/data files used by the interpolation tests.</summary>
internal static class InterpolationData
{
    /// <summary>tests/data, whether <see cref="TestMedia.DataFolder"/> resolves to it or to the repository root's data folder.</summary>
    public static string Folder
    {
        get
        {
            string data = TestMedia.DataFolder;
            if (Directory.Exists(Path.Combine(data, "footage")))
            {
                return data;
            }

            string tests = Path.Combine(Path.GetDirectoryName(data)!, "tests", "data");
            return Directory.Exists(tests) ? tests : data;
        }
    }

    public static string Image(string name) => Path.Combine(Folder, "images", name);

    public static string Footage(string name) => Path.Combine(Folder, "footage", name);
}
