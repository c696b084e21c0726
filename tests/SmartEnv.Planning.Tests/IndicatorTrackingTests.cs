using SmartEnv.Planning.Consistency;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;

namespace SmartEnv.Planning.Tests;

public class IndicatorTrackingTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 15, 0, 0, 0, TimeSpan.Zero);

    private static PlanIndicator I(int n) => ImportTests.Load().Indicators.Single(i => i.Number == n);

    private static IndicatorSeries Series(int n, params (int Year, decimal Value)[] values)
    {
        var s = new IndicatorSeries(n);
        foreach (var (y, v) in values) s.Record(new IndicatorValue(n, y, v, ValueSource.Reported, "区生态环境局", T0, "年报"));
        return s;
    }

    [Fact]
    public void Editing_a_reported_value_keeps_both_versions()
    {
        var s = new IndicatorSeries(8);
        s.Record(new IndicatorValue(8, 2021, 30.1m, ValueSource.Reported, "区规划自然资源局 张三", T0, "江北规资〔2022〕5号"));
        s.Record(new IndicatorValue(8, 2021, 31.4m, ValueSource.Reported, "区规划自然资源局 李四", T0.AddDays(40), "江北规资〔2022〕12号", "复核更正"));
        var h = s.History(2021);
        Assert.Equal(2, h.Count);
        Assert.Equal((1, 30.1m, "区规划自然资源局 张三"), (h[0].Version, h[0].Value.Value, h[0].Value.By));
        Assert.Equal((2, 31.4m, "复核更正"), (h[1].Version, h[1].Value.Value, h[1].Value.Note));
        Assert.Equal(31.4m, s.Current(2021)!.Value);
        Assert.Throws<ArgumentException>(() => s.Record(new IndicatorValue(9, 2021, 1m, ValueSource.Reported, "x", T0, "")));
    }

    [Theory]
    [InlineData(2021, 90.0, IndicatorStatus.Met)]
    [InlineData(2021, 87.5, IndicatorStatus.AtRisk)]
    [InlineData(2025, 87.5, IndicatorStatus.NotMet)]
    [InlineData(2025, 88.0, IndicatorStatus.Met)]
    [InlineData(2019, 85.2, IndicatorStatus.NotMet)]
    public void Good_day_ratio_is_a_threshold_of_at_least_88(int year, double value, IndicatorStatus expected)
    {
        var a = IndicatorStatusEvaluator.Assess(I(9), Series(9, (year, (decimal)value)), year);
        Assert.Equal(expected, a.Status);
        Assert.Equal(TargetRule.Threshold, a.Rule);
        Assert.Equal(Comparator.AtLeast, a.Comparator);
        Assert.Equal(88m, a.Target);
        Assert.Contains("≥88", a.RuleText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2019, 38, IndicatorStatus.NotMet)]
    [InlineData(2019, 35, IndicatorStatus.Met)]
    [InlineData(2023, 36, IndicatorStatus.AtRisk)]
    public void Pm25_is_a_threshold_of_at_most_35(int year, int value, IndicatorStatus expected)
    {
        var a = IndicatorStatusEvaluator.Assess(I(13), Series(13, (year, value)), year);
        Assert.Equal(expected, a.Status);
        Assert.Equal(Comparator.AtMost, a.Comparator);
    }

    [Theory]
    // NOx 【2】: straight line 0 (2020) → 2 % (2025); 2022 path = 2 × 2/5 = 0.8
    [InlineData(2022, 0.5, IndicatorStatus.AtRisk)]
    [InlineData(2022, 0.8, IndicatorStatus.OnTrack)]
    [InlineData(2022, 2.3, IndicatorStatus.Met)]
    [InlineData(2025, 1.9, IndicatorStatus.NotMet)]
    public void Cumulative_reduction_against_the_linear_path(int year, double value, IndicatorStatus expected)
    {
        var a = IndicatorStatusEvaluator.Assess(I(3), Series(3, (year, (decimal)value)), year);
        Assert.Equal(TargetRule.CumulativeLinearPath, a.Rule);
        Assert.Equal(expected, a.Status);
        if (year == 2022) Assert.Equal(0.8m, a.PathValue);
    }

    [Theory]
    // Forest cover 26.5 (2020) → 55 (2025): 2023 path = 26.5 + 28.5 × 3/5 = 43.6
    [InlineData(44, IndicatorStatus.OnTrack)]
    [InlineData(43.6, IndicatorStatus.OnTrack)]
    [InlineData(40, IndicatorStatus.AtRisk)]
    [InlineData(56, IndicatorStatus.Met)]
    public void Level_target_against_the_linear_path(double value, IndicatorStatus expected)
    {
        var a = IndicatorStatusEvaluator.Assess(I(8), Series(8, (2023, (decimal)value)), 2023);
        Assert.Equal(TargetRule.LinearPath, a.Rule);
        Assert.Equal(43.6m, a.PathValue);
        Assert.Equal(expected, a.Status);
    }

    [Fact]
    public void An_invalid_annual_mean_is_shown_as_not_valid_and_not_judged_against_the_target()
    {
        // #13 PM2.5 ≤35: 36 μg/m³ over too few valid days (GB 3095-2012 Table 4) is not "未达标" — it is not a valid annual mean.
        var s = new IndicatorSeries(13);
        s.Record(new IndicatorValue(13, 2019, 36m, ValueSource.Computed, "smartenv air assess", T0, "1420A 2019", "300 valid days", Valid: false));
        var a = IndicatorStatusEvaluator.Assess(I(13), s, 2019);
        Assert.Equal(IndicatorStatus.NotValid, a.Status);
        Assert.Equal("统计无效", IndicatorStatusEvaluator.Label(a.Status));
        Assert.Equal(36m, a.Actual); // still shown
        Assert.StartsWith("统计无效", a.RuleText, StringComparison.Ordinal);
        // The same value when valid is judged: not met.
        Assert.Equal(IndicatorStatus.NotMet, IndicatorStatusEvaluator.Assess(I(13), Series(13, (2019, 36m)), 2019).Status);
    }

    [Fact]
    public void A_projection_uses_valid_values_only()
    {
        // #13: 2021 = 30 valid, 2022 = 60 not valid (too few days) → the line runs through (2020, 35 printed baseline) and
        // (2021, 30) only: slope −5, 2025: 30 − 5 × 4 = 10. With the invalid 60 it would be (35, 30, 60) → rising.
        var s = new IndicatorSeries(13);
        s.Record(new IndicatorValue(13, 2021, 30m, ValueSource.Computed, "engine", T0, "e"));
        s.Record(new IndicatorValue(13, 2022, 60m, ValueSource.Computed, "engine", T0, "e", "few days", Valid: false));
        var p = IndicatorStatusEvaluator.Assess(I(13), s, 2022).Projection!;
        Assert.Equal((10m, 2, 2020, 2021), (p.Value, p.Points, p.FirstYear, p.LastYear));
    }

    [Fact]
    public void A_projected_share_never_exceeds_100_percent_and_says_how_it_was_made()
    {
        // #9 good-day ratio (%): 2019 = 83.4 (computed), printed 2020 baseline 90.4 → slope 7 per year;
        // 2025: 90.4 + 7 × 5 = 125.4 % — impossible for a share of days, so bounded to 100.
        var a = IndicatorStatusEvaluator.Assess(I(9), Series(9, (2019, 83.4m)), 2025);
        var p = a.Projection!;
        Assert.Equal(100m, p.Value);
        Assert.Equal(125.4m, p.Unbounded);
        Assert.True(p.Bounded);
        Assert.Equal((2, 2019, 2020), (p.Points, p.FirstYear, p.LastYear));
        Assert.Contains("2019–2020年2个有效值最小二乘直线外推", p.Method, StringComparison.Ordinal);
        Assert.Contains("125.4", p.Method, StringComparison.Ordinal);
        Assert.Contains("上限100", p.Method, StringComparison.Ordinal);
        // A concentration cannot be projected below 0: #13 from 35 (2020) to 20 (2021): 35 − 15 × 5 = −40 → 0.
        var c = IndicatorStatusEvaluator.Assess(I(13), Series(13, (2021, 20m)), 2021).Projection!;
        Assert.Equal((0m, -40m), (c.Value, c.Unbounded));
        Assert.Equal((0m, 100m), I(9).PhysicalRange);
        Assert.Equal((null, 100m), I(3).PhysicalRange); // a cumulative reduction may be negative (an increase)
        Assert.Equal((0m, null), I(13).PhysicalRange);
    }

    [Fact]
    public void Projection_is_the_least_squares_line_through_baseline_and_values()
    {
        // points (2020, 26.5 printed baseline), (2021, 30), (2022, 35): mean x 2021, mean y 30.5,
        // Sxy = (-1)(-4) + 0·(-0.5) + (1)(4.5) = 8.5, Sxx = 2, slope 4.25; 2025: 30.5 + 4.25 × 4 = 47.5
        var a = IndicatorStatusEvaluator.Assess(I(8), Series(8, (2021, 30m), (2022, 35m)), 2022);
        Assert.NotNull(a.Projection);
        Assert.Equal(47.5m, a.Projection!.Value);
        Assert.Equal(3, a.Projection.Points);
        Assert.False(a.Projection.MeetsTarget);
    }

    [Fact]
    public void Municipal_target_pending_gives_no_target_then_is_assessed()
    {
        var ind = I(1);
        Assert.Equal(IndicatorStatus.NoTarget, IndicatorStatusEvaluator.Assess(ind, Series(1, (2022, 5m)), 2022).Status);
        ind.SetMunicipalTarget(new MunicipalTarget(PlanValue.Parse("【19.5】"), "市生态环境局", new DateOnly(2022, 3, 1), "文件"));
        // 2022 path = 19.5 × 2/5 = 7.8; 5 < 7.8
        var a = IndicatorStatusEvaluator.Assess(ind, Series(1, (2022, 5m)), 2022);
        Assert.Equal(IndicatorStatus.AtRisk, a.Status);
        Assert.Equal(7.8m, a.PathValue);
    }

    [Fact]
    public void Keep_at_100_and_no_baseline_targets_are_thresholds()
    {
        Assert.Equal((Comparator.AtLeast, TargetRule.Threshold), IndicatorStatusEvaluator.RuleFor(I(7)));
        Assert.Equal((Comparator.AtLeast, TargetRule.Threshold), IndicatorStatusEvaluator.RuleFor(I(15)));
        Assert.Equal(IndicatorStatus.NoData, IndicatorStatusEvaluator.Assess(I(7), new IndicatorSeries(7), 2022).Status);
    }

    [Fact]
    public void Consistency_report_shows_the_plans_contradictions()
    {
        var f = PlanConsistency.Check(ImportTests.Load()).ToDictionary(x => x.Code);
        Assert.Equal(FindingSeverity.Contradiction, f["pm25-2020"].Severity);
        Assert.Equal("32", f["pm25-2020"].Values["第一章第一节"]);
        Assert.Equal("35", f["pm25-2020"].Values["专栏2 #13"]);
        // 330 / 366 = 0.901639… → 90.16 %
        var gd = f["good-days-2020"];
        Assert.Equal(FindingSeverity.Contradiction, gd.Severity);
        Assert.Equal("90.16", gd.Values["366天比率"]);
        Assert.Equal("90.4", gd.Values["专栏2 #9 2020年现状值"]);
        Assert.Contains("专栏2 90.4", gd.MessageZh, StringComparison.Ordinal);
        Assert.DoesNotContain("专栏1", gd.MessageZh, StringComparison.Ordinal);
        Assert.Equal(FindingSeverity.Contradiction, f["baseline-9"].Severity);
        Assert.Equal(FindingSeverity.Consistent, f["baseline-8"].Severity);
        Assert.Equal(FindingSeverity.Consistent, f["baseline-3"].Severity);
        // red line: 23.09 / 10.48 % = 220.32 km²; 24.76 / 220.32 = 11.24 % ≠ 11.1 %
        Assert.Equal(FindingSeverity.Contradiction, f["red-line-2025"].Severity);
        Assert.Contains("11.24%", f["red-line-2025"].MessageZh, StringComparison.Ordinal);
        Assert.Equal(FindingSeverity.Consistent, f["projects-total"].Severity);
        Assert.Equal(FindingSeverity.Info, f["investment-note-3"].Severity);
        Assert.Equal("4185.6", f["investment-note-3"].Values["note"]);
        Assert.Equal(FindingSeverity.Consistent, f["completed-13th"].Severity);
        Assert.Equal(FindingSeverity.Info, f["text-target-8"].Severity);
        Assert.All(f.Values.Where(x => x.Code.StartsWith("outcome-13th", StringComparison.Ordinal)), x => Assert.Equal(FindingSeverity.Consistent, x.Severity));
        // all 9 rows decidable: the composite row counts as reached when every part ≥ 【4】
        Assert.Equal(9, f.Keys.Count(k => k.StartsWith("outcome-13th", StringComparison.Ordinal)));
        Assert.Contains("duplicate-name-47", f.Keys);
        Assert.Contains("notation-percent", f.Keys);
        Assert.Contains("notation-water-class", f.Keys);
    }

    [Fact]
    public void Consistency_report_compares_measured_values_with_the_baseline()
    {
        var s = new IndicatorSeries(13);
        s.Record(new IndicatorValue(13, 2020, 32m, ValueSource.Computed, "smartenv air assess", T0, "1420A 唐家沱"));
        var f = PlanConsistency.Check(ImportTests.Load(), new Dictionary<int, IndicatorSeries> { [13] = s });
        var m = f.Single(x => x.Code == "measured-baseline-13");
        Assert.Equal(FindingSeverity.Contradiction, m.Severity);
        Assert.Equal("32", m.Values["computed"]);
    }
}

