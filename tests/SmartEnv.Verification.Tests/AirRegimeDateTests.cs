using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Verifications.Air;
using static SmartEnv.Verifications.Tests.AirRows;

namespace SmartEnv.Verifications.Tests;

/// <summary>
/// Regime hypotheses are limited to regimes already in force on the row's date (a publisher may lag, not anticipate),
/// and the English summary's singular/plural. Hand values: background of <see cref="AirRows"/> (max 30), PM2.5 1-h 70:
/// CNEMC-2014 (2012 24-h PM2.5 column 35→50, 75→100): 50 + 50·(70 − 35)/40 = 93.75 → 94.
/// HJ 633-2026 (Table 3 PM2.5 35→50, 60→100, 115→150): 100 + 50·(70 − 60)/55 = 109.09 → 110.
/// </summary>
public class AirRegimeDateTests
{
    private static AirPublishedRow Row2026(int published)
    {
        var c = new Dictionary<AqiIndicator, decimal>
        {
            [AqiIndicator.So2_1h] = 5m, [AqiIndicator.No2_1h] = 10m, [AqiIndicator.Co_1h] = 0.5m, [AqiIndicator.O3_1h] = 20m,
            [AqiIndicator.Pm10_1h] = 30m, [AqiIndicator.Pm25_1h] = 70m,
        };
        var date = new DateOnly(2026, 4, 10);
        return new AirPublishedRow("A", BeijingTime.HourEnd(date, 5), HourEnding.NaturalDay(date, 5), c, published);
    }

    [Fact]
    public void Later_regime_is_not_a_hypothesis_for_earlier_data()
    {
        // 2019-05-01: CNEMC-2014 in force, ours 94; published 110 = the HJ 633-2026 value, a rule of 2026 → no regime explains.
        var row = Row("A", 5, 1, 5, 70m, 110);
        var checkedRow = AirVerifier.Check(row)!;
        Assert.Equal("94", checkedRow.Ours);
        Assert.DoesNotContain(VerificationCauses.Regime(AqiRegime.Hj633_2026.Id), VerificationEngine.Explaining(checkedRow));
        var report = AirVerifier.Verify([row]);
        var f = Assert.Single(report.Findings);
        Assert.Equal(VerificationCauses.Unexplained, f.Cause);
        // Without a date the engine's Predict still offers every regime (110 by hand above).
        Assert.Equal(110, AirVerifier.Predict(row.Concentrations, AqiRegime.Cnemc2014)[VerificationCauses.Regime(AqiRegime.Hj633_2026.Id)]);
        Assert.Null(AirVerifier.Predict(row.Concentrations, AqiRegime.Cnemc2014, day: row.Day)
            .GetValueOrDefault(VerificationCauses.Regime(AqiRegime.Hj633_2026.Id)));
    }

    [Fact]
    public void Earlier_regime_is_still_a_hypothesis_for_later_data()
    {
        // 2026-04-10: HJ 633-2026 in force, ours 110; published 94 = CNEMC-2014 value (publisher lagging) → regime:CNEMC-2014.
        var row = Row2026(94);
        var checkedRow = AirVerifier.Check(row)!;
        Assert.Equal("110", checkedRow.Ours);
        Assert.Contains(VerificationCauses.Regime(AqiRegime.Cnemc2014.Id), VerificationEngine.Explaining(checkedRow));
        Assert.Equal(VerificationCauses.Regime(AqiRegime.Cnemc2014.Id), Assert.Single(AirVerifier.Verify([row]).Findings).Cause);
    }

    [Fact]
    public void In_force_boundaries()
    {
        // HJ 633-2026 from 2026-03-01: the day before no, the day itself and after yes. CNEMC-2014 from 2014-01-01.
        Assert.False(AirVerifier.InForceOn(AqiRegime.Hj633_2026, new DateOnly(2026, 2, 28)));
        Assert.True(AirVerifier.InForceOn(AqiRegime.Hj633_2026, new DateOnly(2026, 3, 1)));
        Assert.True(AirVerifier.InForceOn(AqiRegime.Hj633_2026, new DateOnly(2026, 3, 2)));
        Assert.False(AirVerifier.InForceOn(AqiRegime.Cnemc2014, new DateOnly(2013, 12, 31)));
        Assert.True(AirVerifier.InForceOn(AqiRegime.Cnemc2014, new DateOnly(2014, 1, 1)));
        Assert.True(AirVerifier.InForceOn(AqiRegime.Hj633_2012, new DateOnly(2013, 12, 31)));
    }

    [Fact]
    public void English_summary_singular_and_plural()
    {
        // One mismatching station-hour at one station: "1 station-hour at 1 station".
        var one = Assert.Single(AirVerifier.Verify([Row("A", 5, 1, 5, 70m, 110)]).Findings);
        Assert.Contains("1 station-hour at 1 station,", one.SummaryEn);
        // Two hours at two stations (same hour, stations A and B): "2 station-hours at 2 stations".
        var two = Assert.Single(AirVerifier.Verify([Row("A", 5, 1, 5, 70m, 110), Row("B", 5, 1, 5, 70m, 110)]).Findings);
        Assert.Contains("2 station-hours at 2 stations,", two.SummaryEn);
    }
}
