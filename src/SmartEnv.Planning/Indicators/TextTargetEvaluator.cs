using SmartEnv.Planning.Notation;

namespace SmartEnv.Planning.Indicators;

/// <summary>The assessment of a text target in a year.</summary>
/// <param name="Target">The target.</param>
/// <param name="Year">Assessed year.</param>
/// <param name="Value">The value of the year (water class as 1–6), null when none.</param>
/// <param name="Status">Met / AtRisk / NotMet / NoData.</param>
/// <param name="RuleText">The rule in words (zh-CN, then English).</param>
public sealed record TextTargetAssessment(TextTarget Target, int Year, decimal? Value, IndicatorStatus Status, string RuleText);

/// <summary>
/// Status of a quantified target of the plan's running text. Every such target is a threshold (the text gives a comparator
/// and no baseline): the value satisfies the comparator → met. A miss is not met in or after the target year, and in any
/// year for targets marked 每年 (annual) or 保持/稳定达标 (to be kept every year); otherwise it is at risk. Water classes
/// compare by class number (≤ Ⅲ means class Ⅰ–Ⅲ).
/// </summary>
public static class TextTargetEvaluator
{
    /// <summary>Assesses a text target.</summary>
    /// <param name="target">The target.</param>
    /// <param name="year">The year.</param>
    /// <param name="value">The value of the year, null when none.</param>
    public static TextTargetAssessment Assess(TextTarget target, int year, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(target);
        var bound = target.Target.Number!.Value;
        var sign = PlanValueParser.Sign(target.Comparator);
        var every = target.Remark is "每年" or "保持" or "稳定达标";
        var shown = target.Target.Kind == PlanValueKind.WaterClass ? target.Target.Raw : bound.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = every
            ? $"每年须{sign}{shown}（{target.Remark}），未满足即未达标 / {sign}{shown} every year ({target.Remark}); a miss is not met"
            : $"{target.TargetYear}年须{sign}{shown}，此前未满足为存在风险 / {sign}{shown} by {target.TargetYear}; a miss before then is at risk";
        if (value is not decimal v) return new TextTargetAssessment(target, year, null, IndicatorStatus.NoData, text);
        var status = IndicatorStatusEvaluator.Satisfies(v, target.Comparator, bound) ? IndicatorStatus.Met
            : every || year >= target.TargetYear ? IndicatorStatus.NotMet : IndicatorStatus.AtRisk;
        return new TextTargetAssessment(target, year, v, status, text);
    }
}
