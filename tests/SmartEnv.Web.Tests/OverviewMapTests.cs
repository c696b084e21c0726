using System.Globalization;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Ui;
using Vizor.ECharts;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The overview map (<see cref="OverviewMap"/>): the worst site is painted last (on top) with the largest marker, a site
/// without a position is listed instead of drawn, and the legend holds the six HJ 633 AQI levels and the six GB 3838
/// classes in their colours.
/// <para>AQIs are hand-worked from HJ 633-2012 Table 1 (PM2.5 24-h breakpoints 35/75/115/150/250/350 μg/m³ → IAQI
/// 50/100/150/200/300/400): PM2.5 75 → 100 良; 150 → 200 中度污染; 250 → 300 重度污染; 320 → 300 + 70·100/100 = 370 严重污染;
/// 350 → 400 严重污染.</para>
/// </summary>
public sealed class OverviewMapTests
{
    private static AqiResult Pm25(decimal ugm3) =>
        AqiCalculator.Hourly(new Dictionary<AqiIndicator, decimal> { [AqiIndicator.Pm25_24h] = ugm3 }, AqiRegime.Hj633_2012);

    private static SiteStatus Air(string code, decimal? lon, decimal? lat, decimal? pm25) =>
        new(code, code, SiteKind.Air, lon, lat, false, pm25 is null ? null : DateTimeOffset.UnixEpoch, pm25 is { } c ? Pm25(c) : null, null, true);

    private static SiteStatus Water(string code, decimal? lon, decimal? lat, WaterClass? latest) =>
        new(code, code, SiteKind.Water, lon, lat, false, null, null, "III", false, latest);