public class AirSummaryAdapterTests
{
    // Shape of `smartenv air assess` period summary (air branch); numbers invented for the test.
    private const string Summary = """
        {"subject":{"kind":"station","name":"1420A","stations":["1420A"]},"from":"2019-01-01","to":"2019-12-31","days":365,
         "valid_aqi_days":362,"good_days":300,"good_day_ratio_percent":82.9,
         "statistics":{"pm25_24h":{"unit":"μg/m³","valid_days":360,"mean":41,"p95":98,"annual_valid":true}}}
        """;

    [Fact]
    public void Summary_gives_computed_9_and_13_with_status()
    {
        var r = AirSummaryAdapter.Read(Summary, DateTimeOffset.UnixEpoch, "1420A-2019.json");
        Assert.Null(r.Error);
        var gd = r.Values.Single(v => v.IndicatorNumber == 9);
        Assert.Equal((2019, 82.9m, ValueSource.Computed), (gd.Year, gd.Value, gd.Source));
        Assert.Equal("300/362 valid AQI days", gd.Note);
        Assert.Contains("1420A", gd.Evidence, StringComparison.Ordinal);
        var pm = r.Values.Single(v => v.IndicatorNumber == 13);
        Assert.Equal(41m, pm.Value);
        var t = ImportTests.Load();
        var s9 = new IndicatorSeries(9); s9.Record(gd);
        var s13 = new IndicatorSeries(13); s13.Record(pm);
        // 2019 is before the plan period: compared with the target directly: 82.9 < 88, 41 > 35 → not met
        Assert.Equal(IndicatorStatus.NotMet, IndicatorStatusEvaluator.Assess(t.Indicators[8], s9, 2019).Status);
        Assert.Equal(IndicatorStatus.NotMet, IndicatorStatusEvaluator.Assess(t.Indicators[12], s13, 2019).Status);
    }

