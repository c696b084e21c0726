using SmartEnv.Standards.Air;

namespace SmartEnv.Standards.Tests.Air;

public class AqiCalculatorTests
{
    private static Dictionary<AqiIndicator, decimal> D(params (AqiIndicator, decimal)[] kv) => kv.ToDictionary(x => x.Item1, x => x.Item2);

    [Fact]
    public void FloatTrapsAreExact()
    {
        // (50/2)·(2.2−2)+50 = 55 exactly; (300−200)/(90−60)·(65.4−60)+200 = 218 exactly.
        Assert.Equal(55, AqiCalculator.Iaqi(AqiIndicator.Co_24h, 2.2m, AqiRegime.Cnemc2014)!.Value);
        Assert.Equal(218, AqiCalculator.Iaqi(AqiIndicator.Co_1h, 65.4m, AqiRegime.Cnemc2014)!.Value);
    }

    [Fact]
    public void Cnemc2014HourlyUsesPmOneHourOnDailyBreakpointsAndNoO3EightHour()
    {
        // Case H02 inputs: PM2.5 1h 150 → IAQI 200 on the 2012 24-h column (150 is its IAQI-200 breakpoint);
        // PM10 1h 160: (150−100)/(250−150)·(160−150)+100 = 105.
        var r = AqiCalculator.Hourly(D((AqiIndicator.So2_1h, 20), (AqiIndicator.No2_1h, 60), (AqiIndicator.Co_1h, 0.8m),
            (AqiIndicator.O3_1h, 90), (AqiIndicator.O3_8h, 500), (AqiIndicator.Pm10_1h, 160), (AqiIndicator.Pm10_24h, 90),
            (AqiIndicator.Pm25_1h, 150), (AqiIndicator.Pm25_24h, 60)), AqiRegime.Cnemc2014);
        Assert.Equal(200, r.Aqi);
        Assert.Equal(105, r.Iaqi[AqiIndicator.Pm10_1h]);
        Assert.False(r.Iaqi.ContainsKey(AqiIndicator.O3_8h));
        Assert.Equal([AqiIndicator.Pm25_1h], r.PrimaryPollutants);
        Assert.Equal([AqiIndicator.Pm10_1h, AqiIndicator.Pm25_1h], r.Exceeding);
        Assert.True(r.Complete);
    }

    [Fact]
    public void MissingPollutantGivesIncompleteResultAndPublicationRule()
    {
        var r = AqiCalculator.Hourly(D((AqiIndicator.Pm25_1h, 40)), AqiRegime.Hj633_2026);
        // 2026 PM2.5: (100−50)/(60−35)·(40−35)+50 = 60
        Assert.Equal(60, r.Aqi);
        Assert.False(r.Complete);
        Assert.False(r.Publishable); // HJ 633-2026 §5.3.1: incomplete and AQI ≤ 100 → NA
        Assert.Equal(5, r.Missing.Count);
        var high = AqiCalculator.Hourly(D((AqiIndicator.Pm25_1h, 80)), AqiRegime.Hj633_2026);
        Assert.True(high.Publishable);
    }

    [Fact]
    public void NoIndicatorGivesNoAqi()
    {
        var r = AqiCalculator.Daily(D(), AqiRegime.Hj633_2012);
        Assert.Null(r.Aqi);
        Assert.Null(r.Level);
        Assert.False(r.Complete);
    }

    [Fact]
    public void So2AboveEightHundredWithoutDailyMeanIsNotComputedUnder2012()
    {
        var r = AqiCalculator.Hourly(D((AqiIndicator.So2_1h, 801)), AqiRegime.Cnemc2014);
        Assert.Null(r.Iaqi[AqiIndicator.So2_1h]);
        Assert.Equal(IaqiNote.So2DailyMeanMissing, r.Entries[0].Note);
        Assert.Null(r.Aqi);
    }

    [Fact]
    public void NegativeConcentrationIsMisuse() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AqiCalculator.Hourly(D((AqiIndicator.Pm25_1h, -1)), AqiRegime.Hj633_2026));

    [Theory]
    [InlineData("2013-12-31", "HJ633-2012")]
    [InlineData("2014-01-01", "CNEMC-2014")]
    [InlineData("2019-06-15", "CNEMC-2014")]
    [InlineData("2026-02-28", "CNEMC-2014")]
    [InlineData("2026-03-01", "HJ633-2026")]
    public void RegimeByDate(string date, string id) => Assert.Equal(id, AqiRegime.ForDate(DateOnly.Parse(date)).Id);

    [Theory]
    [InlineData("hj633-2012")]
    [InlineData("CNEMC-2014")]
    [InlineData("HJ633-2026")]
    public void RegimeById(string id) => Assert.Equal(id, AqiRegime.FromId(id).Id, ignoreCase: true);

    [Fact]
    public void UnknownRegimeIsMisuse() => Assert.Throws<ArgumentException>(() => AqiRegime.FromId("EPA"));

    [Theory]
    [InlineData(0, 1, "#00E400")]
    [InlineData(50, 1, "#00E400")]
    [InlineData(51, 2, "#FFFF00")]
    [InlineData(150, 3, "#FF7E00")]
    [InlineData(200, 4, "#FF0000")]
    [InlineData(300, 5, "#99004C")]
    [InlineData(301, 6, "#7E0023")]
    public void LevelsAndColoursOfAppendixA(int aqi, int level, string color)
    {
        var c = AqiCategory.ForAqi(aqi);
        Assert.Equal(level, c.Level);
        Assert.Equal(color, c.Color);
    }

    [Fact] // HJ 633-2012 Table 2: 0–50, 51–100, 101–150, 151–200, 201–300, >300 (the scale tops at 500, where IAQI is capped).
    public void Band_limits_are_the_closed_integer_ranges_of_Table_2()
    {
        Assert.Equal([(0, 50), (51, 100), (101, 150), (151, 200), (201, 300), (301, 500)], AqiCategory.Levels.Select(c => (c.Min, c.Max)));
        foreach (var c in AqiCategory.Levels)
        {
            Assert.Same(c, AqiCategory.ForAqi(c.Min));
            Assert.Same(c, AqiCategory.ForAqi(c.Max));
        }
        Assert.Equal(6, AqiCategory.ForAqi(501).Level);
    }
}
