namespace VideoKit;

/// <summary>
/// One validation problem: which item (if any), which field (named as in the project file: <c>start</c>,
/// <c>duration</c>, <c>in</c>, <c>fit</c>, <c>transition.duration</c>, <c>image</c>, <c>video</c>, <c>song</c>, ...)
/// and what is wrong. The builder prints it as <c>item #3 'a.png': duration must be &gt; 0</c>, the project loader as
/// <c>items[2].duration: must be &gt; 0</c>. A message that mentions another item (an overlap) holds
/// <see cref="OtherToken"/> where that item is named, so each caller names it its own way (<c>item #1 'a.png'</c> or
/// <c>items[0]</c>).
/// </summary>
internal readonly record struct TimelineProblem(int? ItemIndex, string Field, string Message, int? OtherIndex = null)
{
    public const string OtherToken = "{other}";

    public string Format(IReadOnlyList<TimelineItemDraft> items)
    {
        string message = WithOther(o => $"item #{o + 1} '{items[o].Name}'");
        if (ItemIndex is not int i)
        {
            return $"{Field}: {message}";
        }

        return $"item #{i + 1} '{items[i].Name}': {Field} {message}";
    }

    /// <summary>The message with the other item (if any) named by <paramref name="name"/>.</summary>
    public string WithOther(Func<int, string> name) =>
        OtherIndex is int o ? Message.Replace(OtherToken, name(o), StringComparison.Ordinal) : Message;
}