    [Theory]
    [InlineData("\"good_day_ratio_percent\":82.9", "\"good_day_ratio_percent\":\"abc\"", "good_day_ratio_percent \"abc\" is not a percentage")] // was silently no #9
    [InlineData("\"good_day_ratio_percent\":82.9", "\"good_day_ratio_percent\":-5", "good_day_ratio_percent -5 is not a percentage")]
    [InlineData("\"good_day_ratio_percent\":82.9", "\"good_day_ratio_percent\":1e400", "good_day_ratio_percent 1e400 is not a percentage")]
    [InlineData("\"mean\":41", "\"mean\":\"41\"", "statistics.pm25_24h.mean \"41\" is not a concentration")]
    [InlineData("\"valid_aqi_days\":362", "\"valid_aqi_days\":362.5", "not a summary of `smartenv air assess`")]
    [InlineData("\"statistics\":{", "\"statistics\":5,\"x\":{", "statistics 5 is not an object")]
    public void Malformed_members_are_errors_not_exceptions_or_silent_gaps(string from, string to, string message)
    {
        var r = AirSummaryAdapter.Read(Summary.Replace(from, to, StringComparison.Ordinal), DateTimeOffset.UnixEpoch, "x.json");
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.Empty(r.Values);
    }

    [Fact]
    public void Part_year_summary_is_refused()
    {
        var r = AirSummaryAdapter.Read(Summary.Replace("2019-12-31", "2019-06-30", StringComparison.Ordinal), DateTimeOffset.UnixEpoch, "x.json");
        Assert.Empty(r.Values);
        Assert.Contains("not one calendar year", r.Error, StringComparison.Ordinal);
    }
}

