using SmartEnv.Standards.Air;
using SmartEnv.Verifications.Air;
using static SmartEnv.Verifications.Tests.AirRows;

namespace SmartEnv.Verifications.Tests;

/// <summary>
/// The published figures other than the AQI (issue 22): IAQI per pollutant, level, category, primary pollutants. Values by
/// hand on HJ 633-2012 Tables 1–2 (CNEMC-2014 regime, 2019 dates; background of <see cref="AirRows"/>: SO2 5 → 1.67 → 2,
/// NO2 10 → 5, CO 0.5 → 5, O3 20 → 7, PM10 30 → 30, so the AQI is the PM2.5 IAQI whenever that is above 30).
/// PM2.5 (24-h column): 35 → 50; 35.8 → 50 + 1.25·0.8 = 51; 75 → 100; 75.8 → 100 + 1.25·0.8 = 101; 115 → 150;
/// 115.7 → 150 + 50·0.7/35 = 151; 150 → 200; 151 → 200 + 1 = 201; 250 → 300; 251 → 301.
/// </summary>
public class AirFigureTests
{
    private static AirPublishedRow With(AirPublishedRow r, IReadOnlyDictionary<AqiIndicator, int>? iaqi = null, int? level = null, int? category = null,
        string? primary = null)
    {
        IReadOnlySet<AqiIndicator>? set = null;
        if (primary is not null) Assert.True(AirFigureText.TryParsePrimary(primary, out set, out _));
        return r with { Iaqi = iaqi, Level = level, Category = category, Primary = set };
    }

    private static CheckedRow Figure(AirPublishedRow r, string figure) => Assert.Single(AirVerifier.CheckAll(r), c => c.Figure == figure);

    [Fact]
    public void Iaqi_per_pollutant_match_and_off_by_one_from_nearest_or_floor()
    {
        // PM2.5 40 → 56.25: ours 57 (ceiling), nearest 56, floor 56. SO2 5 → 1.67: ours 2, nearest 2, floor 1.
        var r = With(Row("A", 3, 1, 1, 40m, 57), iaqi: new Dictionary<AqiIndicator, int> { [AqiIndicator.Pm25_1h] = 57, [AqiIndicator.So2_1h] = 2 });
        Assert.True(Figure(r, "iaqi:pm25_1h").Matches);
        Assert.True(Figure(r, "iaqi:so2_1h").Matches);

        var off = With(Row("A", 3, 1, 1, 40m, 57), iaqi: new Dictionary<AqiIndicator, int> { [AqiIndicator.Pm25_1h] = 56, [AqiIndicator.So2_1h] = 1 });
        var pm = Figure(off, "iaqi:pm25_1h");
        Assert.Equal(("56", "57", -1m), (pm.Published, pm.Ours, pm.Difference!.Value));
        Assert.Contains(VerificationCauses.RoundingNearest, VerificationEngine.Explaining(pm));
        Assert.Contains(VerificationCauses.RoundingFloor, VerificationEngine.Explaining(pm));
        var so2 = Figure(off, "iaqi:so2_1h");
        Assert.Equal(("1", "2"), (so2.Published, so2.Ours));
        Assert.Contains(VerificationCauses.RoundingFloor, VerificationEngine.Explaining(so2));
        Assert.DoesNotContain(VerificationCauses.RoundingNearest, VerificationEngine.Explaining(so2)); // 1.67 → nearest 2

        // PM2.5 41 → 57.5: ours 58, nearest (half up) 58, floor 57: 57 is floor only.
        var half = Figure(With(Row("A", 3, 1, 1, 41m, 58), iaqi: new Dictionary<AqiIndicator, int> { [AqiIndicator.Pm25_1h] = 57 }), "iaqi:pm25_1h");
        Assert.Contains(VerificationCauses.RoundingFloor, VerificationEngine.Explaining(half));
        Assert.DoesNotContain(VerificationCauses.RoundingNearest, VerificationEngine.Explaining(half));
    }

    [Fact]
    public void So2_iaqi_on_the_24h_breakpoints()
    {
        // SO2 1 h 900 > 800: ours = IAQI of so2_24h 200 = 100 + 50·50/325 = 107.69 → 108. On the 24-h column applied to
        // the 1-h value: 200 + 100·100/800 = 212.5 → 213.
        var r = With(Row("C", 6, 10, 1, 20m, 108, so2: 900m, so2Daily: 200m), iaqi: new Dictionary<AqiIndicator, int> { [AqiIndicator.So2_1h] = 213 });
        var c = Figure(r, "iaqi:so2_1h");
        Assert.Equal(("213", "108"), (c.Published, c.Ours));
        Assert.Contains(VerificationCauses.So2DailyBreakpointsOnHourly, VerificationEngine.Explaining(c));
    }

