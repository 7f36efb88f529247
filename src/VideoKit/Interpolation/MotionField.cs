namespace VideoKit.Interpolation;

/// <summary>
/// Block motion vectors on the grid of the picture at time t between A and B: block (i, j) moves by
/// (<see cref="X"/>, <see cref="Y"/>) from A to B, so it shows A at p − t·v and B at p + (1 − t)·v. Units are pixels of
/// the plane the field was estimated on.
/// </summary>
internal sealed class MotionField
{
    public MotionField(int blocksX, int blocksY, int blockSize)
    {
        BlocksX = blocksX;
        BlocksY = blocksY;
        BlockSize = blockSize;
        X = new float[blocksX * blocksY];
        Y = new float[blocksX * blocksY];
        Cost = new int[blocksX * blocksY];
    }

    public int BlocksX { get; }

    public int BlocksY { get; }

    public int BlockSize { get; }

    public float[] X { get; }

    public float[] Y { get; }

    /// <summary>The matching cost (sum of absolute luma differences over the block) of each vector.</summary>
    public int[] Cost { get; }

    public int Count => X.Length;

    /// <summary>The mean matching error per pixel over all blocks.</summary>
    public double MeanError()
    {
        long sum = 0;
        foreach (int c in Cost)
        {
            sum += c;
        }

        return Count == 0 ? 0 : (double)sum / Count / (BlockSize * BlockSize);
    }
}