public class IndicatorBoardTests
{
    [Fact]
    public void Board_assesses_all_and_draws_a_sparkline()
    {
        var board = new IndicatorBoard(ImportTests.Load().Indicators);
        board.Record(new IndicatorValue(13, 2021, 33m, ValueSource.Computed, "smartenv air assess", DateTimeOffset.UnixEpoch, "1420A"));
        board.Record(new IndicatorValue(13, 2023, 31m, ValueSource.Computed, "smartenv air assess", DateTimeOffset.UnixEpoch, "1420A"));
        var a = board.Assess(2023);
        Assert.Equal(17, a.Count);
        Assert.Equal(IndicatorStatus.Met, a[12].Status);
        Assert.Equal(IndicatorStatus.NoData, a[7].Status);
        Assert.Equal([(2020, (decimal?)null), (2021, 33m), (2022, null), (2023, 31m), (2024, null), (2025, null)],
            board.Sparkline(13).Select(p => (p.Year, p.Value)));
    }
}

public class AnnualAverageCheckTests
{
    [Fact]
    public void Energy_intensity_annual_average_compounds_to_the_printed_cumulative()
    {
        // 1 − (1 − 0.0355)^5 = 1 − 0.834663… = 0.165337… → 16.5 % (one decimal, as printed)
        var f = PlanConsistency.Check(ImportTests.Load()).Single(x => x.Code.StartsWith("annual-average-", StringComparison.Ordinal));
        Assert.Equal(FindingSeverity.Consistent, f.Severity);
        Assert.Equal("16.5", f.MessageEn.Split(" compounds to ")[1].Split(' ')[0]);
    }
}

