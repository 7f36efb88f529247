using VideoKit.Text;

namespace VideoKit.Tests.Text;

public sealed class AssFontsTests
{
    [Fact]
    public void Named_StylesAndFnOverrides_ComeWithWhereTheyAreNamed()
    {
        const string Ass = "\uFEFF[Script Info]\r\nScriptType: v4.00+\r\n\r\n[V4+ Styles]\r\n"
            + "Format: Name, Fontname, Fontsize, PrimaryColour\r\n"
            + "Style: Default,Imaginary Grotesk,48,&H00FFFFFF\r\n"
            + "Style: Vertical,@Noto Sans CJK JP,48,&H00FFFFFF\r\n"
            + "Style: Again,imaginary grotesk,40,&H00FFFFFF\r\n\r\n"
            + "[Events]\r\nFormat: Layer, Start, End, Style, Text\r\n"
            + "Dialogue: 0,0:00:00.00,0:00:01.00,Default,{\\fnComic Dreams\\b1}Hi {\\fn}there\r\n";

        List<(string Family, string Where)> named = AssFonts.Named(Ass);

        Assert.Equal(
            [("Imaginary Grotesk", "style 'Default'"), ("Noto Sans CJK JP", "style 'Vertical'"), ("Comic Dreams", "line 12 (\\fn override)")],
            named);
    }

    [Fact]
    public void Named_FormatWithFontnameElsewhere_ReadsTheRightColumn()
    {
        const string Ass = "[V4+ Styles]\nFormat: Fontname, Name, Fontsize\nStyle: DejaVu Sans,Title,60\n";

        Assert.Equal([("DejaVu Sans", "style 'Title'")], AssFonts.Named(Ass));
    }
}
