using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Generators;

namespace SmartEnv.Supervision.Tests.Waste.Generators;

/// <summary>HJ 1259-2022 §4.2.1 thresholds (10 t, 100 t, both inclusive) and §4.2.3 basis (running ≥ 3 years: max of the
/// last three; 1–3 years: max during operation; &lt; 1 year: EIA/permit). Class year 2027 throughout; values by hand.</summary>
public class ManagementClassRuleTests
{
    private static readonly WasteRules R = WasteRules.Default;

    private static ClassDecision D(decimal t, bool facility = false, bool licence = false) =>
        ManagementClassRule.Decide([(2024, 0m), (2025, 0m), (2026, t)], 2027, facility, licence, null, R);

    [Theory]
    [InlineData("9.999999", WasteManagementClass.Registration)]
    [InlineData("10", WasteManagementClass.Simplified)]
    [InlineData("10.000001", WasteManagementClass.Simplified)]
    [InlineData("99.999999", WasteManagementClass.Simplified)]
    [InlineData("100", WasteManagementClass.Key)]
    [InlineData("0", WasteManagementClass.Registration)]
    public void Thresholds_are_inclusive(string tonnes, WasteManagementClass expected) =>
        Assert.Equal(expected, D(decimal.Parse(tonnes, System.Globalization.CultureInfo.InvariantCulture)).Class);

    [Fact]
    public void Own_facility_or_licence_is_key_whatever_the_tonnage()
    {
        Assert.Equal(WasteManagementClass.Key, D(0.5m, facility: true).Class);
        Assert.True(D(0.5m, facility: true).ByFacilityOrLicence);
        Assert.Equal(WasteManagementClass.Key, D(0.5m, licence: true).Class);
        Assert.False(D(150m).ByFacilityOrLicence);
    }

    [Fact]
    public void Running_three_years_or_more_takes_the_max_of_the_last_three_only()
    {
        // 2023 had 150 t but is four years back: 2024 12 t, 2025 8 t, 2026 9 t → max 12 t → simplified.
        var d = ManagementClassRule.Decide([(2023, 150m), (2024, 12m), (2025, 8m), (2026, 9m)], 2027, false, false, 500m, R);
        Assert.Equal(ClassBasis.ThreeYearMax, d.Basis);
        Assert.Equal([2024, 2025, 2026], d.BasisYears);
        Assert.Equal(12m, d.BasisTonnes);
        Assert.Equal(WasteManagementClass.Simplified, d.Class);
    }

    [Fact]
    public void Running_exactly_three_years_is_the_three_year_rule_and_a_missing_year_counts_zero()
    {
        // First figure 2024 = Y−3: 2024 5 t, 2025 absent, 2026 4 t → max 5 t → registration.
        var d = ManagementClassRule.Decide([(2024, 5m), (2026, 4m)], 2027, false, false, null, R);
        Assert.Equal(ClassBasis.ThreeYearMax, d.Basis);
        Assert.Equal(5m, d.BasisTonnes);
        Assert.Equal(WasteManagementClass.Registration, d.Class);
    }

    [Fact]
    public void Running_two_years_takes_the_max_during_operation()
    {
        var d = ManagementClassRule.Decide([(2025, 101m), (2026, 20m)], 2027, false, false, 5m, R);
        Assert.Equal(ClassBasis.OperatingMax, d.Basis);
        Assert.Equal([2025, 2026], d.BasisYears);
        Assert.Equal(101m, d.BasisTonnes);
        Assert.Equal(WasteManagementClass.Key, d.Class);
    }

    [Fact]
    public void Running_one_year_takes_that_year_not_the_eia()
    {
        var d = ManagementClassRule.Decide([(2026, 10m)], 2027, false, false, 200m, R);
        Assert.Equal(ClassBasis.OperatingMax, d.Basis);
        Assert.Equal([2026], d.BasisYears);
        Assert.Equal(WasteManagementClass.Simplified, d.Class);
    }

    [Fact]
    public void Under_a_year_uses_the_eia_or_permit_figure_and_the_current_year_is_ignored()
    {
        var d = ManagementClassRule.Decide([(2027, 500m)], 2027, false, false, 100m, R);
        Assert.Equal(ClassBasis.EiaOrPermit, d.Basis);
        Assert.Empty(d.BasisYears);
        Assert.Equal(100m, d.BasisTonnes);
        Assert.Equal(WasteManagementClass.Key, d.Class);
        var none = ManagementClassRule.Decide([], 2027, false, false, null, R);
        Assert.Equal((ClassBasis.None, 0m, WasteManagementClass.Registration), (none.Basis, none.BasisTonnes, none.Class));
    }

    [Fact]
    public void The_explanation_names_the_clause_and_the_years()
    {
        var d = ManagementClassRule.Decide([(2024, 100m), (2025, 1m), (2026, 1m)], 2027, false, false, null, R);
        Assert.Equal("HJ 1259-2022 §4.2.1/§4.2.3: max of 2024–2026 = 100 t ≥ 100 t → key", d.Explanation);
    }

    [Fact]
    public void Negative_or_repeated_years_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ManagementClassRule.Decide([(2026, -1m)], 2027, false, false, null, R));
        Assert.Throws<ArgumentException>(() => ManagementClassRule.Decide([(2026, 1m), (2026, 2m)], 2027, false, false, null, R));
    }
}