    private static IDisposable Chinese()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        return new Restore(before);
    }

    private sealed class Restore(CultureInfo c) : IDisposable
    {
        public void Dispose() => CultureInfo.CurrentUICulture = c;
    }

    [Fact]
    public void The_highest_AQI_is_painted_last_with_the_largest_marker_and_the_highest_series_z()
    {
        using var _ = Chinese();
        // Five sites within 0.01° of each other (their markers overlap), given best-last so input order cannot explain the result.
        var sites = new[]
        {
            Air("SEVERE-400", 106.70m, 29.61m, 350), Air("SEVERE-370", 106.701m, 29.611m, 320), Air("HEAVY", 106.702m, 29.612m, 250),
            Air("MODERATE", 106.703m, 29.613m, 150), Air("GOOD", 106.704m, 29.614m, 75), Air("NODATA", 106.705m, 29.615m, null),
            Water("W-II", 106.706m, 29.616m, WaterClass.II), Water("W-WORST", 106.707m, 29.617m, WaterClass.WorseThanV),
        };
        var map = OverviewMap.Build(sites, []);

        // Ranks: no data 0; Ⅱ 优 1; 良 2; 中度 4; 劣Ⅴ 重度污染 5 = 重度 AQI level 5 (water first at a tie); 严重 6.
        Assert.Equal(["NODATA", "W-II", "GOOD", "MODERATE", "W-WORST", "HEAVY", "SEVERE-370", "SEVERE-400"], map.Markers.Select(m => m.Site.Code));
        var top = map.Markers[^1];
        Assert.Equal(("严重污染", "#7E0023"), (top.Entry.Name, top.Entry.Colour)); // HJ 633-2012 Table 2 / Appendix A, level 6
        Assert.Equal(("中度污染", "#FF0000"), (map.Markers[3].Entry.Name, map.Markers[3].Entry.Colour));

        // In ECharts, a series of higher z is painted above one of lower z, and within a series later data above earlier.
        var scatter = map.Options.Series!.OfType<ScatterSeries>().Where(s => s.Id?.StartsWith("site-", StringComparison.Ordinal) == true).ToList();
        ScatterSeries SeriesOf(string code) => scatter.Single(s => ((System.Collections.IEnumerable)s.Data!).Cast<object>().Any(d => Name(d) == code));
        var severe = SeriesOf("SEVERE-400");
        Assert.Equal(["SEVERE-370", "SEVERE-400"], ((System.Collections.IEnumerable)severe.Data!).Cast<object>().Select(Name)); // same level: the higher AQI last
        foreach (var other in new[] { "HEAVY", "MODERATE", "GOOD", "NODATA", "W-II", "W-WORST" })
        {
            Assert.True(Z(severe) > Z(SeriesOf(other)), other);
            Assert.True(Size(severe) > Size(SeriesOf(other)), other); // hideOverlap keeps the label of the larger marker
        }
        Assert.True(Z(SeriesOf("HEAVY")) > Z(SeriesOf("MODERATE")) && Z(SeriesOf("MODERATE")) > Z(SeriesOf("GOOD")));
        Assert.True(Z(SeriesOf("W-WORST")) > Z(SeriesOf("MODERATE")) && Z(SeriesOf("W-II")) < Z(SeriesOf("GOOD")));
        // Labels: ECharts moves, then hides overlapping labels; zoom and pan inside the plot on both axes.
        Assert.All(scatter, s => Assert.Contains("hideOverlap = True", s.LabelLayout!.Value!.ToString(), StringComparison.Ordinal));
        Assert.Equal(2, map.Options.DataZoom!.OfType<InsideDataZoom>().Count());
    }

    private static string Name(object d) => (string)d.GetType().GetProperty("name")!.GetValue(d)!;
    private static double Z(ScatterSeries s) => s.Z!.Value;
    private static double Size(ScatterSeries s) => s.SymbolSize!.Numbers!.Single();

    [Fact]
    public void A_site_without_a_position_is_listed_not_drawn_and_the_list_puts_the_worst_first()
    {
        using var _ = Chinese();
        var sites = new[]
        {
            Air("PLACED", 106.65m, 29.6219m, 75),
            Water("NOPOS-W", null, null, WaterClass.IV),
            Air("NOPOS-SEVERE", null, null, 320),
            Air("CHENGDU", 104.06m, 30.67m, 150), // far outside the drawn extent 106.40–106.95 °E
        };
        var map = OverviewMap.Build(sites, []);
        Assert.Equal(["PLACED"], map.Markers.Select(m => m.Site.Code));
        Assert.Equal([("NOPOS-SEVERE", UnplacedReason.NoCoordinates), ("CHENGDU", UnplacedReason.OutsideMap), ("NOPOS-W", UnplacedReason.NoCoordinates)],
            map.Unplaced.Select(u => (u.Site.Code, u.Reason)));
        // Worst first: 严重污染 (AQI 370) > 中度污染 (AQI 200) > class Ⅳ (轻度污染).
        Assert.Equal("#FFFF00", map.Unplaced[2].Entry.Colour); // GB 3838 class Ⅳ, docs/standards-water.md colours
        var drawn = map.Options.Series!.OfType<ScatterSeries>().SelectMany(s => ((System.Collections.IEnumerable?)s.Data)?.Cast<object>() ?? []).Select(Name).ToList();
        Assert.DoesNotContain("NOPOS-SEVERE", drawn);
        Assert.DoesNotContain("CHENGDU", drawn);
    }

    [Fact]
    public void Legend_has_the_six_AQI_levels_and_six_water_classes_in_their_colours_each_one_series()
    {
        using var _ = Chinese();
        var map = OverviewMap.Build([Air("A", 106.65m, 29.62m, 75)], []);
        // HJ 633-2012 Table 2 and Appendix A; GB 3838-2002 classes with the 环办〔2011〕22号 category colours (docs/standards-water.md).
        Assert.Equal(
        [
            ("优", "#00E400"), ("良", "#FFFF00"), ("轻度污染", "#FF7E00"), ("中度污染", "#FF0000"), ("重度污染", "#99004C"), ("严重污染", "#7E0023"),
            ("空气：无数据", "#bfbfbf"),
            ("Ⅰ 类", "#0000FF"), ("Ⅱ 类", "#0000FF"), ("Ⅲ 类", "#00FF00"), ("Ⅳ 类", "#FFFF00"), ("Ⅴ 类", "#FF7E00"), ("劣Ⅴ 类", "#FF0000"),
            ("水：无数据", "#bfbfbf"),
        ], map.Legend.Select(e => (e.Name, e.Colour)));
        // The chart's legend lists exactly these names, and each is the name of one marker series of that colour.
        Assert.Equal(map.Legend.Select(e => e.Name), map.Options.Legend!.Data!.GetData() is IEnumerable<string> names ? names : []);
        var series = map.Options.Series!.OfType<ScatterSeries>().Where(s => s.Id?.StartsWith("site-", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(map.Legend.Select(e => e.Name).Order(), series.Select(s => s.Name!).Order());
        // With a noise point the noise entries join the legend.
        var withNoise = OverviewMap.Build([new SiteStatus("N", "N", SiteKind.Noise, 106.6m, 29.6m, false, null, null, null, false)], []);
        Assert.Equal(["声：达标", "声：超标", "声：未评价"], withNoise.Legend.Skip(14).Select(e => e.Name));
    }

    /// <summary>A marker's tooltip gives the value's own time (Beijing) and 非实时数据 when <see cref="Freshness"/> found the
    /// value stale — the same rule as the freshness table (#11 item 7); a current value carries no such mark.</summary>
    [Fact]
    public void Tooltip_gives_the_values_own_time_and_marks_a_stale_value()
    {
        using var _ = Chinese();
        // Hour ending 2019-12-31 24:00 Beijing = 2019-12-31 16:00 UTC.
        var end = new DateTimeOffset(2019, 12, 31, 16, 0, 0, TimeSpan.Zero);
        var stale = Air("OLD", 106.65m, 29.62m, 75) with { ValueEnd = end, Stale = true };
        var current = Air("NOW", 106.66m, 29.63m, 75) with { ValueEnd = end, Stale = false };
        var map = OverviewMap.Build([stale, current], []);
        var points = map.Options.Series!.OfType<ScatterSeries>().SelectMany(s => ((System.Collections.IEnumerable?)s.Data)?.Cast<object>() ?? [])
            .ToDictionary(Name, Tooltip);
        Assert.Contains("非实时数据", points["OLD"], StringComparison.Ordinal);
        Assert.DoesNotContain("非实时数据", points["NOW"], StringComparison.Ordinal);
        Assert.Contains("2020-01-01 00:00", points["OLD"], StringComparison.Ordinal);
    }

    private static string Tooltip(object d)
    {
        var t = d.GetType().GetProperty("tooltip")!.GetValue(d)!;
        return (string)t.GetType().GetProperty("formatter")!.GetValue(t)!;
    }
}
