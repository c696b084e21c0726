using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Supervision.Tests.Waste.Ledger;

/// <summary>HJ 1259-2022 §5.5 tonnes (supervision.md §3.2). Every expected value worked by hand in the row.</summary>
public class TonneConversionTests
{
    [Theory]
    [InlineData("180", "kg", null, "0.18")]          // 180 / 1000
    [InlineData("250", "g", null, "0.00025")]        // 250 / 1 000 000
    [InlineData("1.5", "t", null, "1.5")]
    [InlineData("1.5", "吨", null, "1.5")]
    [InlineData("2", "公斤", null, "0.002")]
    [InlineData("200", "L", "0.9", "0.18")]          // 200 L = 0.2 m³ × 0.9 t/m³
    [InlineData("200", "升", "0.9", "0.18")]
    [InlineData("2", "m3", "1.2", "2.4")]            // 2 × 1.2
    [InlineData("2", "m³", "1.2", "2.4")]
    [InlineData("3", "L", "0.0015", "0.000004")]     // 0.003 × 0.0015 = 0.0000045 → half-even to 6 decimals: 0.000004
    [InlineData("5", "L", "0.0015", "0.000008")]     // 0.0000075 → 0.000008
    public void Converts_to_tonnes(string qty, string unit, string? density, string expected)
    {
        Assert.True(TonneConversion.TryToTonnes(decimal.Parse(qty), unit, density is null ? null : decimal.Parse(density), out var t, out var reason), reason);
        Assert.Equal(decimal.Parse(expected), t);
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("0", "kg", null, "greater than 0")]
    [InlineData("-1", "t", null, "greater than 0")]
    [InlineData("10", "件", null, "not one of")]
    [InlineData("10", null, null, "not one of")]
    [InlineData("200", "L", null, "density")]
    [InlineData("200", "m3", "0", "density")]
    [InlineData("0.4", "g", null, "less than 0.000001 t")]  // 0.0000004 t rounds to 0
    [InlineData("100000000", "t", null, "exceeds")]
    public void Refuses_with_a_reason(string qty, string? unit, string? density, string fragment)
    {
        Assert.False(TonneConversion.TryToTonnes(decimal.Parse(qty), unit, density is null ? null : decimal.Parse(density), out var t, out var reason));
        Assert.Equal(0m, t);
        Assert.Contains(fragment, reason);
    }
}
