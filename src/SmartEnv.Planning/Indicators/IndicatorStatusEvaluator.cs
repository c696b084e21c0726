using SmartEnv.Planning.Notation;
using SmartEnv.Standards.Common;

namespace SmartEnv.Planning.Indicators;

/// <summary>Status of an indicator in a year.</summary>
public enum IndicatorStatus
{
    /// <summary>达标: the value satisfies the target.</summary>
    Met,
    /// <summary>进度正常: before the target year, on or better than the linear path from baseline to target.</summary>
    OnTrack,
    /// <summary>存在风险: before the target year, behind the linear path or outside a threshold target.</summary>
    AtRisk,
    /// <summary>未达标: in or after the target year (or before the plan period), the value does not satisfy the target.</summary>
    NotMet,
    /// <summary>No value for the year.</summary>
    NoData,
    /// <summary>No target yet (<c>市级下达</c> not issued).</summary>
    NoTarget,
    /// <summary>统计无效: the year's value is a statistic that fails its validity rule (<see cref="IndicatorValue.Valid"/>
    /// false); it is shown, but not judged against the target.</summary>
    NotValid,
}

/// <summary>How a target is checked.</summary>
public enum TargetRule
{
    /// <summary>Threshold: a bound that every year must satisfy (printed ≥/≤; a target equal to the baseline; a target
    /// without baseline).</summary>
    Threshold,
    /// <summary>Path: a change from the baseline to the target, checked against the straight line between them.</summary>
    LinearPath,
    /// <summary>Cumulative reduction (…下降率, <c>【x】</c>): cumulative % reduction since the baseline year against the straight
    /// line from 0 in the baseline year to x in the target year.</summary>
    CumulativeLinearPath,
}

/// <summary>Linear projection to the target year.</summary>
/// <param name="TargetYear">Year projected to.</param>
/// <param name="Value">Projected value: the least-squares straight line over the points at the target year, rounded to 2
/// decimals per GB/T 8170, then bounded to the indicator's <see cref="PlanIndicator.PhysicalRange"/> (a share cannot
/// exceed 100 %).</param>
/// <param name="Points">Number of (year, value) points used.</param>
/// <param name="MeetsTarget">True when the projected value satisfies the target.</param>
public sealed record IndicatorProjection(int TargetYear, decimal Value, int Points, bool MeetsTarget)
{
    /// <summary>First year of the points.</summary>
    public int FirstYear { get; init; }

    /// <summary>Last year of the points.</summary>
    public int LastYear { get; init; }

    /// <summary>The straight line's value at the target year before bounding (2 decimals).</summary>
    public decimal Unbounded { get; init; }

    /// <summary>True when <see cref="Value"/> was bounded to the physical range (the line leaves it).</summary>
    public bool Bounded => Unbounded != Value;

    /// <summary>How the projection was made, zh-CN then English (" / "): method, points, years, and the bound when applied.</summary>
    public string Method { get; init; } = "";
}

/// <summary>The assessment of an indicator in a year.</summary>
/// <param name="IndicatorNumber">专栏2 序号.</param>
/// <param name="Year">Assessed year.</param>
/// <param name="Status">The status.</param>
/// <param name="Actual">The current value of the year, null when none.</param>
/// <param name="Source">Its source, null when none.</param>
/// <param name="Comparator">Effective comparator (printed, or inferred: see <see cref="IndicatorStatusEvaluator"/>).</param>
/// <param name="Target">Target value in force, null when none.</param>
/// <param name="Rule">The rule applied.</param>
/// <param name="PathValue">The linear-path value for the year (path rules within the plan period), else null.</param>
/// <param name="RuleText">The rule in words (zh-CN, then English).</param>
/// <param name="Projection">Projection to the target year when ≥ 2 points exist, else null.</param>
public sealed record IndicatorAssessment(int IndicatorNumber, int Year, IndicatorStatus Status, decimal? Actual, ValueSource? Source,
    Comparator Comparator, decimal? Target, TargetRule Rule, decimal? PathValue, string RuleText, IndicatorProjection? Projection);

