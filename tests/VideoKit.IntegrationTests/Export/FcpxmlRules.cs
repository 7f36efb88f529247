using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace VideoKit.IntegrationTests.Export;

/// <summary>
/// A structural check of an <c>.fcpxml</c> file against the rules Apple's FCPXML reference states (Apple's DTD is not
/// available here): the document is <c>fcpxml</c> with a version; <c>resources</c> come before <c>library</c>; every
/// resource id is unique and every <c>ref</c>/<c>format</c> reference resolves to a resource of the right kind; an
/// asset has a <c>media-rep</c> with a source; every time is a rational number of seconds (<c>N/Ds</c>, <c>Ns</c>)
/// on the sequence's frame grid; the spine's clips are contiguous from zero and add up to the sequence's duration;
/// a transition overlaps the two clips beside it, straddling their cut; connected clips sit on a non-zero lane; a
/// time map's points are ordered.
/// </summary>
internal static partial class FcpxmlRules
{
    private static readonly string[] s_timeAttributes = ["offset", "start", "duration", "frameDuration", "tcStart", "time", "value"];
    private static readonly string[] s_spineItems = ["asset-clip", "video", "gap", "transition", "clip", "ref-clip", "title", "audio", "sync-clip", "mc-clip"];

    [GeneratedRegex(@"^(?<n>-?\d+)(/(?<d>\d+))?s$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    /// <summary>Every rule the document breaks, each naming the element; empty when it follows them all.</summary>
    public static List<string> Problems(XDocument doc)
    {
        var problems = new List<string>();
        XElement? root = doc.Root;
        if (root is null || root.Name.LocalName != "fcpxml")
        {
            problems.Add("the root element is not <fcpxml>");
            return problems;
        }

        if (doc.DocumentType?.Name != "fcpxml")
        {
            problems.Add("there is no <!DOCTYPE fcpxml>");
        }

        if (!Regex.IsMatch((string?)root.Attribute("version") ?? string.Empty, @"^1\.\d+$"))
        {
            problems.Add($"<fcpxml version=\"{(string?)root.Attribute("version")}\"> is not a 1.x version");
        }

        // fcpxml (import-options?, resources?, (library | event* | project*))
        string[] children = [.. root.Elements().Select(e => e.Name.LocalName)];
        string order = string.Join(",", children);
        if (!Regex.IsMatch(order, @"^(import-options,)?(resources,)?(library|(event,?)*|(project,?)*)$"))
        {
            problems.Add($"<fcpxml> holds {order}: resources must come first, then one library (or events or projects)");
        }

        // Resources: unique ids; references resolve to the right kind.
        var resources = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (XElement resource in root.Elements("resources").Elements())
        {
            string? id = (string?)resource.Attribute("id");
            if (string.IsNullOrEmpty(id))
            {
                problems.Add($"<{resource.Name.LocalName}> in resources has no id");
            }
            else if (!resources.TryAdd(id, resource))
            {
                problems.Add($"resource id '{id}' is used twice");
            }
        }

        foreach (XElement e in doc.Descendants())
        {
            if ((string?)e.Attribute("ref") is { } r && (!resources.TryGetValue(r, out XElement? target) || target.Name.LocalName is "format"))
            {
                problems.Add($"<{e.Name.LocalName} ref=\"{r}\"> does not name an asset or media resource");
            }

            if (e.Name.LocalName != "format" && (string?)e.Attribute("format") is { } f && (!resources.TryGetValue(f, out XElement? format) || format.Name.LocalName != "format"))
            {
                problems.Add($"<{e.Name.LocalName} format=\"{f}\"> does not name a <format> resource");
            }
        }

        foreach (XElement asset in root.Elements("resources").Elements("asset"))
        {
            XElement[] reps = [.. asset.Elements("media-rep")];
            if (reps.Length == 0 || reps.Any(m => string.IsNullOrEmpty((string?)m.Attribute("src"))))
            {
                problems.Add($"asset '{(string?)asset.Attribute("id")}' has no media-rep with a src");
            }
        }

        // Times: rational seconds on the sequence's frame grid.
        XElement? sequence = doc.Descendants("sequence").FirstOrDefault();
        (BigInteger N, BigInteger D)? frame = null;
        if (sequence is null)
        {
            problems.Add("there is no <sequence>");
        }
        else if (resources.TryGetValue((string?)sequence.Attribute("format") ?? string.Empty, out XElement? seqFormat)
            && Time((string?)seqFormat.Attribute("frameDuration")) is { } fd && fd.N > 0)
        {
            frame = fd;
        }
        else
        {
            problems.Add("the sequence's format has no frameDuration");
        }

        foreach (XAttribute a in doc.Descendants().Attributes().Where(a => s_timeAttributes.Contains(a.Name.LocalName)))
        {
            if (Time(a.Value) is not { } t)
            {
                problems.Add($"<{a.Parent!.Name.LocalName} {a.Name.LocalName}=\"{a.Value}\"> is not a time such as 1001/30000s");
            }
            else if (frame is { } g && a.Name.LocalName != "frameDuration" && !OnGrid(t, g))
            {
                problems.Add($"<{a.Parent!.Name.LocalName} {a.Name.LocalName}=\"{a.Value}\"> is not a whole number of frames ({g.N}/{g.D}s)");
            }
        }

        if (sequence?.Element("spine") is { } spine)
        {
            CheckSpine(spine, sequence, problems);
        }
        else
        {
            problems.Add("the sequence has no spine");
        }

        foreach (XElement map in doc.Descendants("timeMap"))
        {
            var times = map.Elements("timept").Select(p => Seconds((string?)p.Attribute("time"))).ToList();
            if (times.Count < 2 || times.Zip(times.Skip(1)).Any(p => p.Second <= p.First))
            {
                problems.Add("a timeMap's timept times are not increasing");
            }
        }

        return problems;
    }

    private static void CheckSpine(XElement spine, XElement sequence, List<string> problems)
    {
        XElement[] items = [.. spine.Elements()];
        double next = 0;
        for (int i = 0; i < items.Length; i++)
        {
            XElement item = items[i];
            string name = item.Name.LocalName;
            if (!s_spineItems.Contains(name))
            {
                problems.Add($"<{name}> cannot sit in a spine");
                continue;
            }

            foreach (XElement connected in item.Elements().Where(e => s_spineItems.Contains(e.Name.LocalName) && e.Name.LocalName != "transition"))
            {
                if (!int.TryParse((string?)connected.Attribute("lane"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int lane) || lane == 0)
                {
                    problems.Add($"connected <{connected.Name.LocalName}> in <{name}> has no non-zero lane");
                }
            }

            double offset = Seconds((string?)item.Attribute("offset")), duration = Seconds((string?)item.Attribute("duration"));
            if (!(duration > 0))
            {
                problems.Add($"<{name}> at {offset} s has no positive duration");
            }

            if (name == "transition")
            {
                // A transition overlaps the clips on both sides, straddling their cut, and stays within them.
                XElement? before = i > 0 ? items[i - 1] : null, after = i + 1 < items.Length ? items[i + 1] : null;
                if (before is null || after is null || before.Name.LocalName == "transition" || after.Name.LocalName == "transition")
                {
                    problems.Add($"the transition at {offset} s is not between two clips");
                    continue;
                }

                double cut = Seconds((string?)after.Attribute("offset"));
                double beforeStart = Seconds((string?)before.Attribute("offset"));
                double afterEnd = cut + Seconds((string?)after.Attribute("duration"));
                if (!(offset < cut && offset + duration > cut && offset >= beforeStart - 1e-9 && offset + duration <= afterEnd + 1e-9))
                {
                    problems.Add($"the transition {offset}–{offset + duration} s does not overlap both clips around the cut at {cut} s");
                }

                continue;
            }

            if (Math.Abs(offset - next) > 1e-9)
            {
                problems.Add($"<{name}> starts at {offset} s, not where the spine's previous clip ends ({next} s)");
            }

            next = offset + duration;
        }

        double total = Seconds((string?)sequence.Attribute("duration"));
        if (Math.Abs(next - total) > 1e-9)
        {
            problems.Add($"the spine ends at {next} s but the sequence lasts {total} s");
        }
    }

    private static (BigInteger N, BigInteger D)? Time(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text == "0s")
        {
            return (0, 1);
        }

        Match m = TimePattern().Match(text);
        if (!m.Success)
        {
            return null;
        }

        BigInteger d = m.Groups["d"].Success ? BigInteger.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
        return d.IsZero ? null : (BigInteger.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), d);
    }

    /// <summary>t / frame is a whole number: t.N × frame.D divisible by t.D × frame.N.</summary>
    private static bool OnGrid((BigInteger N, BigInteger D) t, (BigInteger N, BigInteger D) frame) =>
        (t.N * frame.D % (t.D * frame.N)).IsZero;

    internal static double Seconds(string? text) => Time(text) is { } t ? (double)t.N / (double)t.D : double.NaN;
}
