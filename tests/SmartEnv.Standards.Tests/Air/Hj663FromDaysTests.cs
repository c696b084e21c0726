using SmartEnv.Standards.Air;

namespace SmartEnv.Standards.Tests.Air;

/// <summary>
/// <see cref="Hj663Assessment.FromDays"/> (the statistics of stored daily rows): days of the period without a row are
/// days without data, and the statistics are those of the given daily values, hand-worked.
/// </summary>
public class Hj663FromDaysTests
{
    private static AirDay Day(DateOnly date, decimal pm25)
    {
        var values = new Dictionary<AqiIndicator, decimal>
        {
            [AqiIndicator.So2_24h] = 10, [AqiIndicator.No2_24h] = 20, [AqiIndicator.Co_24h] = 0.5m, [AqiIndicator.O3_1h] = 100,
            [AqiIndicator.O3_8h] = 100, [AqiIndicator.Pm10_24h] = 60, [AqiIndicator.Pm25_24h] = pm25,
        };
        return new AirDay(date, values, AqiCalculator.Daily(values, AqiRegime.Cnemc2014), []);
    }

    [Fact]
    public void A_day_without_a_row_is_a_day_without_data_and_the_statistics_are_those_of_the_given_days()
    {
        var from = new DateOnly(2019, 7, 1);
        // PM2.5 40 → IAQI 57 (good), 80 → 107 (level 3); 2019-07-02 has no row.
        var a = Hj663Assessment.FromDays([Day(from, 40), Day(from.AddDays(2), 80)], from, from.AddDays(2));
        Assert.Equal(3, a.Days.Count);
        var missing = a.Days[1];
        Assert.Null(missing.Aqi);
        Assert.Equal(7, missing.Exclusions.Count);
        Assert.All(missing.Exclusions, e => Assert.Equal((DayExclusionReason.NoData, 0), (e.Reason, e.Count)));
        Assert.Equal(14, missing.Exclusions.Single(e => e.Indicator == AqiIndicator.O3_8h).Required);
        Assert.Equal(20, missing.Exclusions.Single(e => e.Indicator == AqiIndicator.Pm25_24h).Required);
        Assert.Equal((2, 1, 50.0m), (a.ValidAqiDays, a.GoodDays, a.GoodDayRatioPercent));
        var pm = a.Statistics.Single(s => s.Indicator == AqiIndicator.Pm25_24h);
        // Mean (40 + 80)/2 = 60; P95: k = 1 + (2 − 1)·0.95 = 1.95 → 40 + 0.95·40 = 78; 80 > 75 (GB 3095-2012 grade II daily) → 1 day.
        Assert.Equal((2, 60m, 78m, 1), (pm.ValidDays, pm.Mean, pm.Percentile, pm.ExceedanceDays));
    }
}