/// <summary>
/// Status of an indicator per year. The rule (docs/plan.md):
/// <list type="number">
/// <item>Comparator: the printed one (≥88, ≤35); else ≥ for cumulative reductions; else ≤ when the target is below a numeric
/// baseline; else ≥ (rates and areas to keep or raise).</item>
/// <item>Rule: …下降率 → cumulative path (0 at baseline year → target at target year); a printed ≥/≤, a target equal to the
/// baseline, or no numeric baseline → threshold; otherwise linear path (baseline → target).</item>
/// <item>Year ≥ target year, or before the baseline year: Met when the value satisfies the comparator against the target,
/// else NotMet.</item>
/// <item>Baseline year &lt; year &lt; target year: satisfied → Met; threshold rule not satisfied → AtRisk; path rules: value
/// satisfies the comparator against the path value → OnTrack, else AtRisk.</item>
/// <item>No value → NoData; 市级下达 not yet issued → NoTarget.</item>
/// </list>
/// A current value that fails its validity rule (<see cref="IndicatorValue.Valid"/> false) → NotValid: shown, not judged.
/// Projection: least-squares straight line through the valid current values up to the assessed year (plus the printed
/// numeric baseline, or 0 in the baseline year for cumulative reductions, when the series has no value for the baseline
/// year), evaluated at the target year and bounded to the indicator's physical range (<see cref="PlanIndicator.PhysicalRange"/>:
/// a share in % never projects above 100); <see cref="IndicatorProjection.Method"/> says how it was made.
/// </summary>
public static class IndicatorStatusEvaluator
{
    /// <summary>Assesses an indicator for a year.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <param name="series">Its values (may be empty).</param>
    /// <param name="year">The year.</param>
    public static IndicatorAssessment Assess(PlanIndicator indicator, IndicatorSeries series, int year)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(series);
        var target = indicator.Target;
        var current = series.Current(year);
        var (cmp, rule) = RuleFor(indicator);
        if (target.Number is not decimal t)
            return new IndicatorAssessment(indicator.Number, year, IndicatorStatus.NoTarget, current?.Value, current?.Source, cmp, null, rule,
                null, "目标待市级下达，暂不评价 / target to be issued by the municipality: not assessed", null);

        var b = indicator.BaselineYear;
        var T = indicator.TargetYear;
        decimal? path = null;
        if (rule != TargetRule.Threshold && year > b && year < T)
        {
            var start = rule == TargetRule.CumulativeLinearPath ? 0m : indicator.Baseline.Number!.Value;
            path = Trim(Gbt8170.Round(start + (t - start) * (year - b) / (T - b), 4));
        }
        var projection = Project(indicator, series, year, t, cmp);
        var text = RuleText(indicator, cmp, rule, t, year, path);
        if (current is null)
            return new IndicatorAssessment(indicator.Number, year, IndicatorStatus.NoData, null, null, cmp, t, rule, path, text, projection);

        if (!current.Valid)
            return new IndicatorAssessment(indicator.Number, year, IndicatorStatus.NotValid, current.Value, current.Source, cmp, t, rule, path,
                "统计无效：该年数值未满足其有效性规定（原因见版本备注），不对照目标评价 / statistic not valid: the year's value fails its validity rule (reason in the version note); not judged against the target",
                projection);

