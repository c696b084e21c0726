using SmartEnv.Standards.Air;
using SmartEnv.Verifications.Air;
using static SmartEnv.Verifications.Tests.AirRows;

namespace SmartEnv.Verifications.Tests;

/// <summary>Each air hypothesis: one case it explains and one it does not (values by hand, see <see cref="AirRows"/>).</summary>
public class AirHypothesisTests
{
    private static IReadOnlyDictionary<string, int?> P(AirPublishedRow r, AqiRegime? regime = null) =>
        AirVerifier.Predict(r.Concentrations, regime ?? AqiRegime.Cnemc2014);

    private static IReadOnlyList<string> Explaining(AirPublishedRow r) =>
        VerificationEngine.Explaining(AirVerifier.Check(r)!);

    [Fact]
    public void Standard_is_ceiling_of_formula_one()
    {
        // 56.25 → 57; 57.5 → 58; 60 exactly → 60.
        Assert.Equal("57", AirVerifier.Check(Row("A", 3, 1, 1, 40m, 0))!.Ours);
        Assert.Equal("58", AirVerifier.Check(Row("A", 3, 1, 1, 41m, 0))!.Ours);
        Assert.Equal("60", AirVerifier.Check(Row("A", 3, 1, 1, 43m, 0))!.Ours);
    }

    [Fact]
    public void Rounding_nearest_and_floor()
    {
        // 40 → 56.25: nearest 56, floor 56. 41 → 57.5: nearest 58 (half up), floor 57. 42 → 58.75: nearest 59, floor 58.
        Assert.Equal(56, P(Row("A", 3, 1, 1, 40m, 0))[VerificationCauses.RoundingNearest]);
        Assert.Equal(56, P(Row("A", 3, 1, 1, 40m, 0))[VerificationCauses.RoundingFloor]);
        Assert.Equal(58, P(Row("A", 3, 1, 1, 41m, 0))[VerificationCauses.RoundingNearest]);
        Assert.Equal(57, P(Row("A", 3, 1, 1, 41m, 0))[VerificationCauses.RoundingFloor]);
        Assert.Equal(58, P(Row("A", 3, 1, 1, 42m, 0))[VerificationCauses.RoundingFloor]);
        // Published 57 for 41: floor explains, nearest does not.
        var e = Explaining(Row("A", 3, 1, 1, 41m, 57));
        Assert.Contains(VerificationCauses.RoundingFloor, e);
        Assert.DoesNotContain(VerificationCauses.RoundingNearest, e);
        // Published 56 for 40: both explain (only a group separates them).
        e = Explaining(Row("A", 3, 1, 1, 40m, 56));
        Assert.Contains(VerificationCauses.RoundingFloor, e);
        Assert.Contains(VerificationCauses.RoundingNearest, e);
    }

    [Fact]
    public void So2_daily_breakpoints_on_hourly_value()
    {
        // SO2 1h 900 > 800 with SO2 24h 200: standard = IAQI of 200 on the 24-h column (150–475 → 100–150):
        // 100 + 50·50/325 = 107.69 → 108. Hypothesis: 900 on the 24-h column (800–1600 → 200–300): 200 + 100·100/800 = 212.5 → 213.
        var r = Row("C", 6, 10, 1, 20m, 213, so2: 900m, so2Daily: 200m);
        Assert.Equal("108", AirVerifier.Check(r)!.Ours);
        Assert.Equal(213, P(r)[VerificationCauses.So2DailyBreakpointsOnHourly]);
        Assert.Equal([VerificationCauses.So2DailyBreakpointsOnHourly], Explaining(r));
        // Published 212 (the hypothesis rounded down): not explained by it.
        Assert.DoesNotContain(VerificationCauses.So2DailyBreakpointsOnHourly, Explaining(r with { Aqi = 212 }));
    }

