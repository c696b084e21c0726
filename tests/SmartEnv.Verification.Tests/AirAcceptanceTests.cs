using SmartEnv.Verifications.Air;
using static SmartEnv.Verifications.Tests.AirRows;

namespace SmartEnv.Verifications.Tests;

/// <summary>
/// Issue 22 acceptance on hand-built rows (values worked in <see cref="AirRows"/>): the three examples of the issue give
/// exactly three findings with the right causes; a row off by 7 is unexplained; two ranges give two findings.
/// </summary>
public class AirAcceptanceTests
{
    /// <summary>
    /// Example 1 (national release, round-to-nearest), stations A and B, 2019-03-01 01:00…03:00:
    /// A 01 PM 40 published 56 (standard 57; nearest 56, floor 56) — mismatch;
    /// B 01 PM 42 published 59 (standard 59, floor 58) — match, refutes floor once B joins;
    /// A 02 PM 41 published 58 (57.5: standard 58, nearest 58, floor 57) — match, refutes floor;
    /// B 02 PM 40 published 56 — mismatch; A 03 PM 44 published 61 (61.25: standard 62, nearest 61) — mismatch;
    /// B 03 PM 43 published 60 (exact 60) — match.
    /// → one finding rounding-nearest, 01:00–03:00, 2 stations, 3 station-hours.
    /// </summary>
    public static IEnumerable<AirPublishedRow> NationalRounding(int month = 3, int day = 1) =>
    [
        Row("A", month, day, 1, 40m, 56), Row("B", month, day, 1, 42m, 59),
        Row("A", month, day, 2, 41m, 58), Row("B", month, day, 2, 40m, 56),
        Row("A", month, day, 3, 44m, 61), Row("B", month, day, 3, 43m, 60),
    ];

    /// <summary>
    /// Example 2 (city release, SO2 1h &gt; 800 on the 24-h breakpoints), station C, 2019-06-10 01:00…04:00:
    /// 01 SO2 900 / 24h 200: standard 100 + 50·50/325 = 107.69 → 108; published 200 + 100·100/800 = 212.5 → 213.
    /// 02 SO2 5, PM 43: standard 60, published 60 — match (hypothesis predicts 60 too: SO2 5 on the 24-h column is 5).
    /// 03 SO2 1000 / 24h 250: standard 100 + 50·100/325 = 115.38 → 116; published 200 + 100·200/800 = 225.
    /// 04 SO2 850 / 24h 300: standard 100 + 50·150/325 = 123.08 → 124; published 200 + 100·50/800 = 206.25 → 207.
    /// (PM2.5 20 in the SO2 rows: 50·20/35 = 28.57 → 29, below SO2.)
    /// → one finding so2-24h-breakpoints-on-1h, 01:00–04:00, 1 station, 3 station-hours.
    /// </summary>
    public static IEnumerable<AirPublishedRow> CitySo2() =>
    [
        Row("C", 6, 10, 1, 20m, 213, so2: 900m, so2Daily: 200m),
        Row("C", 6, 10, 2, 43m, 60),
        Row("C", 6, 10, 3, 20m, 225, so2: 1000m, so2Daily: 250m),
        Row("C", 6, 10, 4, 20m, 207, so2: 850m, so2Daily: 300m),
    ];

    /// <summary>
    /// Example 3 (explainer truncates: PM2.5 40 → "56", standard 57), station D, 2019-09-01 01:00…03:00:
    /// 01 PM 40 published 56 (nearest and floor both 56); 02 PM 41 published 57 (57.5: floor 57, nearest 58 — only floor);
    /// 03 PM 44 published 61 (61.25: floor 61, nearest 61).
    /// → one finding rounding-floor, 01:00–03:00, 1 station, 3 station-hours.
    /// </summary>
    public static IEnumerable<AirPublishedRow> ExplainerTruncation() =>
    [
        Row("D", 9, 1, 1, 40m, 56), Row("D", 9, 1, 2, 41m, 57), Row("D", 9, 1, 3, 44m, 61),
    ];

