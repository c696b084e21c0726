using SmartEnv.Standards.Common;
using SmartEnv.Supervision.Construction;

namespace SmartEnv.Supervision.Tests.Construction;

/// <summary>Issue 20 pure rules: dust threshold boundary (equal complies), GB 12523-2011 night boundary (22:00–06:00
/// Beijing), card rule-hours boundary (at the row's value fires), presets (外省参考, converted to μg/m³), black-list rule.
/// Expected values are worked by hand from the rule files (construction-card-rules.tsv: yellow.dust_hours 3, red.dust_hours 24,
/// yellow.noise_hours 3, red.noise_hours 12, yellow.complaints 2, red.complaints 5, yellow.findings 1, red.findings 3,
/// yellow.rectify_days 5, blacklist.consecutive_red 2).</summary>
public class ConstructionRulesTests
{
    private static DateTimeOffset Bj(int day, int hour) => BeijingTime.At(new DateOnly(2026, 3, day), new TimeOnly(hour, 0));

    private static readonly DustThreshold[] Pm10At80 = [new(DustParameter.Pm10, 80m)];

    [Theory]
    [InlineData("79.9", false)]
    [InlineData("80", false)]   // at the threshold: complies (thresholds are maxima; docs/construction.md)
    [InlineData("80.0", false)]
    [InlineData("80.1", true)]
    public void Dust_threshold_boundary(string value, bool exceeds)
    {
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var e = ConstructionJudge.DustExceedances([new MonitorHour(Bj(1, 10), v, null, null, null, null)], Pm10At80);
        Assert.Equal(exceeds ? 1 : 0, e.Count);
        if (exceeds) Assert.Equal(("pm10", 80.1m, 80m), (e[0].What, e[0].Value, e[0].Limit));
    }

    [Fact]
    public void A_site_without_thresholds_has_no_dust_exceedance()
    {
        Assert.Empty(ConstructionJudge.DustExceedances([new MonitorHour(Bj(1, 10), 900m, 9000m, 500m, null, null)], []));
    }

    [Fact]
    public void Only_configured_parameters_are_judged()
    {
        // TSP 750 μg/m³ over a 700 threshold; PM10 900 has no threshold → 1 exceedance (tsp).
        var e = ConstructionJudge.DustExceedances([new MonitorHour(Bj(1, 10), 900m, 750m, null, null, null)], [new(DustParameter.Tsp, 700m)]);
        Assert.Equal("tsp", Assert.Single(e).What);
    }

    [Theory]
    [InlineData(21, false)] // 21:00–22:00 is day
    [InlineData(22, true)]  // 22:00 starts the night (GB 12523 / GB 3096 night 22:00–06:00)
    [InlineData(23, true)]
    [InlineData(0, true)]
    [InlineData(5, true)]   // 05:00–06:00 still night
    [InlineData(6, false)]  // 06:00 starts the day
    public void Night_hours_are_22_to_06_Beijing(int hour, bool night) => Assert.Equal(night, ConstructionJudge.IsNightHour(Bj(2, hour)));

    [Theory]
    [InlineData(22, "55", 0)]    // night at the limit complies
    [InlineData(22, "55.1", 1)]  // night hour over 55 dB(A): a GB 12523 exceedance
    [InlineData(5, "56", 1)]
    [InlineData(21, "56", 0)]    // same level by day (limit 70) complies
    [InlineData(6, "70", 0)]
    [InlineData(6, "70.1", 1)]
    public void Night_noise_boundary(int hour, string leq, int expected)
    {
        var v = decimal.Parse(leq, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, ConstructionJudge.NoiseExceedances([new MonitorHour(Bj(2, hour), null, null, null, v, null)]).Count);
    }

    [Theory]
    [InlineData("70", 0)]   // night Lmax limit 55 + 15 = 70 (§4.2); at 70 complies
    [InlineData("70.1", 1)]
    public void Night_lmax_boundary(string lmax, int expected) =>
        Assert.Equal(expected, ConstructionJudge.NoiseExceedances([new MonitorHour(Bj(2, 23), null, null, null, 50m, decimal.Parse(lmax, System.Globalization.CultureInfo.InvariantCulture))]).Count);

