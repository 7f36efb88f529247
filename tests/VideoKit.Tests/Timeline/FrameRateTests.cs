namespace VideoKit.Tests.Timeline;

public sealed class FrameRateTests
{
    [Fact]
    public void FrameCountFor_NtscOneHour_HasNoDrift()
    {
        FrameRate rate = FrameRate.Ntsc30;

        long frames = rate.FrameCountFor(TimeSpan.FromHours(1));

        Assert.Equal(107_892, frames); // 3600 × 30000 / 1001 = 107 892.1
    }

    [Theory]
    [InlineData("30", 30, 1)]
    [InlineData("29.97", 30000, 1001)]
    [InlineData("30000/1001", 30000, 1001)]
    [InlineData("24000:1001", 24000, 1001)]
    [InlineData("12.5", 25, 2)]
    public void Parse_CommonForms_GivesExactRatio(string text, int numerator, int denominator)
    {
        FrameRate rate = FrameRate.Parse(text);

        Assert.Equal(new FrameRate(numerator, denominator), rate);
    }

    [Fact]
    public void Parse_Zero_ThrowsWithTheText()
    {
        var ex = Assert.Throws<FormatException>(() => FrameRate.Parse("0"));

        Assert.Equal("'0' is not a frame rate: use a positive number such as 30 or 29.97, or a ratio such as 30000/1001.", ex.Message);
    }

    [Fact]
    public void TimeAt_ThenFrameIndexAt_RoundTrips()
    {
        FrameRate rate = FrameRate.Ntsc30;

        for (long i = 0; i < 100_000; i += 977)
        {
            Assert.Equal(i, rate.FrameIndexAt(rate.TimeAt(i) + TimeSpan.FromTicks(1)));
        }
    }
}
