using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Manifests;

namespace SmartEnv.Supervision.Tests.Waste.Manifests;

/// <summary>SmartEnv rule: |actual − expected| &gt; max(1 % × expected, 0.001 t) is a quantity discrepancy. Hand values:
/// 2 t → allowed 0.02 t; 0.05 t → 1 % is 0.0005 t, so the 0.001 t floor applies.</summary>
public class QuantityToleranceTests
{
    private static readonly WasteRules Rules = WasteRules.Default;

    [Theory]
    [InlineData("2", "2.02", false)]     // exactly 1 %: within
    [InlineData("2", "1.98", false)]
    [InlineData("2", "2.020001", true)]  // just beyond
    [InlineData("2", "1.96", true)]      // 2 % short: flagged
    [InlineData("2", "2.04", true)]      // 2 % over: flagged
    [InlineData("0.05", "0.051", false)] // floor 0.001 t
    [InlineData("0.05", "0.0511", true)]
    [InlineData("0", "0.001", false)]
    [InlineData("0", "0.002", true)]
    public void Flags_beyond_one_percent_or_a_kilogram(string expected, string actual, bool exceeds) =>
        Assert.Equal(exceeds, QuantityTolerance.Exceeds(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture), Rules));

    [Fact]
    public void Allowed_difference_in_tonnes()
    {
        Assert.Equal(0.02m, QuantityTolerance.Allowed(2m, Rules));
        Assert.Equal(0.001m, QuantityTolerance.Allowed(0.05m, Rules));
    }

    [Fact]
    public void Negative_quantities_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantityTolerance.Exceeds(-1m, 1m, Rules));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantityTolerance.Exceeds(1m, -1m, Rules));
    }
}