    [Fact]
    public void O3_8h_iaqi_outside_the_hourly_set_is_computed_and_rounding_tested()
    {
        // CNEMC-2014 hourly leaves O3 8h out of the AQI. o3_8h 180 → 100 + 50·20/55 = 118.18: ours 119, nearest/floor 118.
        var r = With(Row("A", 3, 1, 1, 40m, 57, o3Eight: 180m), iaqi: new Dictionary<AqiIndicator, int> { [AqiIndicator.O3_8h] = 118 });
        var c = Figure(r, "iaqi:o3_8h");
        Assert.Equal(("118", "119"), (c.Published, c.Ours));
        Assert.Contains(VerificationCauses.RoundingNearest, VerificationEngine.Explaining(c));
        Assert.True(Figure(r, "aqi").Matches); // AQI 57 (PM2.5), O3 8h not in it
    }

    [Theory]
    [InlineData("35", 50, 1, "优")]
    [InlineData("35.8", 51, 2, "良")]
    [InlineData("75", 100, 2, "良")]
    [InlineData("75.8", 101, 3, "轻度污染")]
    [InlineData("115", 150, 3, "轻度污染")]
    [InlineData("115.7", 151, 4, "中度污染")]
    [InlineData("150", 200, 4, "中度污染")]
    [InlineData("151", 201, 5, "重度污染")]
    [InlineData("250", 300, 5, "重度污染")]
    [InlineData("251", 301, 6, "严重污染")]
    public void Level_and_category_at_every_band_edge(string pm25, int aqi, int level, string category)
    {
        var r = With(Row("A", 3, 1, 1, decimal.Parse(pm25, System.Globalization.CultureInfo.InvariantCulture), aqi), level: level, category: level);
        Assert.True(Figure(r, "aqi").Matches);
        var l = Figure(r, "level");
        Assert.Equal((level.ToString(System.Globalization.CultureInfo.InvariantCulture), true), (l.Ours, l.Matches));
        var c = Figure(r, "category");
        Assert.Equal((category, true), (c.Ours, c.Matches));
        // One level off is a mismatch: published the next level up (or down at level 6).
        var other = level == 6 ? 5 : level + 1;
        var wrong = With(Row("A", 3, 1, 1, decimal.Parse(pm25, System.Globalization.CultureInfo.InvariantCulture), aqi), level: other, category: other);
        Assert.Equal(other - level, Figure(wrong, "level").Difference);
        Assert.False(Figure(wrong, "category").Matches);
        Assert.Equal(AqiCategory.Levels[other - 1].Zh, Figure(wrong, "category").Published);
    }

    [Theory]
    [InlineData("1", 1)] [InlineData("一级", 1)] [InlineData("I", 1)] [InlineData("Ⅰ", 1)] [InlineData(" 二级 ", 2)]
    [InlineData("iii", 3)] [InlineData("Ⅳ", 4)] [InlineData("五级", 5)] [InlineData("VI", 6)] [InlineData("6级", 6)]
    [InlineData("0", 0)] [InlineData("7", 0)] [InlineData("七级", 0)] [InlineData("VII", 0)] [InlineData("良", 0)] [InlineData("", 0)]
    public void Level_texts(string text, int expected)
    {
        Assert.Equal(expected != 0, AirFigureText.TryParseLevel(text, out var l));
        Assert.Equal(expected, l);
    }

    [Theory]
    [InlineData("优", 1)] [InlineData("良", 2)] [InlineData("轻度污染", 3)] [InlineData("中度污染", 4)] [InlineData("重度污染", 5)]
    [InlineData("严重污染", 6)] [InlineData("good", 2)] [InlineData("污染", 0)] [InlineData("二级", 0)]
    public void Category_texts(string text, int expected)
    {
        Assert.Equal(expected != 0, AirFigureText.TryParseCategory(text, out var l));
        Assert.Equal(expected, l);
    }