public class TextTargetTests
{
    private static TextTarget T(string name) => ImportTests.Load().TextTargets.Single(t => t.Name == name);

    [Theory]
    [InlineData("城市生活污水集中处理率", 2023, 96.5, IndicatorStatus.AtRisk)]   // ≥98 by 2025
    [InlineData("城市生活污水集中处理率", 2025, 96.5, IndicatorStatus.NotMet)]
    [InlineData("城市生活污水集中处理率", 2023, 98, IndicatorStatus.Met)]
    [InlineData("扬尘示范工地创建数", 2022, 1, IndicatorStatus.NotMet)]         // ≥2 每年
    [InlineData("重、特大突发环境事件数", 2022, 0, IndicatorStatus.Met)]        // = 0
    [InlineData("重、特大突发环境事件数", 2022, 1, IndicatorStatus.AtRisk)]
    [InlineData("长江寸滩国控断面、栋梁河跃进桥市控断面水质达标", 2022, 2, IndicatorStatus.Met)]    // class Ⅱ ≤ Ⅲ
    [InlineData("长江寸滩国控断面、栋梁河跃进桥市控断面水质达标", 2022, 4, IndicatorStatus.NotMet)] // class Ⅳ, 稳定达标
    public void Text_targets_are_thresholds(string name, int year, double value, IndicatorStatus expected)
    {
        Assert.Equal(expected, TextTargetEvaluator.Assess(T(name), year, (decimal)value).Status);
    }

    [Fact]
    public void No_value_is_no_data()
    {
        var a = TextTargetEvaluator.Assess(T("湿地面积"), 2022, null);
        Assert.Equal(IndicatorStatus.NoData, a.Status);
        Assert.Contains("≥2709", a.RuleText, StringComparison.Ordinal);
    }
}
