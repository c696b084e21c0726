using SmartEnv.Supervision.Waste.Medical;

namespace SmartEnv.Supervision.Tests.Waste.Medical;

/// <summary>Indicator #17 (城镇医疗废物集中无害化处置率) against hand computations.</summary>
public sealed class CentralDisposalRateTests
{
    private static MedicalHandoverFact F(int y, int m, int d, decimal kg, bool disposed) => new(new DateOnly(y, m, d), kg, disposed);

    [Fact]
    public void Year_2025_by_hand()
    {
        MedicalHandoverFact[] facts =
        [
            F(2024, 12, 31, 100m, true),  // previous year: ignored
            F(2025, 1, 1, 12.5m, true),
            F(2025, 3, 10, 30m, true),
            F(2025, 6, 1, 7.5m, false),   // not taken by a central disposal unit
            F(2025, 12, 31, 50m, true),
            F(2026, 1, 1, 20m, false),    // next year: ignored
        ];
        // Generated 12.5 + 30 + 7.5 + 50 = 100 kg; disposed 12.5 + 30 + 50 = 92.5 kg → 92.5 %.
        var r = CentralDisposalRate.Compute(2025, facts);
        Assert.Equal((100m, 92.5m, 4), (r.GeneratedKg, r.DisposedKg, r.Handovers));
        Assert.Equal(92.5m, r.Percent);
        Assert.Equal(92.5m, r.Value);
        Assert.Contains("92.5 kg / 100 kg", r.Evidence, StringComparison.Ordinal);
        Assert.Contains(CentralDisposalRate.RuleVersion, r.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 3, 100)]
    [InlineData(0, 3, 0)]
    [InlineData(1, 800, 0.125)]
    public void Percent_is_exact(decimal disposed, decimal generated, decimal expected) =>
        Assert.Equal(expected, CentralDisposalRate.Percent(disposed, generated));

    [Fact]
    public void The_recorded_value_is_rounded_half_even_to_two_places()
    {
        // 1 of 800 kg = 0.125 % → 0.12 (GB/T 8170: a 5 followed by nothing rounds to even; half-up would give 0.13).
        Assert.Equal(0.12m, CentralDisposalRate.Compute(2025, [F(2025, 1, 1, 1m, true), F(2025, 1, 2, 799m, false)]).Value);
        // 1 of 3 kg = 33.333… % → 33.33.
        Assert.Equal(33.33m, CentralDisposalRate.Compute(2025, [F(2025, 1, 1, 1m, true), F(2025, 1, 2, 2m, false)]).Value);
    }

    [Fact]
    public void No_waste_no_rate()
    {
        Assert.Null(CentralDisposalRate.Percent(0m, 0m));
        var r = CentralDisposalRate.Compute(2025, [F(2024, 5, 5, 10m, true)]);
        Assert.Equal((0m, 0, (decimal?)null, (decimal?)null), (r.GeneratedKg, r.Handovers, r.Percent, r.Value));
    }

    [Fact]
    public void Impossible_weights_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CentralDisposalRate.Percent(2m, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => CentralDisposalRate.Percent(-1m, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => CentralDisposalRate.Compute(2025, [F(2025, 1, 1, 0m, true)]));
    }
}
