using System.Globalization;

namespace VideoKit.Text;

/// <summary>How captions or a text item look: font, size, colours, outline, shadow, position and safe margins. Sizes are
/// fractions of the output height so a style reads the same at every resolution.</summary>
public sealed class CaptionStyle
{
    /// <summary>The default caption style: Noto Sans at 6 % of the height, white with a black outline, at the bottom.</summary>
    public static CaptionStyle Default { get; } = new();

    /// <summary>The default title style: Noto Sans bold at 10 % of the height, in the middle.</summary>
    public static CaptionStyle Title { get; } = new() { Size = 0.1, Bold = true, Position = TextPosition.Middle };

    /// <summary>The font family (installed, or in <see cref="TextLayer.FontsFolder"/>). Characters it lacks (CJK, for
    /// example) are drawn from an installed font that has them.</summary>
    public string Font { get; init; } = "Noto Sans";

    /// <summary>The text height as a fraction of the output height (default 0.06).</summary>
    public double Size { get; init; } = 0.06;

    /// <summary>Bold text.</summary>
    public bool Bold { get; init; }

    /// <summary>The text colour, <c>#RRGGBB</c> or <c>#RRGGBBAA</c> (default white).</summary>
    public string Color { get; init; } = "#FFFFFF";

    /// <summary>The colour a karaoke word turns when it is sung (default a warm yellow).</summary>
    public string HighlightColor { get; init; } = "#FFD400";

    /// <summary>The outline (and shadow) colour (default black).</summary>
    public string OutlineColor { get; init; } = "#000000";

    /// <summary>The outline width in pixels of a 1080-line frame, scaled with the output (default 2).</summary>
    public double Outline { get; init; } = 2;

    /// <summary>The shadow offset in pixels of a 1080-line frame, scaled with the output (default 0, none).</summary>
    public double Shadow { get; init; }

    /// <summary>Where the text sits.</summary>
    public TextPosition Position { get; init; } = TextPosition.Bottom;

    /// <summary>Margins used when the output is landscape or square.</summary>
    public SafeMargins LandscapeMargins { get; init; } = SafeMargins.Landscape;

    /// <summary>Margins used when the output is portrait (taller than wide, e.g. 9:16).</summary>
    public SafeMargins PortraitMargins { get; init; } = SafeMargins.Portrait;

    /// <summary>Every problem with the style, as "field: message" lines (empty when valid).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Font))
        {
            problems.Add("font: must name a font family");
        }

        if (!(Size is > 0 and <= 0.5))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"size: must be a fraction of the height above 0 and at most 0.5 (is {Size})"));
        }

        foreach ((string field, string value) in new[] { ("color", Color), ("highlightColor", HighlightColor), ("outlineColor", OutlineColor) })
        {
            if (!TryParseColor(value, out _))
            {
                problems.Add($"{field}: '{value}' is not a colour; use #RRGGBB or #RRGGBBAA");
            }
        }

        if (!(Outline is >= 0 and <= 50))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"outline: must be 0 to 50 pixels (is {Outline})"));
        }

        if (!(Shadow is >= 0 and <= 50))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"shadow: must be 0 to 50 pixels (is {Shadow})"));
        }

        foreach ((string field, SafeMargins m) in new[] { ("margins.landscape", LandscapeMargins), ("margins.portrait", PortraitMargins) })
        {
            if (!(m.Horizontal is >= 0 and <= 0.45) || !(m.Vertical is >= 0 and <= 0.45))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: fractions must be 0 to 0.45 (are {m.Horizontal}, {m.Vertical})"));
            }
        }

        if (!Enum.IsDefined(Position))
        {
            problems.Add($"position: '{Position}' is not bottom, top or middle");
        }

        return problems;
    }

    /// <summary>The margins for an output of the given size.</summary>
    internal SafeMargins MarginsFor(Resolution size) => size.Height > size.Width ? PortraitMargins : LandscapeMargins;

    /// <summary>Parses <c>#RRGGBB</c> / <c>#RRGGBBAA</c> into (r, g, b, a).</summary>
    internal static bool TryParseColor(string? text, out (byte R, byte G, byte B, byte A) color)
    {
        color = default;
        if (text is null || text.Length is not (7 or 9) || text[0] != '#'
            || !uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint v))
        {
            return false;
        }

        color = text.Length == 7
            ? ((byte)(v >> 16), (byte)(v >> 8), (byte)v, (byte)255)
            : ((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
        return true;
    }
}
