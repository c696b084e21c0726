using SmartEnv.Supervision.Waste.Labels;

namespace SmartEnv.Supervision.Tests.Waste.Labels;

/// <summary>HJ 1276-2022 label sizes by container volume (supervision.md §3.5 [S]): every band edge, the 450 L overlap
/// (the larger label, one copy) and two labels above 450 L.</summary>
public class LabelSizeTests
{
    [Theory]
    [InlineData("0.5", 100, 3, 1)]
    [InlineData("50", 100, 3, 1)]
    [InlineData("50.001", 150, 5, 1)]
    [InlineData("200", 150, 5, 1)]
    [InlineData("449.999", 150, 5, 1)]
    [InlineData("450", 200, 6, 1)]
    [InlineData("450.001", 200, 6, 2)]
    [InlineData("1000", 200, 6, 2)]
    public void Size_by_volume(string litres, int sideMm, int textMm, int copies)
    {
        var d = LabelSize.For(decimal.Parse(litres, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(sideMm, d.WidthMm);
        Assert.Equal(sideMm, d.HeightMm);
        Assert.Equal(textMm, d.MinTextHeightMm);
        Assert.Equal(copies, d.Copies);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_volume_that_is_not_positive_is_refused(string litres) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelSize.For(decimal.Parse(litres, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_unknown_volume_gets_the_largest_single_label()
    {
        var d = LabelSize.For((decimal?)null);
        Assert.Equal((200, 200, 6m, 1), (d.WidthMm, d.HeightMm, d.MinTextHeightMm, d.Copies));
    }
}