    [Fact]
    public void O3_eight_hour_included_and_excluded()
    {
        // O3 8h 180 on its column (160–215 → 100–150): 100 + 50·20/55 = 118.18 → 119. CNEMC-2014 leaves it out (AQI 57).
        var r = Row("A", 7, 1, 15, 40m, 119, o3Eight: 180m);
        Assert.Equal("57", AirVerifier.Check(r)!.Ours);
        Assert.Equal(119, P(r)[VerificationCauses.O3EightHourIncluded]);
        Assert.Null(P(r)[VerificationCauses.O3EightHourExcluded]);
        // HJ 633-2012 text (Table 4) includes it: standard 119; excluded → max(PM2.5 24h 40 → 57, 30) = 57.
        var c = new Dictionary<AqiIndicator, decimal>
        {
            [AqiIndicator.So2_1h] = 5m, [AqiIndicator.No2_1h] = 10m, [AqiIndicator.Co_1h] = 0.5m, [AqiIndicator.O3_1h] = 20m,
            [AqiIndicator.O3_8h] = 180m, [AqiIndicator.Pm10_24h] = 30m, [AqiIndicator.Pm25_24h] = 40m,
        };
        var p = AirVerifier.Predict(c, AqiRegime.Hj633_2012);
        Assert.Equal(57, p[VerificationCauses.O3EightHourExcluded]);
        Assert.Null(p[VerificationCauses.O3EightHourIncluded]);
    }

    [Fact]
    public void Input_rounding()
    {
        // PM2.5 35.4: 50 + 1.25·0.4 = 50.5 → 51; rounded first to 35 → 50. 35.6: 50 + 1.25·0.6 = 50.75 → 51; rounded first
        // to 36 → 51.25 → 52.
        Assert.Equal(50, P(Row("A", 3, 1, 1, 35.4m, 0))[VerificationCauses.InputRounding]);
        Assert.Equal(52, P(Row("A", 3, 1, 1, 35.6m, 0))[VerificationCauses.InputRounding]);
        Assert.Equal("51", AirVerifier.Check(Row("A", 3, 1, 1, 35.6m, 0))!.Ours);
    }

    [Fact]
    public void Unit_scale()
    {
        // CO written in μg/m³ (4000) as if mg/m³: standard caps at 500; ÷1000 → 4 mg/m³ on the CO 1h column 0–5 → 40.
        var r = Row("A", 3, 1, 1, 20m, 40, co: 4000m);
        Assert.Equal("500", AirVerifier.Check(r)!.Ours);
        Assert.Equal(40, P(r)["unit-scale/co_1h/1000"]);
        Assert.Contains("unit-scale/co_1h/1000", Explaining(r));
        // PM2.5 20 → 25 (0–35 → 0–50: 50·20/35 = 28.57 → 29), AQI 30; ×1000 → 20000 → capped 500.
        Assert.Equal(500, P(Row("A", 3, 1, 1, 20m, 0))["unit-scale/pm25_1h*1000"]);
    }

    [Fact]
    public void Missing_pollutant_ignored()
    {
        // PM2.5 60 → 50 + 1.25·25 = 81.25 → 82; without PM2.5 the AQI is PM10's 30.
        var r = Row("A", 3, 1, 1, 60m, 30);
        Assert.Equal(30, P(r)["missing-pollutant-ignored/pm25_1h"]);
        Assert.Equal(82, P(r)["missing-pollutant-ignored/pm10_1h"]);
        Assert.Contains("missing-pollutant-ignored/pm25_1h", Explaining(r));
    }

    [Fact]
    public void Another_regime()
    {
        // HJ 633-2026 PM2.5 column 35–60 → 50–100: 40 → 50 + 2·5 = 60. HJ 633-2012 needs 24-h means the row lacks: no prediction.
        var p = P(Row("A", 3, 1, 1, 40m, 0));
        Assert.Equal(60, p["regime:HJ633-2026"]);
        Assert.Null(p["regime:HJ633-2012"]);
    }

    [Fact]
    public void Off_by_seven_is_explained_by_nothing()
    {
        // 40 → 57; published 64 = 57 + 7. Predictions: nearest/floor 56, HJ633-2026 60, others 57, 30 or 500.
        Assert.Empty(Explaining(Row("A", 3, 1, 1, 40m, 64)));
    }
}
