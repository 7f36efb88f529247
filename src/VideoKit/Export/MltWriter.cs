using System.Globalization;
using System.Xml;

namespace VideoKit.Export;

/// <summary>
/// Writes an <see cref="EditList"/> as MLT XML (<c>.mlt</c>, opened by Kdenlive and Shotcut, rendered by <c>melt</c>):
/// a profile at the timeline's size and exact rate, one producer per event (a <c>timewarp</c> producer for a speed
/// change), the events alternating between two playlists so a dissolve can overlap them, a <c>luma</c> transition per
/// dissolve, and the song on a third playlist mixed in. Positions are frame numbers; MLT's <c>out</c> is inclusive.
/// </summary>
internal static class MltWriter
{
    public static void Write(EditList edit, Stream stream)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using XmlWriter w = XmlWriter.Create(stream, settings);
        string n(long v) => v.ToString(CultureInfo.InvariantCulture);
        long total = Math.Max(1, edit.TotalFrames);
        w.WriteStartDocument();
        w.WriteStartElement("mlt");
        w.WriteAttributeString("LC_NUMERIC", "C");
        w.WriteAttributeString("version", "7.0.0");
        w.WriteAttributeString("title", edit.Name);
        w.WriteAttributeString("producer", "main");

        long gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(edit.Size.Width, edit.Size.Height);
        w.WriteStartElement("profile");
        w.WriteAttributeString("description", $"VideoKit {edit.Size} {edit.Rate} fps");
        w.WriteAttributeString("width", n(edit.Size.Width));
        w.WriteAttributeString("height", n(edit.Size.Height));
        w.WriteAttributeString("progressive", "1");
        w.WriteAttributeString("sample_aspect_num", "1");
        w.WriteAttributeString("sample_aspect_den", "1");
        w.WriteAttributeString("display_aspect_num", n(edit.Size.Width / gcd));
        w.WriteAttributeString("display_aspect_den", n(edit.Size.Height / gcd));
        w.WriteAttributeString("frame_rate_num", n(edit.Rate.Numerator));
        w.WriteAttributeString("frame_rate_den", n(edit.Rate.Denominator));
        w.WriteAttributeString("colorspace", "709");
        w.WriteEndElement();

        // One producer per event: its visible span runs from the start of its incoming dissolve to the end of the next one.
        var spans = new List<(long From, long To, long SourceFrom)>();
        for (int i = 0; i < edit.Events.Count; i++)
        {
            EditEvent e = edit.Events[i];
            long before = e.TransitionBefore;
            long after = i + 1 < edit.Events.Count && edit.Events[i + 1].RecordStart == e.RecordEnd ? edit.Events[i + 1].TransitionAfter : 0;
            bool warp = e.Kind == EditMediaKind.Video && Math.Abs(e.Speed - 1.0) > 1e-9;
            long sourceFrom = e.Kind == EditMediaKind.Image ? 0 : Math.Max(0, e.SourceInFrame - (long)Math.Round(before * e.Speed));
            // A timewarp producer counts its own (warped) frames: source frame f is warped frame f / speed.
            spans.Add((e.RecordStart - before, e.RecordEnd + after, warp ? (long)Math.Round(sourceFrom / e.Speed) : sourceFrom));
            w.WriteStartElement("producer");
            w.WriteAttributeString("id", "p" + n(i));
            Property(w, "resource", warp ? e.Speed.ToString("0.######", CultureInfo.InvariantCulture) + ":" + e.Path : e.Path);
            if (warp)
            {
                Property(w, "mlt_service", "timewarp");
                Property(w, "warp_speed", e.Speed.ToString("0.######", CultureInfo.InvariantCulture));
            }

            if (e.Kind == EditMediaKind.Image)
            {
                Property(w, "length", n(total + 1));
                Property(w, "ttl", "1");
            }

            Property(w, "videokit:name", e.Name);
            w.WriteEndElement();
        }

        if (edit.SongPath is { } song)
        {
            w.WriteStartElement("producer");
            w.WriteAttributeString("id", "song");
            Property(w, "resource", Path.GetFullPath(song));
            w.WriteEndElement();
        }

        for (int track = 0; track < 2; track++)
        {
            w.WriteStartElement("playlist");
            w.WriteAttributeString("id", track == 0 ? "videoA" : "videoB");
            long cursor = 0;
            for (int i = track; i < edit.Events.Count; i += 2)
            {
                (long from, long to, long sourceFrom) = spans[i];
                if (from > cursor)
                {
                    w.WriteStartElement("blank");
                    w.WriteAttributeString("length", n(from - cursor));
                    w.WriteEndElement();
                }

                w.WriteStartElement("entry");
                w.WriteAttributeString("producer", "p" + n(i));
                w.WriteAttributeString("in", n(sourceFrom));
                w.WriteAttributeString("out", n(sourceFrom + (to - from) - 1));
                w.WriteEndElement();
                cursor = to;
            }

            w.WriteEndElement();
        }

        if (edit.SongPath is not null)
        {
            w.WriteStartElement("playlist");
            w.WriteAttributeString("id", "audio");
            w.WriteStartElement("entry");
            w.WriteAttributeString("producer", "song");
            w.WriteAttributeString("in", "0");
            w.WriteAttributeString("out", n(total - 1));
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteStartElement("tractor");
        w.WriteAttributeString("id", "main");
        w.WriteAttributeString("in", "0");
        w.WriteAttributeString("out", n(total - 1));
        w.WriteStartElement("multitrack");
        foreach (string id in edit.SongPath is null ? ["videoA", "videoB"] : new[] { "videoA", "videoB", "audio" })
        {
            w.WriteStartElement("track");
            w.WriteAttributeString("producer", id);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        for (int i = 0; i < edit.Events.Count; i++)
        {
            EditEvent e = edit.Events[i];
            if (!e.HasTransition || i == 0)
            {
                continue;
            }

            // The dissolve runs from the outgoing track to the incoming one: A→B for odd events, B→A (reversed) for even.
            w.WriteStartElement("transition");
            w.WriteAttributeString("id", "dissolve" + n(i));
            w.WriteAttributeString("in", n(e.TransitionStart));
            w.WriteAttributeString("out", n(e.TransitionEnd - 1));
            Property(w, "mlt_service", "luma");
            Property(w, "a_track", "0");
            Property(w, "b_track", "1");
            if (i % 2 == 0)
            {
                Property(w, "reverse", "1");
            }

            w.WriteEndElement();
        }

        if (edit.SongPath is not null)
        {
            w.WriteStartElement("transition");
            w.WriteAttributeString("id", "songmix");
            Property(w, "mlt_service", "mix");
            Property(w, "a_track", "0");
            Property(w, "b_track", "2");
            Property(w, "always_active", "1");
            Property(w, "sum", "1");
            w.WriteEndElement();
        }

        w.WriteEndElement(); // tractor
        w.WriteEndElement(); // mlt
        w.WriteEndDocument();
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteString(value);
        w.WriteEndElement();
    }
}
