using System.Globalization;
using VideoKit.Rendering;

namespace VideoKit;

/// <summary>
/// Collects a song and items placed at times, then <see cref="Build"/> validates everything at once and returns an
/// immutable <see cref="Timeline"/>. Items may be added in any order (a beat editor can generate them in a loop);
/// they must not overlap.
/// </summary>
/// <example>
/// <code>
/// Timeline timeline = new TimelineBuilder(Resolution.Hd1080, FrameRate.Fps30)
///     .WithSong("song.flac")
///     .AddImage("title.png", TimeSpan.Zero, TimeSpan.FromSeconds(4))
///     .AddVideo("beach.mp4", TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6), inPoint: TimeSpan.FromSeconds(2),
///               transition: Transition.Crossfade(TimeSpan.FromSeconds(1)))
///     .Build();
/// </code>
/// </example>
public sealed partial class TimelineBuilder
{
    private readonly List<TimelineItemDraft> _items = [];
    private readonly List<TimelineEffect> _effects = [];
    private string? _song;
    private TimeSpan? _duration;

    /// <summary>Starts a timeline of the given output size and frame rate.</summary>
    /// <param name="resolution">The output frame size (even sides).</param>
    /// <param name="frameRate">The output frame rate (exact rational).</param>
    public TimelineBuilder(Resolution resolution, FrameRate frameRate)
    {
        Resolution = resolution;
        FrameRate = frameRate;
    }

    /// <summary>The output frame size.</summary>
    public Resolution Resolution { get; }

    /// <summary>The output frame rate.</summary>
    public FrameRate FrameRate { get; }

    /// <summary>The number of items added so far.</summary>
    public int Count => _items.Count;

    /// <summary>The latest end time of the video-track items added so far (zero when there are none), handy for appending.</summary>
    public TimeSpan End
    {
        get
        {
            TimeSpan end = TimeSpan.Zero;
            foreach (TimelineItemDraft item in _items)
            {
                if (item.Overlay is null && item.Start + item.Duration > end)
                {
                    end = item.Start + item.Duration;
                }
            }

            return end;
        }
    }

