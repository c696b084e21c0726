using SmartEnv.Standards.Common;
using SmartEnv.Standards.Noise;
using SmartEnv.Standards.Water;
using SmartEnv.Verifications.Noise;
using SmartEnv.Verifications.Water;

namespace SmartEnv.Verifications.Tests;

/// <summary>Water and noise hypotheses; limits from GB 3838-2002 Table 1 (river) and GB 3096-2008 Table 1, by hand.</summary>
public class WaterNoiseVerifierTests
{
    private static readonly DateTimeOffset T0 = BeijingTime.At(new DateOnly(2020, 5, 1), new TimeOnly(8, 0));

    private static WaterPublishedRow Sample(decimal nh3n, decimal tp, WaterClass published, int day = 0) => new("S1", T0.AddDays(day),
        new Dictionary<WaterItem, decimal>
        {
            [WaterItem.PH] = 7.5m, [WaterItem.DissolvedOxygen] = 8m, [WaterItem.PermanganateIndex] = 3m,
            [WaterItem.AmmoniaNitrogen] = nh3n, [WaterItem.TotalPhosphorus] = tp,
        }, WaterItemSets.Auto5, WaterbodyType.River, published);

    [Fact]
    public void Water_input_rounding()
    {
        // TP 0.204 > 0.2 (Ⅲ limit) → Ⅳ; rounded to the limits' 2 decimals → 0.20 → Ⅲ. CODMn 3 → Ⅱ, NH3-N 0.4 → Ⅱ, DO 8 → Ⅰ.
        // Published Ⅲ: only rounding explains (without TP → Ⅱ; TP ÷1000 → Ⅱ; ×1000 → 劣Ⅴ).
        var r = WaterVerifier.Verify([Sample(0.4m, 0.204m, WaterClass.III)]);
        Assert.Equal(0, r.Matched);
        var m = Assert.Single(r.Mismatches);
        Assert.Equal(("Ⅲ", "Ⅳ", -1m), (m.Published, m.Ours, m.Difference));
        Assert.Equal([VerificationCauses.WaterInputRounding], m.Explaining);
        Assert.Equal(VerificationCauses.WaterInputRounding, Assert.Single(r.Findings).Cause);
        // TP 0.206 → 0.21 → still Ⅳ: published Ⅲ is then unexplained.
        Assert.Equal(VerificationCauses.Unexplained, Assert.Single(WaterVerifier.Verify([Sample(0.4m, 0.206m, WaterClass.III)]).Findings).Cause);
    }

    [Fact]
    public void Water_unit_scale_wins_over_a_dropped_item_by_precedence()
    {
        // NH3-N 400 (μg/L written as mg/L) → 劣Ⅴ (> 2.0); ÷1000 → 0.4 → Ⅱ; TP 0.05 → Ⅱ (0.02 < 0.05 ≤ 0.1). Published Ⅱ.
        // Both water-unit-scale/nh3n/1000 and missing-pollutant-ignored/nh3n give Ⅱ; precedence picks the unit scale.
        var r = WaterVerifier.Verify([Sample(400m, 0.05m, WaterClass.II)]);
        var m = Assert.Single(r.Mismatches);
        Assert.Contains("water-unit-scale/nh3n/1000", m.Explaining);
        Assert.Contains("missing-pollutant-ignored/nh3n", m.Explaining);
        Assert.Equal(VerificationCauses.WaterUnitScale, Assert.Single(r.Findings).Cause);
    }

    [Fact]
    public void Water_other_waterbody()
    {
        // TP 0.03: river Ⅱ (0.02 < 0.03 ≤ 0.1); lake/reservoir limits 0.01, 0.025, 0.05 → Ⅲ. Other items Ⅱ at worst.
        // Published Ⅲ for a river: the lake limits reproduce it (dropping TP or scaling it gives Ⅱ).
        var r = WaterVerifier.Verify([Sample(0.4m, 0.03m, WaterClass.III)]);
        var m = Assert.Single(r.Mismatches);
        Assert.Equal(("Ⅲ", "Ⅱ"), (m.Published, m.Ours));
        Assert.Equal([VerificationCauses.WaterOtherWaterbody], m.Explaining);
        // Published Ⅳ: not reproduced by the lake limits (Ⅲ) either.
        Assert.DoesNotContain(VerificationCauses.WaterOtherWaterbody, Assert.Single(WaterVerifier.Verify([Sample(0.4m, 0.03m, WaterClass.IV)]).Mismatches).Explaining);
    }

    [Fact]
    public void Water_matching_class()
    {
        // NH3-N 0.4 → Ⅱ, TP 0.05 → Ⅱ: class Ⅱ.
        var r = WaterVerifier.Verify([Sample(0.4m, 0.05m, WaterClass.II)]);
        Assert.Equal(100m, r.MatchRate);
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void Noise_input_rounding_and_limits()
    {
        // Zone 2: day 60, night 50. Ld 60.4 > 60 → 超标; rounded 60 ≤ 60 → 达标 (published). Ld 60.0 = limit → 达标 (match).
        var rows = new NoisePublishedRow[]
        {
            new("N1", T0, Gb3096Zone.Zone2, 60.4m, null, true, null),
            new("N1", T0.AddDays(1), Gb3096Zone.Zone2, 60.0m, null, true, null),
        };
        var r = NoiseVerifier.Verify(rows);
        Assert.Equal(1, r.Matched);
        var m = Assert.Single(r.Mismatches);
        Assert.Equal(("昼达标", "昼超标"), (m.Published, m.Ours));
        Assert.Equal(VerificationCauses.NoiseInputRounding, Assert.Single(r.Findings).Cause);
        // Ld 60.6 → rounds to 61 > 60 → 超标: published 达标 unexplained.
        Assert.Equal(VerificationCauses.Unexplained,
            Assert.Single(NoiseVerifier.Verify([new NoisePublishedRow("N1", T0, Gb3096Zone.Zone2, 60.6m, null, true, null)]).Findings).Cause);
    }

    [Fact]
    public void Noise_day_night_swapped()
    {
        // Zone 2, Ld 55 Ln 55: standard 昼达标 (55 ≤ 60)；夜超标 (55 > 50). Swapped: Ld vs 50 → 超标, Ln vs 60 → 达标.
        var r = NoiseVerifier.Verify([new NoisePublishedRow("N1", T0, Gb3096Zone.Zone2, 55m, 55m, false, true)]);
        var m = Assert.Single(r.Mismatches);
        Assert.Equal(("昼超标；夜达标", "昼达标；夜超标"), (m.Published, m.Ours));
        Assert.Equal(VerificationCauses.NoiseDayNightSwapped, Assert.Single(r.Findings).Cause);
    }
}
