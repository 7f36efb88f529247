namespace VideoKit;

/// <summary>
/// One validation problem: which item (if any), which field (named as in the project file: <c>start</c>,
/// <c>duration</c>, <c>in</c>, <c>fit</c>, <c>transition.duration</c>, <c>image</c>, <c>video</c>, <c>song</c>, ...)
/// and what is wrong. The builder prints it as <c>item #3 'a.png': duration must be &gt; 0</c>, the project loader as
/// <c>items[2].duration: must be &gt; 0</c>.
/// </summary>
internal readonly record struct TimelineProblem(int? ItemIndex, string Field, string Message)
{
    public string Format(IReadOnlyList<TimelineItemDraft> items)
    {
        if (ItemIndex is not int i)
        {
            return $"{Field}: {Message}";
        }

        return $"item #{i + 1} '{items[i].Name}': {Field} {Message}";
    }
}
