using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Tests.Air;

public class Hj663Tests
{
    [Theory]
    [InlineData(new[] { 3, 4, 8, 2, 5, 4 }, 90, "6.5")]
    public void PercentileExampleOfTheSource(int[] values, int p, string expected) =>
        Assert.Equal(decimal.Parse(expected), Percentile.Of(values.Select(v => (decimal)v), p));

    [Fact]
    public void PercentileExamplesOfStandardsMd()
    {
        // standards.md §3.2: 1…365 at p=90 → k = 1 + 364·0.9 = 328.6 → 328.6; 1…30 at p=95 → k = 28.55 → 28.55.
        Assert.Equal(328.6m, Percentile.Of(Enumerable.Range(1, 365).Select(v => (decimal)v), 90));
        Assert.Equal(28.55m, Percentile.Of(Enumerable.Range(1, 30).Select(v => (decimal)v), 95));
        Assert.Equal(7m, Percentile.Of([7m], 90));
    }

    [Fact]
    public void CompositeIndexWorkedExample()
    {
        // standards.md §3.6: 21/35 + 39/70 + 9/60 + 15/40 + 192/160 + 0.7/4 = 3.0571… → 3.06.
        IndicatorStatistics S(AqiIndicator i, decimal? mean, decimal? pct) => new(i, 365, mean, 0, pct, 0, null, []);
        var stats = new[]
        {
            S(AqiIndicator.Pm25_24h, 21, null), S(AqiIndicator.Pm10_24h, 39, null), S(AqiIndicator.So2_24h, 9, null),
            S(AqiIndicator.No2_24h, 15, null), S(AqiIndicator.O3_8h, null, 192), S(AqiIndicator.Co_24h, null, 0.7m),
        };
        var c = Hj663Assessment.Composite(stats, new DateOnly(2022, 12, 31))!;
        Assert.Equal(3.06m, c.Value);
        Assert.Equal(Gb3095Edition.Gb3095_2012, c.Edition);
        Assert.Equal(6, c.Terms.Count);
    }

    [Theory]
    [InlineData("2019-01-01", 0, "2018-12-31", 24)]
    [InlineData("2019-01-01", 1, "2019-01-01", 1)]
    [InlineData("2019-01-01", 23, "2019-01-01", 23)]
    public void HourEndingLabels(string date, int hour, string day, int hourOfDay)
    {
        Assert.Equal(DateOnly.Parse(day), HourEnding.NaturalDay(DateOnly.Parse(date), hour));
        Assert.Equal(hourOfDay, HourEnding.HourOfDay(hour));
        Assert.Equal((DateOnly.Parse(date), hour), HourEnding.Label(DateOnly.Parse(day), hourOfDay));
    }

    [Fact]
    public void DailyMeanNeedsTwentyHours()
    {
        var twenty = Enumerable.Range(0, 24).Select(i => i < 20 ? (decimal?)10 : null).ToList();
        var nineteen = Enumerable.Range(0, 24).Select(i => i < 19 ? (decimal?)10 : null).ToList();
        Assert.True(AirAveraging.DailyMean(twenty).Valid);
        Assert.Equal(10m, AirAveraging.DailyMean(twenty).Value);
        Assert.False(AirAveraging.DailyMean(nineteen).Valid);
        Assert.False(AirAveraging.EightHourMean([1, 2, 3, 4, 5, null, null, null]).Valid);
        Assert.Equal(3.5m, AirAveraging.EightHourMean([1, 2, 3, 4, 5, 6, null, null]).Value);
    }

    [Fact]
    public void O3DailyMax8hRule()
    {
        // 24 hours: O3 = hour number ×10 → windows end 8…24, the largest is hours 17…24: mean (170+…+240)/8 = 205.
        var full = Enumerable.Range(1, 24).Select(h => (decimal?)(h * 10)).ToList();
        var r = AirAveraging.O3DailyMaximum8h(full);
        Assert.Equal(205m, r.Value);
        Assert.Equal(17, r.ValidWindows);
        Assert.True(r.Valid);
        // Hours 1…10 missing: windows ending 8…12 have < 6 hours (end 12 covers 5…12, 2 valid) ; end 13 covers 6…13 (3), …
        // end 16 covers 9…16 (6 valid) → valid windows end 16…24 = 9 < 14. Max = 205 > 160 → still valid by exceedance.
        var gap = Enumerable.Range(1, 24).Select(h => h <= 10 ? null : (decimal?)(h * 10)).ToList();
        var g = AirAveraging.O3DailyMaximum8h(gap);
        Assert.Equal(9, g.ValidWindows);
        Assert.True(g.Valid);
        Assert.True(g.ExceedsLimit);
        var low = Enumerable.Range(1, 24).Select(h => h <= 10 ? null : (decimal?)50).ToList();
        Assert.False(AirAveraging.O3DailyMaximum8h(low).Valid);
    }

