using System.Diagnostics;

namespace VideoKit.IntegrationTests.Words;

/// <summary>
/// Whether an installed font can draw a script, asked the way libass asks: fontconfig, outline fonts only (libass skips
/// bitmap and colour-bitmap fonts such as Noto Color Emoji). A test that needs a script fails here, naming the Debian
/// package <c>build.sh</c> installs for it, rather than later with a less telling missing-glyph warning.
/// </summary>
internal static class ScriptFonts
{
    /// <summary>Fails unless an installed outline font has every character in <paramref name="sample"/>.</summary>
    public static void Require(string script, string sample, string package)
    {
        foreach (System.Text.Rune r in sample.EnumerateRunes())
        {
            string hex = r.Value.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
            if (Families($":charset={hex}:outline=true").Count == 0)
            {
                Assert.Fail($"No installed font has U+{r.Value:X4} ({r}), needed for {script}: ./build.sh test installs {package} (or: sudo apt-get install {package}).");
            }
        }
    }

    private static List<string> Families(string pattern)
    {
        var start = new ProcessStartInfo("fc-list") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(pattern);
        start.ArgumentList.Add("family");
        try
        {
            using Process p = Process.Start(start)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("fontconfig's fc-list is not installed: ./build.sh test installs fontconfig with the caption fonts.");
            return [];
        }
    }
}