    [Fact]
    public void Primary_at_aqi_50_is_none_and_at_51_is_named()
    {
        // PM2.5 35 → AQI 50: no primary pollutant (§3.3 only when AQI > 50). Published "PM2.5" → primary-below-51.
        var at50 = With(Row("A", 3, 1, 1, 35m, 50), primary: "PM2.5");
        var c = Figure(at50, "primary");
        Assert.Equal(("pm25_1h", "-"), (c.Published, c.Ours));
        Assert.Contains(VerificationCauses.PrimaryBelow51, VerificationEngine.Explaining(c));
        Assert.True(Figure(With(Row("A", 3, 1, 1, 35m, 50), primary: "—"), "primary").Matches);
        Assert.True(Figure(With(Row("A", 3, 1, 1, 35m, 50), primary: ""), "primary").Matches);

        // PM2.5 35.8 → AQI 51: PM2.5 is primary. Published "-" (none) is a mismatch; leaving PM2.5 out gives AQI 30 (PM10)
        // and no primary, so missing-pollutant-ignored/pm25_1h explains it; primary-below-51 does not apply (AQI > 50).
        Assert.True(Figure(With(Row("A", 3, 1, 1, 35.8m, 51), primary: "PM2.5"), "primary").Matches);
        var none = Figure(With(Row("A", 3, 1, 1, 35.8m, 51), primary: "-"), "primary");
        Assert.Equal(("-", "pm25_1h"), (none.Published, none.Ours));
        Assert.Contains("missing-pollutant-ignored/pm25_1h", VerificationEngine.Explaining(none));
        Assert.Null(none.Predictions.Value[VerificationCauses.PrimaryBelow51]);

        // Report: the AQI-50 row with "PM2.5" yields one finding of cause primary-below-51 on figure primary.
        var report = AirVerifier.Verify([at50]);
        var f = Assert.Single(report.Findings);
        Assert.Equal((VerificationCauses.PrimaryBelow51, "primary"), (f.Cause, f.Figure));
        Assert.StartsWith("首要污染物：", f.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PM2.5、PM10")]
    [InlineData("PM10+PM2.5")]
    [InlineData("pm25_1h;pm10_1h")]
    [InlineData("PM10, PM2.5")]
    [InlineData("可吸入颗粒物，细颗粒物")]
    public void Tie_lists_both_and_the_set_compares_order_insensitive(string published)
    {
        // PM2.5 40 → 56.25 → 57; PM10 63 → 50 + (63 − 50)/2 = 56.5 → 57: a tie on the integer IAQI, so both are primary.
        var r = Row("A", 3, 1, 1, 40m, 57) with { Concentrations = new Dictionary<AqiIndicator, decimal>(Row("A", 3, 1, 1, 40m, 57).Concentrations) { [AqiIndicator.Pm10_1h] = 63m } };
        var c = Figure(With(r, primary: published), "primary");
        Assert.Equal("pm10_1h,pm25_1h", c.Ours);
        Assert.True(c.Matches);
        Assert.False(Figure(With(r, primary: "PM2.5"), "primary").Matches); // one of the two is not the set
    }

    [Fact]
    public void Primary_with_o3_8h_included()
    {
        // o3_8h 180 → 119 > 57: a publisher that puts O3 8h in the hourly AQI names O3_8h as primary.
        var c = Figure(With(Row("A", 3, 1, 1, 40m, 57, o3Eight: 180m), primary: "O3_8h"), "primary");
        Assert.Equal(("o3_8h", "pm25_1h"), (c.Published, c.Ours));
        Assert.Contains(VerificationCauses.O3EightHourIncluded, VerificationEngine.Explaining(c));
    }

    [Fact]
    public void Primary_texts()
    {
        Assert.True(AirFigureText.TryParsePrimary("SO₂ + NO₂ ; CO、O3", out var s, out _));
        Assert.Equal("so2_1h,no2_1h,co_1h,o3_1h", AirVerifier.PrimaryText(s));
        Assert.True(AirFigureText.TryParsePrimary(null, out var n, out _));
        Assert.Empty(n);
        Assert.False(AirFigureText.TryParsePrimary("PM2.5、TSP", out _, out var bad));
        Assert.Equal("TSP", bad);
    }

    [Fact]
    public void The_figure_is_part_of_the_grouping_key_and_rows_are_counted_once()
    {
        // Two station-hours, AQI and PM2.5 IAQI both published rounded to nearest (40 → 56, 42 → 58.75 → 59 vs ours 57, 59):
        // hour 1 mismatches on both figures, hour 2 matches both (nearest 59 = ceiling 59).
        // Per figure: aqi one finding, iaqi:pm25_1h one finding; the level (2 = 良) matches everywhere.
        var rows = new[]
        {
            With(Row("A", 3, 1, 1, 40m, 56), iaqi: new Dictionary<AqiIndicator, int> { [AqiIndicator.Pm25_1h] = 56 }, level: 2),
            With(Row("A", 3, 1, 2, 42m, 59), iaqi: new Dictionary<AqiIndicator, int> { [AqiIndicator.Pm25_1h] = 59 }, level: 2),
        };
        var report = AirVerifier.Verify(rows);
        Assert.Equal((2, 2, 1), (report.Rows, report.Compared, report.Matched));
        Assert.Equal(["aqi", "iaqi:pm25_1h"], report.Findings.Select(f => f.Figure));
        Assert.All(report.Findings, f => Assert.Equal(VerificationCauses.RoundingNearest, f.Cause));
        Assert.Equal(["aqi", "iaqi:pm25_1h"], report.Mismatches.Select(m => m.Figure));
    }
}
