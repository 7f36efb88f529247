using System.Numerics;
using System.Xml;

namespace VideoKit.Export;

/// <summary>
/// Writes an <see cref="EditList"/> as Final Cut Pro XML 1.9 (<c>.fcpxml</c>; also imported by DaVinci Resolve and
/// Premiere Pro): a format and one asset per file (with its <c>media-rep</c>), a project whose sequence spine holds the
/// events cut to cut (<c>asset-clip</c> for video, <c>video</c> for stills, <c>gap</c> where nothing plays),
/// <c>transition</c> elements centred on their cuts, <c>timeMap</c> for speed changes, and the song as a connected clip
/// under the first spine item. Every time is a rational number of seconds (<c>1001/30000s</c>), a whole number of frames.
/// </summary>
internal static class FcpxmlWriter
{
    public static void Write(EditList edit, Stream stream)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using XmlWriter w = XmlWriter.Create(stream, settings);
        w.WriteStartDocument();
        w.WriteDocType("fcpxml", null, null, null);
        w.WriteStartElement("fcpxml");
        w.WriteAttributeString("version", "1.9");

        // Resources: r1 the sequence format, then one asset per distinct file.
        var assets = new Dictionary<string, string>(StringComparer.Ordinal);
        w.WriteStartElement("resources");
        w.WriteStartElement("format");
        w.WriteAttributeString("id", "r1");
        w.WriteAttributeString("frameDuration", Time(1, edit.Rate));
        w.WriteAttributeString("width", edit.Size.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("height", edit.Size.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("colorSpace", "1-1-1 (Rec. 709)");
        w.WriteEndElement();
        foreach (EditEvent e in edit.Events)
        {
            Asset(w, assets, e.Path, e.Name, hasVideo: true, hasAudio: false, e.Kind == EditMediaKind.Image);
        }

        if (edit.SongPath is { } songPath)
        {
            Asset(w, assets, Path.GetFullPath(songPath), Path.GetFileName(songPath), hasVideo: false, hasAudio: true, still: false);
        }

        w.WriteEndElement();

        w.WriteStartElement("library");
        w.WriteStartElement("event");
        w.WriteAttributeString("name", "VideoKit");
        w.WriteStartElement("project");
        w.WriteAttributeString("name", edit.Name);
        w.WriteStartElement("sequence");
        w.WriteAttributeString("format", "r1");
        w.WriteAttributeString("duration", Time(edit.TotalFrames, edit.Rate));
        w.WriteAttributeString("tcStart", "0s");
        w.WriteAttributeString("tcFormat", "NDF");
        w.WriteAttributeString("audioLayout", "stereo");
        w.WriteAttributeString("audioRate", "48k");
        w.WriteStartElement("spine");

        bool songWritten = edit.SongPath is null;
        void Song(long parentStart)
        {
            if (songWritten)
            {
                return;
            }

            songWritten = true;
            w.WriteStartElement("asset-clip");
            w.WriteAttributeString("ref", assets[Path.GetFullPath(edit.SongPath!)]);
            w.WriteAttributeString("lane", "-1");
            w.WriteAttributeString("offset", Time(parentStart, edit.Rate));
            w.WriteAttributeString("name", Path.GetFileName(edit.SongPath));
            w.WriteAttributeString("start", "0s");
            w.WriteAttributeString("duration", Time(edit.TotalFrames, edit.Rate));
            w.WriteAttributeString("format", "r1");
            w.WriteAttributeString("audioRole", "music");
            w.WriteEndElement();
        }

        long cursor = 0;
        foreach (EditEvent e in edit.Events)
        {
            if (e.RecordStart > cursor)
            {
                w.WriteStartElement("gap");
                w.WriteAttributeString("name", "Gap");
                w.WriteAttributeString("offset", Time(cursor, edit.Rate));
                w.WriteAttributeString("start", "0s");
                w.WriteAttributeString("duration", Time(e.RecordStart - cursor, edit.Rate));
                if (cursor == 0)
                {
                    Song(0);
                }

                w.WriteEndElement();
            }

            if (e.HasTransition)
            {
                w.WriteStartElement("transition");
                w.WriteAttributeString("name", e.TransitionName);
                w.WriteAttributeString("offset", Time(e.TransitionStart, edit.Rate));
                w.WriteAttributeString("duration", Time(e.TransitionEnd - e.TransitionStart, edit.Rate));
                w.WriteEndElement();
            }

            bool still = e.Kind == EditMediaKind.Image;
            w.WriteStartElement(still ? "video" : "asset-clip");
            w.WriteAttributeString("ref", assets[e.Path]);
            w.WriteAttributeString("offset", Time(e.RecordStart, edit.Rate));
            w.WriteAttributeString("name", e.Name);
            // 'start' is the clip's in-point in its own media time: output frames of source at speed 1.
            w.WriteAttributeString("start", Time(e.SourceInFrame, edit.Rate));
            w.WriteAttributeString("duration", Time(e.Length, edit.Rate));
            if (!still)
            {
                w.WriteAttributeString("format", "r1");
                w.WriteAttributeString("tcFormat", "NDF");
            }

            if (!still && Math.Abs(e.Speed - 1.0) > 1e-9)
            {
                // timept 'time' is the clip's local time, 'value' the media time shown there.
                long sourceFrames = (long)Math.Round(e.Length * e.Speed);
                w.WriteStartElement("timeMap");
                TimePoint(w, Time(e.SourceInFrame, edit.Rate), Time(e.SourceInFrame, edit.Rate));
                TimePoint(w, Time(e.SourceInFrame + e.Length, edit.Rate), Time(e.SourceInFrame + sourceFrames, edit.Rate));
                w.WriteEndElement();
            }

            if (e.RecordStart == 0)
            {
                Song(e.SourceInFrame);
            }

            w.WriteEndElement();
            cursor = e.RecordEnd;
        }

        if (edit.TotalFrames > cursor || !songWritten)
        {
            w.WriteStartElement("gap");
            w.WriteAttributeString("name", "Gap");
            w.WriteAttributeString("offset", Time(cursor, edit.Rate));
            w.WriteAttributeString("start", "0s");
            w.WriteAttributeString("duration", Time(Math.Max(1, edit.TotalFrames - cursor), edit.Rate));
            Song(-cursor);
            w.WriteEndElement();
        }

        w.WriteEndElement(); // spine
        w.WriteEndElement(); // sequence
        w.WriteEndElement(); // project
        w.WriteEndElement(); // event
        w.WriteEndElement(); // library
        w.WriteEndElement(); // fcpxml
        w.WriteEndDocument();
    }

    private static void TimePoint(XmlWriter w, string time, string value)
    {
        w.WriteStartElement("timept");
        w.WriteAttributeString("time", time);
        w.WriteAttributeString("value", value);
        w.WriteAttributeString("interp", "linear");
        w.WriteEndElement();
    }

    private static void Asset(XmlWriter w, Dictionary<string, string> assets, string path, string name, bool hasVideo, bool hasAudio, bool still)
    {
        if (assets.ContainsKey(path))
        {
            return;
        }

        string id = "r" + (assets.Count + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        assets[path] = id;
        w.WriteStartElement("asset");
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("start", "0s");
        if (still)
        {
            w.WriteAttributeString("duration", "0s"); // a still has no length of its own
        }

        w.WriteAttributeString("hasVideo", hasVideo ? "1" : "0");
        if (hasVideo && !still)
        {
            w.WriteAttributeString("format", "r1");
        }

        w.WriteAttributeString("hasAudio", hasAudio ? "1" : "0");
        if (hasAudio)
        {
            w.WriteAttributeString("audioSources", "1");
            w.WriteAttributeString("audioChannels", "2");
        }

        w.WriteStartElement("media-rep");
        w.WriteAttributeString("kind", "original-media");
        w.WriteAttributeString("src", new Uri(path).AbsoluteUri);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A frame count as FCPXML time: a reduced rational number of seconds ("1001/30000s", "2s", "0s").</summary>
    internal static string Time(long frames, FrameRate rate)
    {
        BigInteger numerator = (BigInteger)frames * rate.Denominator;
        BigInteger denominator = rate.Numerator;
        if (numerator.IsZero)
        {
            return "0s";
        }

        BigInteger gcd = BigInteger.GreatestCommonDivisor(BigInteger.Abs(numerator), denominator);
        numerator /= gcd;
        denominator /= gcd;
        return denominator.IsOne ? $"{numerator}s" : $"{numerator}/{denominator}s";
    }
}