    /// <summary>Sets the song: the master clock and the soundtrack. The video lasts as long as the song unless
    /// <see cref="WithDuration"/> says otherwise.</summary>
    /// <param name="path">The audio file (anything FFmpeg reads).</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder WithSong(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _song = path;
        return this;
    }

    /// <summary>Sets the video length explicitly: the song is cut there (without a song the video is silent). It must
    /// not be longer than the song, the master clock; the renderer checks that against the song's probed length.</summary>
    /// <param name="duration">The length of the video.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder WithDuration(TimeSpan duration)
    {
        _duration = duration;
        return this;
    }

    /// <summary>Adds a still image shown from <paramref name="start"/> for <paramref name="duration"/>.</summary>
    /// <param name="path">The image file (PNG, JPEG, WebP, ... anything FFmpeg reads).</param>
    /// <param name="start">When the image appears.</param>
    /// <param name="duration">How long it stays.</param>
    /// <param name="fit">How it is fitted to the frame.</param>
    /// <param name="transition">How it enters; <see langword="null"/> for a cut.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddImage(string path, TimeSpan start, TimeSpan duration, FitMode fit = FitMode.Cover, Transition? transition = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _items.Add(new TimelineItemDraft
        {
            Kind = TimelineItemKind.Image,
            Name = path,
            Path = path,
            Start = start,
            Duration = duration,
            Fit = fit,
            Transition = transition,
            OwnsSource = true,
            CreateSource = () => new ImageSource(path, fit) { Opaque = true },
        });
        return this;
    }

    /// <summary>Adds a video clip: <paramref name="duration"/> of the file from <paramref name="inPoint"/>, shown from
    /// <paramref name="start"/> (the out point is <paramref name="inPoint"/> + <paramref name="duration"/>). The clip's
    /// own sound is not used; the song is the soundtrack.</summary>
    /// <param name="path">The video file.</param>
    /// <param name="start">When the clip appears on the timeline.</param>
    /// <param name="duration">How long it plays.</param>
    /// <param name="inPoint">Where in the file to start.</param>
    /// <param name="fit">How it is fitted to the frame.</param>
    /// <param name="transition">How it enters; <see langword="null"/> for a cut.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddVideo(string path, TimeSpan start, TimeSpan duration, TimeSpan inPoint = default, FitMode fit = FitMode.Cover, Transition? transition = null) =>
        AddVideo(path, start, duration, inPoint, ClipPlayback.Normal, fit, transition);

    /// <summary>Adds a video clip that plays as <paramref name="playback"/> says: at a speed, looping or ping-ponging when
    /// the material runs out, with handles that a transition shows before and after the item (a beat edit's segments).</summary>
    /// <param name="path">The video file.</param>
    /// <param name="start">When the clip appears on the timeline (its cut).</param>
    /// <param name="duration">How long the item lasts, cut to cut.</param>
    /// <param name="inPoint">Where in the file playback starts (the start of the lead-in handle).</param>
    /// <param name="playback">Speed, repetition and handles.</param>
    /// <param name="fit">How it is fitted to the frame.</param>
    /// <param name="transition">How it enters; <see langword="null"/> for a cut.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddVideo(string path, TimeSpan start, TimeSpan duration, TimeSpan inPoint, ClipPlayback playback, FitMode fit = FitMode.Cover, Transition? transition = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(playback);
        _items.Add(new TimelineItemDraft
        {
            Kind = TimelineItemKind.Video,
            Name = path,
            Path = path,
            Start = start,
            Duration = duration,
            InPoint = inPoint,
            Fit = fit,
            Transition = transition,
            OwnsSource = true,
            Playback = playback,
            CreateSource = () => new VideoClipSource(path, inPoint, duration, fit) { Playback = playback, PreferYuv = true, Opaque = true },
        });
        return this;
    }

    /// <summary>Adds an effect on the video track's picture (under the overlays): a flash or a zoom punch that decays.</summary>
    /// <param name="effect">The effect.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddEffect(TimelineEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        _effects.Add(effect);
        return this;
    }

    /// <summary>Adds an item as the beat edit planned it (handles, explicit transition window).</summary>
    internal TimelineBuilder Add(TimelineItemDraft draft)
    {
        _items.Add(draft);
        return this;
    }

    /// <summary>Adds any frame source (a zoom sequence, a retimed clip, a generated picture). The caller owns the
    /// source: the renderer prepares it for each render but never disposes it.</summary>
    /// <param name="source">The source; it fits its pictures to the output size itself.</param>
    /// <param name="start">When it appears.</param>
    /// <param name="duration">How long it stays.</param>
    /// <param name="transition">How it enters; <see langword="null"/> for a cut.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddSource(IFrameSource source, TimeSpan start, TimeSpan duration, Transition? transition = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _items.Add(new TimelineItemDraft
        {
            Kind = TimelineItemKind.Source,
            Name = source.Name,
            Start = start,
            Duration = duration,
            Transition = transition,
            OwnsSource = false,
            CreateSource = () => source,
        });
        return this;
    }

    /// <summary>Adds a frame source created afresh for each render and disposed by the renderer as soon as its last
    /// frame is drawn (so long timelines hold only the sources on screen).</summary>
    /// <param name="name">A name for messages.</param>
    /// <param name="factory">Creates the source.</param>
    /// <param name="start">When it appears.</param>
    /// <param name="duration">How long it stays.</param>
    /// <param name="transition">How it enters; <see langword="null"/> for a cut.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddSource(string name, Func<IFrameSource> factory, TimeSpan start, TimeSpan duration, Transition? transition = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _items.Add(new TimelineItemDraft
        {
            Kind = TimelineItemKind.Source,
            Name = name,
            Start = start,
            Duration = duration,
            Transition = transition,
            OwnsSource = true,
            CreateSource = factory,
        });
        return this;
    }

    /// <summary>Adds an image on an overlay track: drawn over the video track from <paramref name="start"/> for
    /// <paramref name="duration"/>, placed by <paramref name="placement"/> (its alpha channel is kept). Overlays may
    /// overlap each other and any video-track item.</summary>
    /// <param name="path">The image file (a PNG with alpha for a logo or a title).</param>
    /// <param name="start">When it appears.</param>
    /// <param name="duration">How long it stays.</param>
    /// <param name="placement">Where it sits, its opacity, fades, scale and rotation.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddOverlayImage(string path, TimeSpan start, TimeSpan duration, OverlayPlacement placement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(placement);
        _items.Add(new TimelineItemDraft
        {
            Kind = TimelineItemKind.Image,
            Name = path,
            Path = path,
            Start = start,
            Duration = duration,
            Fit = FitMode.Stretch,
            OwnsSource = true,
            Overlay = placement,
            CreateSource = () => new ImageSource(path, FitMode.Stretch),
        });
        return this;
    }

    /// <summary>Adds a video on an overlay track (picture in picture): <paramref name="duration"/> of the file from
    /// <paramref name="inPoint"/>, drawn over the video track from <paramref name="start"/>.</summary>
    /// <param name="path">The video file.</param>
    /// <param name="start">When it appears.</param>
    /// <param name="duration">How long it plays.</param>
    /// <param name="placement">Where it sits, its opacity, fades, scale and rotation.</param>
    /// <param name="inPoint">Where in the file to start.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddOverlayVideo(string path, TimeSpan start, TimeSpan duration, OverlayPlacement placement, TimeSpan inPoint = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(placement);
        _items.Add(new TimelineItemDraft
        {
            Kind = TimelineItemKind.Video,
            Name = path,
            Path = path,
            Start = start,
            Duration = duration,
            InPoint = inPoint,
            Fit = FitMode.Stretch,
            OwnsSource = true,
            Overlay = placement,
            CreateSource = () => new VideoClipSource(path, inPoint, duration, FitMode.Stretch),
        });
        return this;
    }

    /// <summary>Adds any frame source on an overlay track. The source is created for each render at the overlay's pixel
    /// size (from <paramref name="placement"/>'s width and <paramref name="aspect"/>) and disposed after its last frame;
    /// the alpha channel of its pictures is kept.</summary>
    /// <param name="name">A name for messages.</param>
    /// <param name="factory">Creates the source.</param>
    /// <param name="aspect">The picture's width / height.</param>
    /// <param name="start">When it appears.</param>
    /// <param name="duration">How long it stays.</param>
    /// <param name="placement">Where it sits, its opacity, fades, scale and rotation.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddOverlaySource(string name, Func<IFrameSource> factory, double aspect, TimeSpan start, TimeSpan duration, OverlayPlacement placement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(placement);
        _items.Add(new TimelineItemDraft
        {
            Kind = TimelineItemKind.Source,
            Name = name,
            Start = start,
            Duration = duration,
            OwnsSource = true,
            Overlay = placement,
            Aspect = aspect,
            CreateSource = factory,
        });
        return this;
    }

    /// <summary>Validates everything and creates the timeline.</summary>
    /// <returns>An immutable, thread-safe timeline that can be rendered many times.</returns>
    /// <exception cref="TimelineValidationException">Anything is wrong; the message lists every problem.</exception>
    public Timeline Build()
    {
        List<TimelineProblem> problems = Validate();
        if (problems.Count > 0)
        {
            throw new TimelineValidationException(problems.ConvertAll(p => p.Format(_items)));
        }

        return CreateTimeline();
    }

    internal IReadOnlyList<TimelineItemDraft> Drafts => _items;

    internal Timeline CreateTimeline()
    {
        var items = new List<TimelineItem>(_items.Count);
        var overlays = new List<TimelineItem>();
        for (int i = 0; i < _items.Count; i++)
        {
            var item = new TimelineItem(i, _items[i], FrameRate);
            (item.Overlay is null ? items : overlays).Add(item);
        }

        items.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Index.CompareTo(b.Index));
        overlays.Sort(static (a, b) => a.Track != b.Track ? a.Track.CompareTo(b.Track) : a.Index.CompareTo(b.Index));
        return new Timeline(Resolution, FrameRate, _song, _duration, [.. items], [.. overlays]) { Text = _text, Audio = _audio, Effects = [.. _effects.OrderBy(e => e.Start)] };
    }

    /// <summary>Every problem, in item order, with the field named as in the project file.</summary>
    internal List<TimelineProblem> Validate()
    {
        var problems = new List<TimelineProblem>();
        if (Resolution.IsEmpty)
        {
            problems.Add(new(null, "output size", "is not set; pass a Resolution such as 1280x720"));
        }

        if (FrameRate.IsEmpty)
        {
            problems.Add(new(null, "frame rate", "is not set; pass a FrameRate such as 30"));
        }

        if (_song is not null && !File.Exists(_song))
        {
            problems.Add(new(null, "song", Directory.Exists(_song) ? $"'{_song}' is a folder, not an audio file" : $"'{_song}' does not exist"));
        }

        if (_duration is { } d && d <= TimeSpan.Zero)
        {
            problems.Add(new(null, "duration", $"must be > 0 (is {Text(d)})"));
        }

        if (_song is null && _duration is null)
        {
            problems.Add(new(null, "song", "is not set and no duration was given: the video needs a song or an explicit length"));
        }

        for (int i = 0; i < _items.Count; i++)
        {
            ValidateItem(i, _items[i], problems);
        }

        if (!FrameRate.IsEmpty)
        {
            ValidateOrder(problems);
        }

        foreach (TimelineEffect e in _effects)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"{e.Kind} at {Text(e.Start)}");
            if (e.Start < TimeSpan.Zero || e.Duration <= TimeSpan.Zero || !(e.Strength is >= 0 and <= 1) || !Enum.IsDefined(e.Kind))
            {
                problems.Add(new(null, "effects", $"{where}: needs a start >= 0, a duration > 0, a strength from 0 to 1 and a known kind"));
            }
        }

        ValidateWords(problems);
        return problems;
    }

    private void ValidateItem(int i, TimelineItemDraft item, List<TimelineProblem> problems)
    {
        if (item.Start < TimeSpan.Zero)
        {
            problems.Add(new(i, "start", $"must be >= 0 (is {Text(item.Start)})"));
        }

        if (item.Duration <= TimeSpan.Zero)
        {
            problems.Add(new(i, "duration", $"must be > 0 (is {Text(item.Duration)})"));
        }
        else if (!FrameRate.IsEmpty && FrameRate.NearestFrameAt(item.Start + item.Duration) <= FrameRate.NearestFrameAt(item.Start))
        {
            problems.Add(new(i, "duration", $"{Text(item.Duration)} is shorter than one frame at {FrameRate} fps"));
        }

        if (_duration is { } total && total > TimeSpan.Zero && item.Start >= total)
        {
            problems.Add(new(i, "start", $"{Text(item.Start)} is at or after the end of the video ({Text(total)})"));
        }

        if (item.Kind != TimelineItemKind.Source && !Enum.IsDefined(item.Fit))
        {
            problems.Add(new(i, "fit", $"'{item.Fit}' is not a fit mode; use cover, contain, stretch or blurredFill"));
        }

        if (item.Kind == TimelineItemKind.Video && item.InPoint < TimeSpan.Zero)
        {
            problems.Add(new(i, "in", $"must be >= 0 (is {Text(item.InPoint)})"));
        }

        if (item.Path is not null && !File.Exists(item.Path))
        {
            string field = item.Kind == TimelineItemKind.Image ? "image" : "video";
            problems.Add(new(i, field, Directory.Exists(item.Path) ? $"'{item.Path}' is a folder, not a file" : $"'{item.Path}' does not exist"));
        }

        if (item.Overlay is { } o)
        {
            ValidateOverlay(i, item, o, problems);
        }

        ClipPlayback play = item.Playback;
        if (!(play.Speed > 0 && double.IsFinite(play.Speed)))
        {
            problems.Add(new(i, "speed", string.Create(CultureInfo.InvariantCulture, $"must be > 0 (is {play.Speed})")));
        }

        if (play.LeadIn < TimeSpan.Zero || play.Tail < TimeSpan.Zero)
        {
            problems.Add(new(i, "handles", $"lead-in and tail must be >= 0 (are {Text(play.LeadIn)} and {Text(play.Tail)})"));
        }

        if (!Enum.IsDefined(play.Repeat))
        {
            problems.Add(new(i, "repeat", $"'{play.Repeat}' is not a repeat mode; use none, loop or pingPong"));
        }

        Transition? t = item.Transition;
        if (t is { Beats: not null } && item.Window is null)
        {
            problems.Add(new(i, "transition.beats", $"a {KindName(t.Kind)} in beats needs a beat edit to time it; give a duration in seconds"));
        }
        else if (t is not null)
        {
            if (!Enum.IsDefined(t.Kind))
            {
                problems.Add(new(i, "transition.type", $"'{t.Kind}' is not a transition; use cut, crossfade, dipToBlack, dipToWhite, flash, whip, slide, zoomPunch or a Transition subclass"));
            }
            else if (t.Kind != TransitionKind.Cut && t.Duration <= TimeSpan.Zero)
            {
                problems.Add(new(i, "transition.duration", $"must be > 0 for a {KindName(t.Kind)} (is {Text(t.Duration)})"));
            }
        }
    }

    private static void ValidateOverlay(int i, TimelineItemDraft item, OverlayPlacement o, List<TimelineProblem> problems)
    {
        if (!(o.Width > 0 && o.Width <= 4))
        {
            problems.Add(new(i, "rect.width", string.Create(CultureInfo.InvariantCulture, $"must be a fraction of the frame width above 0 and at most 4 (is {o.Width})")));
        }

        if (o.Opacity.Minimum < 0 || o.Opacity.Maximum > 1)
        {
            problems.Add(new(i, "opacity", string.Create(CultureInfo.InvariantCulture, $"must be between 0 and 1 (is {o.Opacity})")));
        }

        if (o.Scale.Minimum <= 0)
        {
            problems.Add(new(i, "scale", string.Create(CultureInfo.InvariantCulture, $"must be > 0 (is {o.Scale})")));
        }

        if (o.FadeIn < TimeSpan.Zero)
        {
            problems.Add(new(i, "fadeIn", $"must be >= 0 (is {Text(o.FadeIn)})"));
        }

        if (o.FadeOut < TimeSpan.Zero)
        {
            problems.Add(new(i, "fadeOut", $"must be >= 0 (is {Text(o.FadeOut)})"));
        }
        else if (item.Duration > TimeSpan.Zero && o.FadeIn >= TimeSpan.Zero && o.FadeIn + o.FadeOut > item.Duration)
        {
            problems.Add(new(i, "fadeOut", $"fades in ({Text(o.FadeIn)}) and out ({Text(o.FadeOut)}) are longer than the overlay ({Text(item.Duration)})"));
        }

        if (item.Aspect is { } aspect && !(aspect > 0 && double.IsFinite(aspect)))
        {
            problems.Add(new(i, "aspect", string.Create(CultureInfo.InvariantCulture, $"must be a positive width / height (is {aspect})")));
        }
    }

    private void ValidateOrder(List<TimelineProblem> problems)
    {
        // Sort indices by start (stable) and check neighbours: overlaps, and crossfades that do not fit.
        // Overlays may overlap anything: only the video track's items are checked against each other.
        int[] order = [.. Enumerable.Range(0, _items.Count).Where(i => _items[i].Overlay is null)];

        Array.Sort(order, (a, b) => _items[a].Start != _items[b].Start ? _items[a].Start.CompareTo(_items[b].Start) : a.CompareTo(b));
        for (int k = 0; k < order.Length; k++)
        {
            TimelineItemDraft item = _items[order[k]];
            if (item.Duration <= TimeSpan.Zero)
            {
                continue;
            }

            TimeSpan fadeIn = FadeLength(item);
            if (fadeIn > item.Duration)
            {
                problems.Add(new(order[k], "transition.duration", $"{Text(fadeIn)} is longer than the item ({Text(item.Duration)})"));
            }

            if (k + 1 < order.Length)
            {
                TimelineItemDraft next = _items[order[k + 1]];
                TimeSpan end = item.Start + item.Duration;
                if (end > next.Start)
                {
                    problems.Add(new(order[k + 1], "start", $"{Text(next.Start)} overlaps {TimelineProblem.OtherToken} ({Text(item.Start)} to {Text(end)})", order[k]));
                }
                else if (end == next.Start && next.Duration > TimeSpan.Zero)
                {
                    TimeSpan fadeOut = FadeLength(next);
                    if (fadeOut > item.Duration)
                    {
                        problems.Add(new(order[k + 1], "transition.duration", $"{Text(fadeOut)} is longer than the previous item, {TimelineProblem.OtherToken} ({Text(item.Duration)})", order[k]));
                    }
                    else if ((fadeIn / 2) + (fadeOut / 2) > item.Duration)
                    {
                        problems.Add(new(order[k], "duration", $"{Text(item.Duration)} is too short for its crossfades in ({Text(fadeIn)}) and out ({Text(fadeOut)}): half of each must fit"));
                    }
                }
            }
        }
    }

    private static TimeSpan FadeLength(TimelineItemDraft item) =>
        item.Transition is { IsCut: false } t ? t.Duration : TimeSpan.Zero;

    /// <summary>"crossfade", "dipToBlack": the name a project file uses.</summary>
    internal static string KindName(TransitionKind kind)
    {
        string name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>
    /// What is wrong with an explicit <paramref name="duration"/> longer than the song (compared in whole frames), or
    /// <see langword="null"/> when it fits: the song is the master clock, so the video must not outlast its sound.
    /// </summary>
    internal static string? CheckAgainstSong(TimeSpan duration, TimeSpan songLength, FrameRate rate, string? songName = null) =>
        !rate.IsEmpty && rate.FrameCountFor(duration) > rate.FrameCountFor(songLength)
            ? string.Create(CultureInfo.InvariantCulture, $"{Text(duration)} must not be longer than the song{(songName is null ? string.Empty : $" '{songName}'")} ({songLength.TotalSeconds:0.000} s)")
            : null;

    internal static string Text(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
