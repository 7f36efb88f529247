using System.Globalization;

namespace VideoKit;

/// <summary>
/// Thrown by <see cref="TimelineBuilder.Build"/> (and by the project loader) with every problem found at once, so a
/// user fixes them all in one pass.
/// </summary>
public sealed class TimelineValidationException : VideoKitException
{
    /// <summary>Creates an exception with no problems listed.</summary>
    public TimelineValidationException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a single message.</summary>
    /// <param name="message">The message.</param>
    public TimelineValidationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Creates an exception with a single message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TimelineValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates an exception listing every problem.</summary>
    /// <param name="errors">One line per problem, each naming the item and what is wrong.</param>
    public TimelineValidationException(IReadOnlyList<string> errors)
        : base(Format("Timeline", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception listing every problem, with a custom subject ("Project 'x.json'").</summary>
    /// <param name="subject">What is invalid, at the start of the message.</param>
    /// <param name="errors">One line per problem.</param>
    public TimelineValidationException(string subject, IReadOnlyList<string> errors)
        : base(Format(subject, errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, one line each.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Format(string subject, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string noun = errors.Count == 1 ? "problem" : "problems";
        return string.Create(CultureInfo.InvariantCulture, $"{subject} is invalid ({errors.Count} {noun}):") +
            string.Concat(errors.Select(e => "\n - " + e));
    }
}