        var v = current.Value;
        IndicatorStatus status;
        if (Satisfies(v, cmp, t)) status = IndicatorStatus.Met;
        else if (year >= T || year < b) status = IndicatorStatus.NotMet;
        else if (year == b) status = IndicatorStatus.AtRisk;
        else if (rule == TargetRule.Threshold) status = IndicatorStatus.AtRisk;
        else status = Satisfies(v, cmp, path!.Value) ? IndicatorStatus.OnTrack : IndicatorStatus.AtRisk;
        return new IndicatorAssessment(indicator.Number, year, status, v, current.Source, cmp, t, rule, path, text, projection);
    }

    /// <summary>The effective comparator and rule of an indicator (see the class summary).</summary>
    /// <param name="indicator">The indicator.</param>
    public static (Comparator Comparator, TargetRule Rule) RuleFor(PlanIndicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var target = indicator.Target;
        var baseline = indicator.Baseline;
        if (indicator.IsCumulativeReduction)
            return (target.Comparator == Comparator.None ? Comparator.AtLeast : target.Comparator, TargetRule.CumulativeLinearPath);
        var numericBaseline = baseline.Kind == PlanValueKind.Number ? baseline.Number : null;
        if (target.Comparator != Comparator.None) return (target.Comparator, TargetRule.Threshold);
        if (numericBaseline is not decimal nb || target.Number is not decimal t) return (Comparator.AtLeast, TargetRule.Threshold);
        if (t == nb) return (Comparator.AtLeast, TargetRule.Threshold);
        return (t < nb ? Comparator.AtMost : Comparator.AtLeast, TargetRule.LinearPath);
    }

    /// <summary>True when <paramref name="value"/> satisfies <paramref name="cmp"/> against <paramref name="bound"/>
    /// (≥, ≤, =; <see cref="Comparator.None"/> is treated as ≥).</summary>
    /// <param name="value">Value.</param>
    /// <param name="cmp">Comparator.</param>
    /// <param name="bound">Bound.</param>
    public static bool Satisfies(decimal value, Comparator cmp, decimal bound) => cmp switch
    {
        Comparator.AtMost => value <= bound,
        Comparator.Equal => value == bound,
        _ => value >= bound,
    };

    private static IndicatorProjection? Project(PlanIndicator ind, IndicatorSeries series, int year, decimal target, Comparator cmp)
    {
        var pts = series.Years.Where(y => y <= year && series.Current(y)!.Valid).Select(y => (X: (decimal)y, Y: series.Current(y)!.Value)).ToList();
        if (series.Current(ind.BaselineYear) is null && year >= ind.BaselineYear)
        {
            if (ind.IsCumulativeReduction) pts.Add((ind.BaselineYear, 0m));
            else if (ind.Baseline.Kind == PlanValueKind.Number) pts.Add((ind.BaselineYear, ind.Baseline.Number!.Value));
        }
        if (pts.Select(p => p.X).Distinct().Count() < 2) return null;
        var mx = pts.Average(p => p.X);
        var my = pts.Average(p => p.Y);
        var sxx = pts.Sum(p => (p.X - mx) * (p.X - mx));
        var sxy = pts.Sum(p => (p.X - mx) * (p.Y - my));
        var line = Trim(Gbt8170.Round(my + sxy / sxx * (ind.TargetYear - mx), 2));
        var (lo, hi) = ind.PhysicalRange;
        var projected = lo is { } l && line < l ? l : hi is { } h && line > h ? h : line;
        var first = (int)pts.Min(p => p.X);
        var last = (int)pts.Max(p => p.X);
        var bound = projected == line ? ""
            : $"；直线外推值{line}超出物理范围，取{(projected == lo ? "下限" : "上限")}{projected}";
        var boundEn = projected == line ? "" : $"; the line gives {line}, outside the physical range, so bounded to {projected}";
        return new IndicatorProjection(ind.TargetYear, projected, pts.Count, Satisfies(projected, cmp, target))
        {
            FirstYear = first,
            LastYear = last,
            Unbounded = line,
            Method = $"按{first}–{last}年{pts.Count}个有效值最小二乘直线外推{bound} / least-squares straight line through {pts.Count} valid values {first}–{last}{boundEn}",
        };
    }

    /// <summary>Drops trailing zeros of the decimal's scale (84.90 → 84.9) without changing its value.</summary>
    private static decimal Trim(decimal d) => d / 1.0000000000000000000000000000m;

    private static string RuleText(PlanIndicator ind, Comparator cmp, TargetRule rule, decimal t, int year, decimal? path)
    {
        var sign = PlanValueParser.Sign(cmp);
        var goal = $"{sign}{t}{ind.Unit}（{ind.TargetYear}年）";
        if (year < ind.BaselineYear)
            return $"{year}年早于规划基准年{ind.BaselineYear}年：直接对照目标{sign}{t}，满足为达标，否则未达标 / {year} precedes the baseline year {ind.BaselineYear}: compared with the target {sign}{t} directly, met or not met";
        return rule switch
        {
            TargetRule.Threshold =>
                $"阈值目标：每年须{sign}{t}，{ind.TargetYear}年终期考核；未满足：目标年前为存在风险，目标年及以后为未达标 / threshold {sign}{t} every year; before {ind.TargetYear} a miss is at risk, from {ind.TargetYear} not met",
            TargetRule.CumulativeLinearPath =>
                $"累计下降目标：{ind.BaselineYear}年起累计下降率对照0→{t}%的线性进度{(path is null ? "" : $"（{year}年应≥{path}%）")}，{goal} / cumulative reduction since {ind.BaselineYear} against the straight line 0 → {t} % in {ind.TargetYear}{(path is null ? "" : $" ({year}: ≥ {path} %)")}",
            _ =>
                $"线性进度：{ind.BaselineYear}年{ind.Baseline.Raw}→{goal}，{(path is null ? "" : $"{year}年进度值{path}，")}优于进度为进度正常，否则存在风险 / straight line from {ind.Baseline.Raw} ({ind.BaselineYear}) to {t} ({ind.TargetYear}){(path is null ? "" : $", path {path} in {year}")}; on or better than the path is on track, else at risk",
        };
    }

    /// <summary>zh-CN label of a status (达标, 进度正常, 存在风险, 未达标, 无数据, 待下达目标).</summary>
    /// <param name="status">The status.</param>
    public static string Label(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Met => "达标",
        IndicatorStatus.OnTrack => "进度正常",
        IndicatorStatus.AtRisk => "存在风险",
        IndicatorStatus.NotMet => "未达标",
        IndicatorStatus.NoData => "无数据",
        IndicatorStatus.NotValid => "统计无效",
        _ => "待下达目标",
    };
}
