using System.Buffers;
using VideoKit.Imaging;

namespace VideoKit.Editing;

/// <summary>Draws a transition's picture at a progress through it, from the outgoing and incoming frames.</summary>
internal static class TransitionCompositor
{
    /// <summary>Composes one frame of a transition.</summary>
    /// <param name="kind">The transition.</param>
    /// <param name="strength">Flash opacity or punch scale, 0 to 1.</param>
    /// <param name="outgoing">The outgoing clip's frame (unused by flash and zoom punch).</param>
    /// <param name="incoming">The incoming clip's frame.</param>
    /// <param name="progress">0 at the transition's first frame, towards 1 at its end.</param>
    /// <param name="destination">The output; may be <paramref name="incoming"/> for flash, or neither input otherwise.</param>
    public static void Compose(TransitionKind kind, float strength, Frame outgoing, Frame incoming, double progress, Frame destination)
    {
        CheckSizes(outgoing, incoming, destination);
        progress = Math.Clamp(progress, 0, 1);
        uint white = TransitionKernels.Pixel(255, 255, 255);
        uint black = TransitionKernels.Pixel(0, 0, 0);
        switch (kind)
        {
            case TransitionKind.Cut:
                if (!ReferenceEquals(incoming, destination))
                {
                    incoming.CopyTo(destination);
                }

                break;
            case TransitionKind.Crossfade:
                TransitionKernels.Blend(outgoing.Span, incoming.Span, destination.Span, Weight(progress));
                break;
            case TransitionKind.DipToBlack:
            case TransitionKind.DipToWhite:
                uint colour = kind == TransitionKind.DipToBlack ? black : white;
                if (progress < 0.5)
                {
                    TransitionKernels.BlendColor(outgoing.Span, colour, destination.Span, Weight(progress * 2));
                }
                else
                {
                    TransitionKernels.BlendColor(incoming.Span, colour, destination.Span, Weight((1 - progress) * 2));
                }

                break;
            case TransitionKind.Flash:
                Flash(incoming, destination, strength * (1 - progress));
                break;
            case TransitionKind.ZoomPunch:
                double eased = (1 - progress) * (1 - progress);
                Zoom(incoming, destination, 1 + (strength * eased));
                break;
            case TransitionKind.Slide:
            case TransitionKind.Whip:
                double s = progress * progress * (3 - (2 * progress));   // smoothstep
                int shift = (int)Math.Round(s * destination.Width);
                int radius = kind == TransitionKind.Whip ? (int)Math.Round(destination.Width * 0.06 * Math.Sin(Math.PI * progress) * Math.Max(strength, 0.1f)) : 0;
                Push(outgoing, incoming, destination, shift, radius);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transition kind.");
        }
    }

    /// <summary>Blends a frame towards white in place (or into <paramref name="destination"/>).</summary>
    public static void Flash(Frame source, Frame destination, double opacity) =>
        TransitionKernels.BlendColor(source.Span, TransitionKernels.Pixel(255, 255, 255), destination.Span, Weight(opacity));

    /// <summary>Scales a frame about its centre by <paramref name="scale"/> (≥ 1) into a different frame.</summary>
    public static void Zoom(Frame source, Frame destination, double scale)
    {
        if (ReferenceEquals(source, destination))
        {
            throw new ArgumentException("Zoom cannot work in place.", nameof(destination));
        }

        scale = Math.Max(1, scale);
        double w = source.Width / scale, h = source.Height / scale;
        Resampler.Resample(source, new SampleRegion((source.Width - w) / 2, (source.Height - h) / 2, w, h), destination, ResamplingFilter.Auto, 1);
    }

    internal static int Weight(double fraction) => Rendering.CrossfadeKernel.Weight(fraction); // the one blend-weight rule

    private static void Push(Frame outgoing, Frame incoming, Frame destination, int shift, int radius)
    {
        byte[]? rented = radius > 0 ? ArrayPool<byte>.Shared.Rent(destination.Stride) : null;
        try
        {
            for (int y = 0; y < destination.Height; y++)
            {
                Span<byte> row = destination.GetRow(y);
                if (rented is null)
                {
                    TransitionKernels.SlideRow(outgoing.GetRow(y), incoming.GetRow(y), row, shift);
                }
                else
                {
                    Span<byte> temp = rented.AsSpan(0, destination.Stride);
                    TransitionKernels.SlideRow(outgoing.GetRow(y), incoming.GetRow(y), temp, shift);
                    TransitionKernels.BoxBlurRow(temp, row, radius);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void CheckSizes(Frame a, Frame b, Frame destination)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(destination);
        if (a.Width != destination.Width || a.Height != destination.Height || b.Width != destination.Width || b.Height != destination.Height ||
            a.Format != destination.Format || b.Format != destination.Format)
        {
            throw new ArgumentException($"Transition frames must match: {a.Width}x{a.Height}, {b.Width}x{b.Height} and destination {destination.Width}x{destination.Height}.");
        }
    }
}
