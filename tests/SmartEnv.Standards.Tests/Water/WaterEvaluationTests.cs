using SmartEnv.Standards.Water;

namespace SmartEnv.Standards.Tests.Water;

public class WaterEvaluationTests
{
    private static Dictionary<WaterItem, decimal> S(decimal codmn, decimal nh3n) =>
        new() { [WaterItem.PermanganateIndex] = codmn, [WaterItem.AmmoniaNitrogen] = nh3n };

    [Fact]
    public void Period_mean_is_the_arithmetic_mean_per_item()
    {
        var m = WaterPeriod.Mean([S(3m, 0.2m), S(5m, 0.4m), new Dictionary<WaterItem, decimal> { [WaterItem.PermanganateIndex] = 7m }]);
        Assert.Equal(5m, m[WaterItem.PermanganateIndex]);   // (3+5+7)/3
        Assert.Equal(0.3m, m[WaterItem.AmmoniaNitrogen]);   // (0.2+0.4)/2
    }

    [Theory]
    [InlineData("2021-04-01", WaterPeriodKind.Week, "2021-03-29")]
    [InlineData("2021-04-04", WaterPeriodKind.Week, "2021-03-29")]
    [InlineData("2021-04-05", WaterPeriodKind.Week, "2021-04-05")]
    [InlineData("2021-05-17", WaterPeriodKind.Month, "2021-05-01")]
    [InlineData("2021-05-17", WaterPeriodKind.Season, "2021-04-01")]
    [InlineData("2021-12-31", WaterPeriodKind.Season, "2021-10-01")]
    [InlineData("2021-12-31", WaterPeriodKind.Year, "2021-01-01")]
    public void Period_starts(string date, WaterPeriodKind kind, string start) =>
        Assert.Equal(DateOnly.Parse(start), WaterPeriod.PeriodStart(DateOnly.Parse(date), kind));

    [Fact]
    public void Fewer_than_five_sections_mean_then_single_factor()
    {
        // CODMn mean (3+5+10)/3 = 6 → Ⅲ; NH3-N mean (0.1+0.2+1.2)/3 = 0.5 → Ⅱ. Section classes would be Ⅱ, Ⅲ, Ⅳ.
        var r = WaterBasinEvaluation.Evaluate(
        [
            new("a", S(3m, 0.1m), WaterbodyType.River), new("b", S(5m, 0.2m), WaterbodyType.River), new("c", S(10m, 1.2m), WaterbodyType.River),
        ], WaterItemSets.Auto5);
        Assert.Equal(WaterBasinMethod.MeanThenSingleFactor, r.Method);
        Assert.Equal(WaterClass.III, r.Class);
        Assert.Equal(WaterQuality.Good, r.Quality);
    }

    [Theory]
    // 10 sections: (count Ⅰ–Ⅲ, count 劣Ⅴ) → category.
    [InlineData(9, 0, WaterQuality.Excellent)]      // 90%
    [InlineData(8, 0, WaterQuality.Good)]           // 80%
    [InlineData(7, 1, WaterQuality.LightlyPolluted)]// 70%, 10%
    [InlineData(7, 2, WaterQuality.ModeratelyPolluted)] // 20%
    [InlineData(5, 3, WaterQuality.ModeratelyPolluted)]
    [InlineData(5, 4, WaterQuality.HeavilyPolluted)]    // 40%
    public void Five_or_more_sections_use_section_ratios(int good, int worst, WaterQuality expected)
    {
        var sections = new List<WaterSectionInput>();
        for (var i = 0; i < 10; i++)
        {
            var v = i < good ? S(3m, 0.1m) : i < good + worst ? S(20m, 0.1m) : S(12m, 0.1m); // Ⅱ, 劣Ⅴ, Ⅴ
            sections.Add(new($"s{i}", v, WaterbodyType.River));
        }
        var r = WaterBasinEvaluation.Evaluate(sections, WaterItemSets.Auto5);
        Assert.Equal(WaterBasinMethod.SectionRatio, r.Method);
        Assert.Equal(good / 10m, r.ShareIToIII);
        Assert.Equal(worst / 10m, r.ShareWorseThanV);
        Assert.Equal(expected, r.Quality);
    }

    [Fact]
    public void Exactly_five_sections_use_ratios()
    {
        var r = WaterBasinEvaluation.Evaluate(Enumerable.Range(0, 5).Select(i => new WaterSectionInput($"s{i}", S(3m, 0.1m), WaterbodyType.River)).ToList(), WaterItemSets.Auto5);
        Assert.Equal(WaterBasinMethod.SectionRatio, r.Method);
        Assert.Equal(WaterQuality.Excellent, r.Quality);
    }

    [Fact]
    public void Plan_ratios()
    {
        WaterClass[] c = [WaterClass.I, WaterClass.III, WaterClass.IV, WaterClass.WorseThanV];
        Assert.Equal(0.5m, WaterRatios.ShareIToIII(c));
        Assert.Equal(0.25m, WaterRatios.ShareWorseThanV(c));
        Assert.Null(WaterRatios.ShareIToIII([]));
        Assert.Equal(2m / 3m, WaterRatios.ComplianceRate([(WaterClass.II, WaterClass.II), (WaterClass.III, WaterClass.II), (WaterClass.I, WaterClass.III)]));
    }
}