    [Fact]
    public void AnnualAndMonthlyValidity()
    {
        var year = Enumerable.Range(0, 365).Select(i => new DateOnly(2019, 1, 1).AddDays(i)).ToList();
        Assert.True(AirAveraging.AnnualValidity(year, 2019).Valid);
        // Drop Feb 1…4 (24 days left < 25): invalid although 361 ≥ 324.
        var lessFeb = year.Where(d => !(d.Month == 2 && d.Day <= 4)).ToList();
        var (ok, shortMonths) = AirAveraging.AnnualValidity(lessFeb, 2019);
        Assert.False(ok);
        Assert.Equal([2], shortMonths);
        // Drop 3 days of February: 25 left → fine.
        Assert.True(AirAveraging.AnnualValidity(year.Where(d => !(d.Month == 2 && d.Day <= 3)), 2019).Valid);
    }

    [Theory]
    [InlineData("2019-06-01", 2, 75)]
    [InlineData("2026-03-01", 2, 60)]
    [InlineData("2031-01-01", 2, 50)]
    [InlineData("2031-01-01", 1, 25)]
    public void Pm25DailyLimitByDate(string date, int grade, int limit) =>
        Assert.Equal(limit, Gb3095.Limit(DateOnly.Parse(date), AirPollutant.Pm25, Gb3095Averaging.Daily, grade));

    [Fact]
    public void AssessmentOfTwoSyntheticDays()
    {
        // Day 1 (2019-03-01): every hour SO2 10, NO2 40, CO 0.8, O3 100, PM10 80, PM2.5 50 → daily IAQI: SO2 10, NO2 50,
        // CO 20, O3 1h 32 (0→160: 50/160·100 = 31.25 → 32), O3 8h 50, PM10 65, PM2.5 (75−35 → 50..100) 50+50/40·15 = 68.75 → 69.
        // AQI 69, level 2, primary pm25_24h. Day 2: only 19 hours → all 24-h values invalid; excluded.
        var hours = new List<AirHour>();
        for (var h = 1; h <= 24; h++)
        {
            var (d, hr) = HourEnding.Label(new DateOnly(2019, 3, 1), h);
            hours.Add(new AirHour(d, hr, 10, 40, 0.8m, 100, 80, 50));
        }
        for (var h = 1; h <= 19; h++) hours.Add(new AirHour(new DateOnly(2019, 3, 2), h, 10, 40, 0.8m, 100, 80, 50));
        var a = Hj663Assessment.Assess(hours, new DateOnly(2019, 3, 1), new DateOnly(2019, 3, 2));
        var day1 = a.Days[0];
        Assert.True(day1.AqiValid);
        Assert.Equal(69, day1.Aqi!.Aqi);
        Assert.Equal([AqiIndicator.Pm25_24h], day1.Aqi.PrimaryPollutants);
        Assert.Equal("CNEMC-2014", day1.Aqi.Regime.Id);
        Assert.False(a.Days[1].AqiValid);
        Assert.Contains(a.Days[1].Exclusions, e => e.Indicator == AqiIndicator.Pm25_24h && e.Reason == DayExclusionReason.TooFewHours && e.Count == 19);
        Assert.Equal(1, a.ValidAqiDays);
        Assert.Equal(1, a.GoodDays);
        Assert.Equal(100.0m, a.GoodDayRatioPercent);
        Assert.Equal([0, 1, 0, 0, 0, 0], a.DaysPerLevel);
        var pm25 = a.Statistics.Single(s => s.Indicator == AqiIndicator.Pm25_24h);
        Assert.Equal(50m, pm25.Mean);
        // Composite: 10/60 + 40/40 + 0.8/4 + 100/160 + 80/70 + 50/35 = 0.1667+1+0.2+0.625+1.1429+1.4286 = 4.5631 → 4.56
        Assert.Equal(4.56m, a.Composite!.Value);
    }

    [Fact]
    public void CityMeanAveragesAvailableStations()
    {
        var d = new DateOnly(2019, 1, 1);
        var city = AirHour.CityMean([
            [new AirHour(d, 1, 10, 20, 1.0m, null, 30, 40)],
            [new AirHour(d, 1, 20, null, 0.5m, 60, 50, 41)],
        ]);
        var h = Assert.Single(city);
        Assert.Equal(15m, h.So2);
        Assert.Equal(20m, h.No2);
        Assert.Equal(0.75m, h.Co);
        Assert.Equal(60m, h.O3);
        Assert.Equal(40.5m, h.Pm25);
    }
}
