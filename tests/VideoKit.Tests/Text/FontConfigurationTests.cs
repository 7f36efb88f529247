using System.Xml.Linq;
using VideoKit.Text;

namespace VideoKit.Tests.Text;

public sealed class FontConfigurationTests
{
    [Fact]
    public void Text_IncludesTheSystemConfigurationAndAddsTheFolder_EscapedAsXml()
    {
        string system = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "fonts & <x>", "fonts.conf"));
        string folder = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "Rock & Roll's fonts"));
        string text = FontConfiguration.Text(system, folder);

        XElement root = XDocument.Parse(text).Root!;
        Assert.Equal("fontconfig", root.Name.LocalName);
        XElement include = Assert.Single(root.Elements("include"));
        Assert.Equal(system, include.Value);
        Assert.Equal("yes", include.Attribute("ignore_missing")?.Value);
        Assert.Equal(folder, Assert.Single(root.Elements("dir")).Value);
        // The system configuration comes first, so its rules (and its own folders) apply as before.
        Assert.True(text.IndexOf("<include", StringComparison.Ordinal) < text.IndexOf("<dir>", StringComparison.Ordinal));
    }
}