    private static ExceedanceEvidence[] DustHours(int n) => [.. Enumerable.Range(0, n).Select(i => new ExceedanceEvidence(Bj(1, 0).AddHours(i), "pm10", 90m, 80m, "site threshold"))];

    [Theory]
    [InlineData(2, CardColour.Green)]   // below yellow.dust_hours 3
    [InlineData(3, CardColour.Yellow)]  // at 3: yellow
    [InlineData(4, CardColour.Yellow)]
    [InlineData(23, CardColour.Yellow)] // just below red.dust_hours 24
    [InlineData(24, CardColour.Red)]
    public void Rule_hours_boundary(int hours, CardColour colour)
    {
        var card = ConstructionJudge.Card(new CardInputs(DustHours(hours), [], 0, 0, 0));
        Assert.Equal(colour, card.Colour);
        Assert.Equal(hours, card.DustHourCount);
        Assert.Equal(colour == CardColour.Yellow ? 5 : null, card.RectifyDays);
        Assert.StartsWith("construction-card-rules@", card.RuleVersion);
    }

    [Fact]
    public void Pm10_and_tsp_over_in_the_same_hour_count_one_hour()
    {
        // 3 hours, each with PM10 and TSP over: 6 evidence rows, 3 distinct hours → yellow (3 ≥ 3).
        var ev = DustHours(3).SelectMany(e => new[] { e, e with { What = "tsp" } }).ToArray();
        var card = ConstructionJudge.Card(new CardInputs(ev, [], 0, 0, 0));
        Assert.Equal((CardColour.Yellow, 3), (card.Colour, card.DustHourCount));
    }

    [Theory]
    [InlineData(0, 0, CardColour.Green)]
    [InlineData(1, 0, CardColour.Green)]  // 1 complaint < 2
    [InlineData(2, 0, CardColour.Yellow)]
    [InlineData(5, 0, CardColour.Red)]
    [InlineData(0, 1, CardColour.Yellow)] // any finding
    [InlineData(0, 2, CardColour.Yellow)]
    [InlineData(0, 3, CardColour.Red)]
    public void Complaints_and_findings(int complaints, int findings, CardColour colour) =>
        Assert.Equal(colour, ConstructionJudge.Card(new CardInputs([], [], complaints, findings, 0)).Colour);

    [Theory]
    [InlineData(0, false)] // first red month: no black-list
    [InlineData(1, true)]  // second consecutive red month: recommend 黑名单
    public void Blacklist_after_consecutive_red_months(int previousRed, bool blacklist)
    {
        var card = ConstructionJudge.Card(new CardInputs(DustHours(24), [], 0, 0, previousRed));
        Assert.Equal((CardColour.Red, blacklist), (card.Colour, card.Blacklist));
    }

    [Fact]
    public void Presets_are_other_provinces_and_converted_to_ug()
    {
        var p = DustPresets.Default;
        Assert.All(p.Rows, r => Assert.Equal("U", r.Confidence));
        Assert.DoesNotContain(p.Rows, r => r.Source.Contains("重庆", StringComparison.Ordinal) && !r.Source.Contains("supervision", StringComparison.Ordinal));
        var hebei = Assert.Single(p.For("hebei-db13-2934-2019", ConstructionPhase.Structure));
        Assert.Equal((DustParameter.Pm10, 80m), (hebei.Parameter, hebei.LimitUgM3));
        // Shaanxi: 0.8 mg/m³ = 800 μg/m³ in earthwork, 0.7 mg/m³ = 700 μg/m³ in decoration.
        Assert.Equal(800m, Assert.Single(p.For("shaanxi-db61-1078-2017", ConstructionPhase.Earthwork)).LimitUgM3);
        Assert.Equal(700m, Assert.Single(p.For("shaanxi-db61-1078-2017", ConstructionPhase.Decoration)).LimitUgM3);
        Assert.Throws<KeyNotFoundException>(() => p.For("chongqing", ConstructionPhase.Earthwork));
    }

    [Fact]
    public void Card_rules_file_refuses_a_missing_key() =>
        Assert.Throws<FormatException>(() => CardRules.Load(new StringReader("key\tvalue\tunit\tconfidence\tsource\nyellow.dust_hours\t3\thour\tSmartEnv\tx\n")));
}
