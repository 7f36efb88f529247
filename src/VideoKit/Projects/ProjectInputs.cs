using System.Text.Json;

namespace VideoKit.Projects;

/// <summary>
/// The files a project file names (any string value that resolves to an existing file, beside the project or from the
/// working folder), plus the project file itself: the render's output may never be one of them.
/// </summary>
internal static class ProjectInputs
{
    public static IReadOnlyList<string> Collect(string projectPath)
    {
        var found = new List<string> { projectPath };
        try
        {
            string full = Path.GetFullPath(projectPath);
            string folder = Path.GetDirectoryName(full) ?? ".";
            using JsonDocument doc = JsonDocument.Parse(WithoutBom(File.ReadAllBytes(full)), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            Walk(doc.RootElement, folder, found);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            // Loading already validated the file; if it changed since, the named inputs checked are what remains.
        }

        return found;
    }

    /// <summary>
    /// The text as UTF-8 without a byte order mark, which JSON parsers refuse: after a UTF-8 mark (Notepad and
    /// PowerShell 7 write one), or re-encoded from UTF-16 with its mark (Windows PowerShell 5's <c>&gt;</c> and
    /// <c>Out-File</c> write UTF-16LE).
    /// </summary>
    public static ReadOnlyMemory<byte> WithoutBom(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        return span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsMemory(3)
            : span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2))
            : span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2))
            : bytes;
    }

    private static void Walk(JsonElement element, string folder, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in element.EnumerateObject())
                {
                    Walk(p.Value, folder, found);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement e in element.EnumerateArray())
                {
                    Walk(e, folder, found);
                }

                break;
            case JsonValueKind.String when element.GetString() is { Length: > 0 and < 4096 } text && text.IndexOfAny(Path.GetInvalidPathChars()) < 0:
                foreach (string candidate in (string[])[Path.Combine(folder, text), text])
                {
                    if (File.Exists(candidate))
                    {
                        found.Add(candidate);
                    }
                }

                break;
        }
    }
}
