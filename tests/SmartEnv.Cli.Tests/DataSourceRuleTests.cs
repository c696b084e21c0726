using SmartEnv.Imports.DataSources;
using SmartEnv.Standards.Common;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// The pure rules of issue 22: which findings apply to an import's hours (<see cref="FindingCoverage"/>: at from, just
/// before, at to, just after, open end, domain) and the shape of cause keys (<see cref="FindingCause"/>: known keys,
/// <c>regime:</c> + a regime id, <c>water-</c>/<c>noise-</c> slugs, with the near misses just outside each).
/// </summary>
public sealed class DataSourceRuleTests
{
    private static DateTimeOffset Bj(int m, int d, int h) => new(2019, m, d, h, 0, 0, BeijingTime.Offset);

    // Finding #3: 2019-03-01 00:00 … 2019-03-07 23:00 (labels, closed); #4 the same start, open-ended.
    private static readonly FindingWindow Closed = new(3, "air", Bj(3, 1, 0), Bj(3, 7, 23));
    private static readonly FindingWindow Open = new(4, "air", Bj(3, 1, 0), null);

    [Fact]
    public void An_hour_at_from_is_covered_and_the_hour_before_is_not()
    {
        Assert.Equal(1, FindingCoverage.HoursWithin(Closed, [Bj(3, 1, 0)]));
        Assert.Equal(0, FindingCoverage.HoursWithin(Closed, [Bj(2, 28, 23)]));
        Assert.Equal(1, FindingCoverage.HoursWithin(Open, [Bj(3, 1, 0)]));
        Assert.Equal(0, FindingCoverage.HoursWithin(Open, [Bj(2, 28, 23)]));
    }

    [Fact]
    public void An_hour_at_to_is_covered_and_the_hour_after_is_not_unless_the_finding_is_open()
    {
        Assert.Equal(1, FindingCoverage.HoursWithin(Closed, [Bj(3, 7, 23)]));
        Assert.Equal(0, FindingCoverage.HoursWithin(Closed, [Bj(3, 8, 0)]));
        Assert.Equal(1, FindingCoverage.HoursWithin(Open, [Bj(3, 8, 0)]));
        Assert.Equal(1, FindingCoverage.HoursWithin(Open, [new DateTimeOffset(2026, 1, 1, 0, 0, 0, BeijingTime.Offset)])); // years later
    }

    [Fact]
    public void Counts_only_the_hours_inside_and_a_file_around_the_range_is_not_flagged()
    {
        // Hand count: 02-28 23 (out), 03-01 00 (in), 03-04 12 (in), 03-07 23 (in), 03-08 00 (out) → 3 inside the closed one;
        // the open one covers every hour from 03-01 00 → 4.
        IReadOnlyList<DateTimeOffset> hours = [Bj(2, 28, 23), Bj(3, 1, 0), Bj(3, 4, 12), Bj(3, 7, 23), Bj(3, 8, 0)];
        Assert.Equal(3, FindingCoverage.HoursWithin(Closed, hours));
        Assert.Equal(4, FindingCoverage.HoursWithin(Open, hours));
        // A January and an April hour only: the range lies between them, no hour inside → not flagged.
        Assert.Equal(0, FindingCoverage.HoursWithin(Closed, [Bj(1, 15, 0), Bj(4, 15, 0)]));
        Assert.Equal(0, FindingCoverage.HoursWithin(Closed, []));
    }

    [Fact]
    public void The_offset_of_an_hour_does_not_matter_only_the_instant()
    {
        // 2019-02-28T16:00Z is 2019-03-01 00:00 Beijing = from.
        Assert.Equal(1, FindingCoverage.HoursWithin(Closed, [new DateTimeOffset(2019, 2, 28, 16, 0, 0, TimeSpan.Zero)]));
        Assert.Equal(0, FindingCoverage.HoursWithin(Closed, [new DateTimeOffset(2019, 2, 28, 15, 0, 0, TimeSpan.Zero)]));
    }

    [Fact]
    public void Only_findings_of_the_import_domain_apply_and_an_unknown_domain_matches_all()
    {
        var water = new FindingWindow(5, "water", Bj(3, 1, 0), null);
        var hits = FindingCoverage.Applying([Closed, water, Open], "air", [Bj(3, 2, 0)]);
        Assert.Equal([3L, 4L], hits.Select(h => h.Finding.Id));
        Assert.Equal([5L], FindingCoverage.Applying([Closed, water], "water", [Bj(3, 2, 0)]).Select(h => h.Finding.Id));
        Assert.Equal(3, FindingCoverage.Applying([Closed, water, Open], null, [Bj(3, 2, 0)]).Count);
        Assert.Equal(("air", "air", "water", (string?)null), (FindingCoverage.DomainOf("cnemc-sites"), FindingCoverage.DomainOf("prsa"),
            FindingCoverage.DomainOf("cnemc-water"), FindingCoverage.DomainOf("hj212-log")));
    }

