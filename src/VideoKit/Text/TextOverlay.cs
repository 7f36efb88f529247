namespace VideoKit.Text;

/// <summary>A title or any text shown over the picture for a while, fading (and optionally sliding) in and out.</summary>
public sealed class TextOverlay
{
    /// <summary>The text; <c>\n</c> breaks a line.</summary>
    public required string Text { get; init; }

    /// <summary>When it appears.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>How long it stays, fades included.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The fade (and slide) in.</summary>
    public TimeSpan FadeIn { get; init; }

    /// <summary>The fade (and slide) out.</summary>
    public TimeSpan FadeOut { get; init; }

    /// <summary>The movement during the fades.</summary>
    public TextSlide Slide { get; init; }

    /// <summary>The look; <see langword="null"/> for <see cref="CaptionStyle.Title"/>.</summary>
    public CaptionStyle? Style { get; init; }

    /// <summary>When it is gone.</summary>
    public TimeSpan End => Start + Duration;

    /// <summary>Every problem, as "field: message" lines.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Text))
        {
            problems.Add("text: must not be empty");
        }

        if (Start < TimeSpan.Zero)
        {
            problems.Add(FormattableString.Invariant($"start: must be >= 0 (is {Start.TotalSeconds:0.###} s)"));
        }

        if (Duration <= TimeSpan.Zero)
        {
            problems.Add(FormattableString.Invariant($"duration: must be > 0 (is {Duration.TotalSeconds:0.###} s)"));
        }

        if (FadeIn < TimeSpan.Zero || FadeOut < TimeSpan.Zero)
        {
            problems.Add("fadeIn/fadeOut: must be >= 0");
        }
        else if (Duration > TimeSpan.Zero && FadeIn + FadeOut > Duration)
        {
            problems.Add(FormattableString.Invariant($"fadeIn + fadeOut: {(FadeIn + FadeOut).TotalSeconds:0.###} s is longer than the item ({Duration.TotalSeconds:0.###} s)"));
        }

        if (!Enum.IsDefined(Slide))
        {
            problems.Add($"slide: '{Slide}' is not none, up, down, left or right");
        }

        if (Style is not null)
        {
            problems.AddRange(Style.Validate().Select(p => "style." + p));
        }

        return problems;
    }
}
