namespace VideoKit.Tests;

/// <summary>Empty files for tests that only need a path that exists (no FFmpeg in unit tests).</summary>
internal static class TestFiles
{
    private static readonly string s_root = Path.Combine(Path.GetTempPath(), "videokit-unit-" + Environment.ProcessId);

    public static string Touch(string name)
    {
        Directory.CreateDirectory(s_root);
        string path = Path.Combine(s_root, name);
        File.WriteAllBytes(path, []);
        return path;
    }
}