    [Theory]
    [InlineData("air", "rounding-nearest")]
    [InlineData("air", "rounding-floor")]
    [InlineData("air", "so2-24h-breakpoints-on-1h")]
    [InlineData("air", "o3-8h-included")]
    [InlineData("air", "o3-8h-excluded")]
    [InlineData("air", "missing-pollutant-ignored")]
    [InlineData("air", "unit-scale")]
    [InlineData("air", "input-rounding")]
    [InlineData("air", "primary-below-51")]
    [InlineData("water", "unexplained")]
    [InlineData("air", "regime:HJ633-2012")]
    [InlineData("air", "regime:CNEMC-2014")]
    [InlineData("air", "regime:HJ633-2026")]
    [InlineData("water", "water-class-rounding")]
    [InlineData("water", "water-x")]
    [InlineData("noise", "noise-night-limit")]
    public void Valid_cause_keys(string domain, string cause) => Assert.Null(FindingCause.Check(domain, cause));

    [Theory]
    [InlineData("air", "rounding-ceiling")] // not in the contract
    [InlineData("air", "Rounding-nearest")] // case-sensitive
    [InlineData("air", "rounding-nearest ")]
    [InlineData("air", "regime:")] // prefix without an id
    [InlineData("air", "regime:cnemc-2014")] // ids are case-sensitive
    [InlineData("air", "regime:HJ633-2027")]
    [InlineData("water", "regime:HJ633-2012")] // a regime is an air rule set
    [InlineData("water", "water-")] // prefix without a name
    [InlineData("water", "water-Class")]
    [InlineData("water", "water--x")]
    [InlineData("air", "water-class")] // water cause on an air finding
    [InlineData("noise", "water-class")]
    [InlineData("soil", "unexplained")] // unknown domain
    [InlineData(null, "unexplained")]
    [InlineData("air", "")]
    [InlineData("air", null)]
    public void Invalid_cause_keys(string? domain, string? cause) => Assert.NotNull(FindingCause.Check(domain, cause));

    [Fact]
    public void A_cause_slug_of_64_characters_is_valid_and_65_is_not()
    {
        var at = "water-" + new string('a', 58); // 6 + 58 = 64
        Assert.Equal(64, at.Length);
        Assert.Null(FindingCause.Check("water", at));
        Assert.NotNull(FindingCause.Check("water", at + "a"));
    }

    [Fact]
    public void The_arrival_warning_reads_as_the_issue_example()
    {
        var f = new SmartEnv.Storage.Entities.DataSources.DataSourceFinding
        {
            Id = 3, Domain = "air", Cause = "rounding-nearest", From = Bj(3, 1, 0).ToUniversalTime(), Summary = "四舍五入", SummaryEn = "nearest", AttachedBy = "t",
        };
        var flag = SourceFlags.Flag(f, 5);
        Assert.Equal("此来源自 2019-03-01 起按四舍五入发布 AQI（发现 #3）", flag.Warning);
        Assert.Equal("This source publishes AQI rounded to nearest since 2019-03-01 (finding #3)", flag.WarningEn);
        f.To = Bj(3, 7, 23).ToUniversalTime();
        Assert.Equal("此来源在 2019-03-01 至 2019-03-07 23:00 期间按四舍五入发布 AQI（发现 #3）", SourceFlags.Flag(f, 5).Warning);
    }
    [Fact]
    public void A_finding_about_another_air_figure_names_that_figure_instead_of_the_aqi()
    {
        var f = new SmartEnv.Storage.Entities.DataSources.DataSourceFinding
        {
            Id = 4, Domain = "air", Cause = "rounding-nearest", Figure = "iaqi:pm25_1h", From = Bj(3, 1, 0).ToUniversalTime(), Summary = "四舍五入",
            SummaryEn = "nearest", AttachedBy = "t",
        };
        var flag = SourceFlags.Flag(f, 2);
        Assert.Equal("此来源自 2019-03-01 起按四舍五入发布 pm25_1h 分指数（发现 #4）", flag.Warning);
        Assert.Equal("This source publishes IAQI pm25_1h rounded to nearest since 2019-03-01 (finding #4)", flag.WarningEn);
    }

    [Fact]
    public void A_water_cause_reads_by_its_chinese_name_not_its_key()
    {
        var (zh, en) = FindingCause.Phrase("water-other-waterbody", "water_class");
        Assert.Equal("水质发布结果与复算不一致（按另一类水体（河流/湖库）限值评价）", zh);
        Assert.DoesNotContain("water-", zh, StringComparison.Ordinal);
        Assert.Contains("other waterbody", en, StringComparison.Ordinal);
        Assert.Contains("原因未列出", FindingCause.Phrase("water-not-yet-named", "water_class").Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("air", "aqi")]
    [InlineData("air", "primary")]
    [InlineData("air", "iaqi:o3_8h")]
    [InlineData("water", "water_class")]
    [InlineData("noise", "noise_verdict")]
    public void Valid_figures(string domain, string figure) => Assert.Null(FindingCause.CheckFigure(domain, figure));

    [Theory]
    [InlineData("air", "water_class")] // a water figure in an air finding
    [InlineData("water", "aqi")]
    [InlineData("air", "AQI")] // keys are lower case
    [InlineData("air", "iaqi:")] // no indicator
    [InlineData("air", "iaqi:pm25 1h")]
    public void Invalid_figures(string domain, string figure) => Assert.NotNull(FindingCause.CheckFigure(domain, figure));
}
