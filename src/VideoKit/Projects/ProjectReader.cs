using System.Globalization;
using System.Text.Json;

namespace VideoKit.Projects;

/// <summary>
/// Reading state shared by every part of a project file: the problems found so far (each with its JSON path), the
/// project's folder for relative paths, and typed getters that report a problem instead of throwing.
/// </summary>
internal sealed class ProjectReader(string projectPath, VideoKitOptions options)
{
    private readonly List<string> _problems = [];

    /// <summary>The project file's full path.</summary>
    public string ProjectPath { get; } = projectPath;

    /// <summary>The folder relative paths resolve against.</summary>
    public string Folder { get; } = System.IO.Path.GetDirectoryName(projectPath) ?? ".";

    public VideoKitOptions Options { get; } = options;

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(string path, string message) => _problems.Add($"{path}: {message}");

    /// <summary>A path from the project, resolved against the project's folder.</summary>
    public string ResolvePath(string value) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Folder, value));

    /// <summary>Reports fields of <paramref name="obj"/> that are not in <paramref name="known"/>.</summary>
    public void CheckFields(JsonElement obj, string path, IReadOnlyCollection<string> known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (!known.Contains(p.Name) && p.Name != "$schema" && !p.Name.StartsWith("//", StringComparison.Ordinal))
            {
                Problem(Join(path, p.Name), $"unknown field; expected one of: {string.Join(", ", known)}");
            }
            else if (!seen.Add(p.Name))
            {
                // JSON parsers keep one of the two silently (System.Text.Json the last): the other was meant too.
                Problem(Join(path, p.Name), "is given twice in this object; keep one");
            }
        }
    }

    public static string Join(string path, string field) => path.Length == 0 ? field : path + "." + field;

    public string? GetString(JsonElement obj, string path, string name, bool required = false)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Problem(Join(path, name), "is required");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            Problem(Join(path, name), $"must be a non-empty string (is {Describe(v)})");
            return null;
        }

        return v.GetString();
    }

    /// <summary>A path-valued field, resolved against the project's folder, that must name an existing file.</summary>
    public string? GetFile(JsonElement obj, string path, string name, string what, bool required = false)
    {
        string? value = GetString(obj, path, name, required);
        if (value is null)
        {
            return null;
        }

        string full = ResolvePath(value);
        if (Directory.Exists(full))
        {
            Problem(Join(path, name), $"'{value}' is a folder, not {what}");
        }
        else if (!File.Exists(full))
        {
            Problem(Join(path, name), $"'{value}' does not exist (looked for {full})");
        }

        return full;
    }

    public int? GetInt(JsonElement obj, string path, string name, int min, int max)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int n))
        {
            Problem(Join(path, name), $"must be a whole number (is {Describe(v)})");
            return null;
        }

        if (n < min || n > max)
        {
            Problem(Join(path, name), string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} (is {n})"));
            return null;
        }

        return n;
    }

    /// <summary>A time: a number of seconds (4.5), or text such as "4.5", "1:02.5" or "0:01:02.5".</summary>
    public TimeSpan? GetTime(JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (TryParseTime(v, out TimeSpan t))
        {
            return t;
        }

        Problem(Join(path, name), $"must be a time in seconds (4.5) or \"m:ss.fff\" (is {Describe(v)})");
        return null;
    }

    public static bool TryParseTime(JsonElement v, out TimeSpan time)
    {
        time = default;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < 1e7)
        {
            time = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            return true;
        }

        return v.ValueKind == JsonValueKind.String && TryParseTime(v.GetString()!, out time);
    }

    public static bool TryParseTime(string text, out TimeSpan time)
    {
        time = default;
        text = text.Trim();
        bool negative = text.StartsWith('-');
        string body = negative ? text[1..] : text;
        string[] parts = body.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
        {
            return false;
        }

        double total = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            // .NET reads "NaN" and "Infinity" whatever the styles; a time is digits only.
            if (!double.TryParse(parts[i], last ? NumberStyles.AllowDecimalPoint : NumberStyles.None, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                return false;
            }

            total = (total * 60) + value;
        }

        if (total >= 1e7)
        {
            return false;
        }

        time = TimeSpan.FromTicks((long)Math.Round((negative ? -total : total) * TimeSpan.TicksPerSecond));
        return true;
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"\"{v.GetString()}\"",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