    [Fact]
    public void Three_examples_give_exactly_three_findings()
    {
        var report = AirVerifier.Verify([.. NationalRounding(), .. CitySo2(), .. ExplainerTruncation()]);
        // 13 rows, all compared; mismatches 3 + 3 + 3 = 9; matched 13 − 9 = 4 → 30.77 %.
        Assert.Equal(13, report.Rows);
        Assert.Equal(13, report.Compared);
        Assert.Equal(4, report.Matched);
        Assert.Equal(30.77m, report.MatchRate);
        Assert.Collection(report.Findings,
            f => AssertFinding(f, "rounding-nearest", "2019-03-01T01:00:00+08:00", "2019-03-01T03:00:00+08:00", 2, 3),
            f => AssertFinding(f, "so2-24h-breakpoints-on-1h", "2019-06-10T01:00:00+08:00", "2019-06-10T04:00:00+08:00", 1, 3),
            f => AssertFinding(f, "rounding-floor", "2019-09-01T01:00:00+08:00", "2019-09-01T03:00:00+08:00", 1, 3));
        Assert.Equal(9, report.Mismatches.Count);
        Assert.DoesNotContain(report.Mismatches, m => m.Cause == VerificationCauses.Unexplained);
        var first = report.Mismatches[0];
        Assert.Equal(("A", "56", "57", -1m), (first.Station, first.Published, first.Ours, first.Difference));
        Assert.Contains("四舍五入", report.Findings[0].Summary);
        Assert.Contains("2 个站点 3 个站点小时", report.Findings[0].Summary);
    }

    [Fact]
    public void Off_by_seven_is_unexplained_never_forced()
    {
        // PM 40 → 57, published 64. Amid the rounding week it stays apart: the rounding finding keeps its 3 rows.
        var report = AirVerifier.Verify([.. NationalRounding(), Row("B", 3, 1, 4, 40m, 64)]);
        Assert.Collection(report.Findings,
            f => AssertFinding(f, "rounding-nearest", "2019-03-01T01:00:00+08:00", "2019-03-01T03:00:00+08:00", 2, 3),
            f => AssertFinding(f, "unexplained", "2019-03-01T04:00:00+08:00", "2019-03-01T04:00:00+08:00", 1, 1));
        var m = report.Mismatches.Single(x => x.Cause == VerificationCauses.Unexplained);
        Assert.Equal(("64", "57", 7m), (m.Published, m.Ours, m.Difference));
        Assert.Empty(m.Explaining);
    }

    [Fact]
    public void Two_separate_ranges_give_two_findings()
    {
        // Round-to-nearest on 03-01 and again on 03-05; on 03-03 station A publishes PM 40 as 57 (the standard) while
        // nearest predicts 56: that row refutes round-to-nearest between the ranges, so they are two findings.
        var report = AirVerifier.Verify([.. NationalRounding(3, 1), Row("A", 3, 3, 12, 40m, 57), .. NationalRounding(3, 5)]);
        Assert.Collection(report.Findings,
            f => AssertFinding(f, "rounding-nearest", "2019-03-01T01:00:00+08:00", "2019-03-01T03:00:00+08:00", 2, 3),
            f => AssertFinding(f, "rounding-nearest", "2019-03-05T01:00:00+08:00", "2019-03-05T03:00:00+08:00", 2, 3));
    }

    [Fact]
    public void Without_the_refuting_rows_floor_and_nearest_tie_and_nearest_wins_by_precedence()
    {
        // Only the mismatches of example 1 (40 → 56, 44 → 61): both nearest and floor reproduce them; no row separates
        // them, so the documented precedence picks rounding-nearest and the summary lists floor as also consistent.
        var report = AirVerifier.Verify([Row("A", 3, 1, 1, 40m, 56), Row("A", 3, 1, 3, 44m, 61)]);
        var f = Assert.Single(report.Findings);
        Assert.Equal("rounding-nearest", f.Cause);
        Assert.Contains("亦符合", f.Summary);
        Assert.Contains("also consistent with", f.SummaryEn);
    }

    [Fact]
    public void All_matching_rows_give_no_findings()
    {
        var report = AirVerifier.Verify([Row("A", 3, 1, 1, 40m, 57), Row("A", 3, 1, 2, 41m, 58)]);
        Assert.Equal(100m, report.MatchRate);
        Assert.Empty(report.Findings);
        Assert.Empty(report.Mismatches);
    }

    private static void AssertFinding(VerificationFinding f, string cause, string from, string to, int stations, int rows)
    {
        Assert.Equal("air", f.Domain);
        Assert.Equal(cause, f.Cause);
        Assert.Equal(from, f.From.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(to, f.To.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(stations, f.Stations);
        Assert.Equal(rows, f.Rows);
    }
}
