namespace VideoKit.Stills;

/// <summary>
/// A framing of an image: the top-left corner and the width of the shown rectangle, as fractions of the image's width
/// and height. The rectangle's height follows from the output's shape (a 16:9 output shows a 16:9 rectangle).
/// </summary>
/// <param name="X">Left edge, a fraction of the image width (0 = the left edge).</param>
/// <param name="Y">Top edge, a fraction of the image height (0 = the top edge).</param>
/// <param name="Width">Width, a fraction of the image width (1 = all of it).</param>
public readonly record struct Framing(double X, double Y, double Width)
{
    /// <summary>The rectangle in image pixels for an image of <paramref name="imageWidth"/> × <paramref name="imageHeight"/>
    /// shown at the output aspect <paramref name="aspect"/> (width / height).</summary>
    /// <returns>(x, y, width, height) in pixels.</returns>
    internal (double X, double Y, double W, double H) ToPixels(int imageWidth, int imageHeight, double aspect)
    {
        double w = Width * imageWidth;
        return (X * imageWidth, Y * imageHeight, w, w / aspect);
    }

    /// <summary>The largest framing of the output's shape centred in the image (what "cover" shows).</summary>
    internal static Framing Cover(int imageWidth, int imageHeight, double aspect)
    {
        double w = Math.Min(imageWidth, imageHeight * aspect);
        double h = w / aspect;
        return new Framing((imageWidth - w) / 2 / imageWidth, (imageHeight - h) / 2 / imageHeight, w / imageWidth);
    }
}
