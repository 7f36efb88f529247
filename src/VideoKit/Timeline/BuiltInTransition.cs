using VideoKit.Editing;
using VideoKit.Imaging;

namespace VideoKit;

/// <summary>The transitions VideoKit draws itself; the pixel work is in <see cref="TransitionCompositor"/>.</summary>
internal sealed class BuiltInTransition : Transition
{
    private readonly TransitionKind kind;

    public BuiltInTransition(TransitionKind kind, TimeSpan duration, TransitionPlacement placement, float strength)
        : base(duration, placement, strength) => this.kind = kind;

    public BuiltInTransition(TransitionKind kind, double beats, TransitionPlacement placement, float strength)
        : base(beats, placement, strength) => this.kind = kind;

    public override TransitionKind Kind => kind;

    internal Transition With(TimeSpan duration, double? beats, TransitionPlacement placement) => kind == TransitionKind.Cut
        ? Cut
        : beats is { } b ? new BuiltInTransition(kind, b, placement, Strength) : new BuiltInTransition(kind, duration, placement, Strength);

    public override bool ShowsBothPictures => kind is TransitionKind.Crossfade or TransitionKind.Whip or TransitionKind.Slide;

    public override void Compose(TransitionFrame f, Frame outgoing, Frame incoming, Frame destination)
    {
        switch (kind)
        {
            case TransitionKind.Crossfade:
            case TransitionKind.Slide:
            case TransitionKind.Whip:
                TransitionCompositor.Compose(kind, Strength, outgoing, incoming, f.Progress, destination);
                break;
            case TransitionKind.DipToBlack:
            case TransitionKind.DipToWhite:
                // Full colour on the frame before the cut and on the cut frame, clear again at the window's ends.
                uint colour = kind == TransitionKind.DipToBlack ? TransitionKernels.Pixel(0, 0, 0) : TransitionKernels.Pixel(255, 255, 255);
                (Frame picture, double weight) = f.Frame < f.CutFrame
                    ? (outgoing, (f.Frame - f.StartFrame + 1.0) / Math.Max(1, f.CutFrame - f.StartFrame))
                    : (incoming, 1 - ((double)(f.Frame - f.CutFrame) / Math.Max(1, f.EndFrame - f.CutFrame)));
                TransitionKernels.BlendColor(picture.Span, colour, destination.Span, TransitionCompositor.Weight(weight));
                break;
            case TransitionKind.Flash:
            case TransitionKind.ZoomPunch:
                if (f.Frame < f.CutFrame)
                {
                    outgoing.CopyTo(destination);
                    break;
                }

                TransitionCompositor.Compose(kind, Strength, incoming, incoming, (double)(f.Frame - f.CutFrame) / Math.Max(1, f.EndFrame - f.CutFrame), destination);
                break;
            default:
                (f.Frame < f.CutFrame ? outgoing : incoming).CopyTo(destination);
                break;
        }
    }
}
