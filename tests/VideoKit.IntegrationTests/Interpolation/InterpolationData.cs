namespace VideoKit.IntegrationTests.Interpolation;

/// <summary>The repository's tests/data files used by the interpolation tests.</summary>
internal static class InterpolationData
{
    /// <summary>The repository's tests/data.</summary>
    public static string Folder
    {
        get
        {
            return TestMedia.DataFolder;
        }
    }

    public static string Image(string name) => Path.Combine(Folder, "images", name);

    public static string Footage(string name) => Path.Combine(Folder, "footage", name);
}
