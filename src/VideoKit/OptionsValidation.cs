using System.Globalization;

namespace VideoKit;

/// <summary>
/// An options object (<see cref="VideoKitOptions"/>, <c>RenderOptions</c>, <c>MontageOptions</c>, ...) with values that
/// do not make sense. Every problem is listed at once, each naming its property
/// (<c>MaxFramesInFlight: must be at least 1 (is 0)</c>), so one fix-and-retry cycle is enough.
/// </summary>
public sealed class OptionsValidationException : ArgumentException
{
    /// <summary>Creates the exception for the options type <paramref name="optionsName"/> and its problems.</summary>
    /// <param name="optionsName">The options type, such as <c>RenderOptions</c>.</param>
    /// <param name="problems">Each problem as <c>Property: what is wrong</c>.</param>
    public OptionsValidationException(string optionsName, IReadOnlyList<string> problems)
        : base(Format(optionsName, problems))
    {
        OptionsName = optionsName;
        Problems = problems;
    }

    /// <summary>The options type that is invalid.</summary>
    public string OptionsName { get; }

    /// <summary>Every problem, as <c>Property: what is wrong</c> (nested options as <c>Render.Crf: ...</c>).</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(string optionsName, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string count = problems.Count == 1 ? "1 problem" : string.Create(CultureInfo.InvariantCulture, $"{problems.Count} problems");
        return $"{optionsName} are invalid ({count}):\n- " + string.Join("\n- ", problems);
    }
}

/// <summary>Collects the problems of an options object (and of the options it holds) before throwing once.</summary>
internal sealed class OptionsProblems(string prefix = "")
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> All => _problems;

    /// <summary>Records a problem with <paramref name="property"/> when <paramref name="bad"/> is true.</summary>
    public void If(bool bad, string property, string message)
    {
        if (bad)
        {
            _problems.Add(prefix + property + ": " + message);
        }
    }

    /// <summary>Records <paramref name="property"/> as out of [<paramref name="min"/>, <paramref name="max"/>] (NaN counts as out).</summary>
    public void Range(double value, double min, double max, string property)
    {
        if (!(value >= min && value <= max))
        {
            _problems.Add(prefix + property + ": " + string.Create(CultureInfo.InvariantCulture, $"must be from {min} to {max} (is {value})"));
        }
    }

    /// <summary>Records <paramref name="property"/> as less than <paramref name="min"/>.</summary>
    public void AtLeast(double value, double min, string property)
    {
        if (!(value >= min))
        {
            _problems.Add(prefix + property + ": " + string.Create(CultureInfo.InvariantCulture, $"must be at least {min} (is {value})"));
        }
    }

    /// <summary>A collector for nested options whose problems are prefixed with <c>property.</c>.</summary>
    public OptionsProblems Nested(string property) => new(prefix + property + ".");

    /// <summary>Adds the problems of a nested collector.</summary>
    public void Add(OptionsProblems nested) => _problems.AddRange(nested._problems);

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, if there are any.</summary>
    public void ThrowIfAny(string optionsName)
    {
        if (_problems.Count > 0)
        {
            throw new OptionsValidationException(optionsName, [.. _problems]);
        }
    }
}
