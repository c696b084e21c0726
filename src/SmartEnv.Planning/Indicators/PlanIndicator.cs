using SmartEnv.Planning.Notation;

namespace SmartEnv.Planning.Indicators;

/// <summary>Kind of a plan indicator (专栏2 column 类型).</summary>
public enum IndicatorKind
{
    /// <summary>约束性: binding, assessed.</summary>
    Binding,
    /// <summary>预期性: expected, guiding.</summary>
    Expected,
}

/// <summary>A municipal issuance of a target that the plan printed as <c>市级下达</c>.</summary>
/// <param name="Target">The issued target value.</param>
/// <param name="IssuedBy">Who issued it (e.g. 市生态环境局 document number).</param>
/// <param name="IssuedOn">Date of issue.</param>
/// <param name="Evidence">Document reference.</param>
public sealed record MunicipalTarget(PlanValue Target, string IssuedBy, DateOnly IssuedOn, string Evidence);

/// <summary>
/// One row of 专栏2 (江北区生态环境保护"十四五"规划指标): the 17 indicators. All cells keep their raw text
/// (<see cref="RawCells"/>), parsed values sit beside them.
/// </summary>
public sealed class PlanIndicator
{
    /// <summary>Column headers of 专栏2 in the order of the TSV and of the exported sheet.</summary>
    public static readonly IReadOnlyList<string> Headers = ["序号", "指标类别", "指标", "单位", "类型", "2020年现状值", "2025年目标值"];

    /// <summary>Creates an indicator from parsed cells.</summary>
    /// <param name="number">序号, 1–17.</param>
    /// <param name="category">指标类别 (核心指标 / 主要指标).</param>
    /// <param name="name">指标 name as printed.</param>
    /// <param name="unit">单位 as printed (<c>%</c>, <c>μg/m3</c>).</param>
    /// <param name="kindRaw">类型 as printed (约束性 / 预期性).</param>
    /// <param name="kind">Parsed kind.</param>
    /// <param name="baselineYear">Year of the baseline (2020 from the header).</param>
    /// <param name="baseline">Baseline value.</param>
    /// <param name="targetYear">Year of the target (2025 from the header).</param>
    /// <param name="target">Target value.</param>
    /// <param name="rawCells">The row's cells exactly as printed, in <see cref="Headers"/> order.</param>
    public PlanIndicator(int number, string category, string name, string unit, string kindRaw, IndicatorKind kind,
        int baselineYear, PlanValue baseline, int targetYear, PlanValue target, IReadOnlyList<string> rawCells)
    {
        Number = number; Category = category; Name = name; Unit = unit; KindRaw = kindRaw; Kind = kind;
        BaselineYear = baselineYear; Baseline = baseline; TargetYear = targetYear; PrintedTarget = target; RawCells = rawCells;
    }

    /// <summary>序号 (1–17).</summary>
    public int Number { get; }
    /// <summary>指标类别: 核心指标 or 主要指标.</summary>
    public string Category { get; }
    /// <summary>Indicator name as printed.</summary>
    public string Name { get; }
    /// <summary>Unit as printed (e.g. <c>%</c>, <c>μg/m3</c>).</summary>
    public string Unit { get; }
    /// <summary>类型 as printed.</summary>
    public string KindRaw { get; }
    /// <summary>约束性 / 预期性.</summary>
    public IndicatorKind Kind { get; }
    /// <summary>Baseline year (2020).</summary>
    public int BaselineYear { get; }
    /// <summary>Baseline as printed in 专栏2 (may be <c>[x]</c> 4-year cumulative or no value).</summary>
    public PlanValue Baseline { get; }
    /// <summary>Target year (2025).</summary>
    public int TargetYear { get; }
    /// <summary>Target as printed (may be <c>市级下达</c>).</summary>
    public PlanValue PrintedTarget { get; }
    /// <summary>The row exactly as printed, in <see cref="Headers"/> order.</summary>
    public IReadOnlyList<string> RawCells { get; }
    /// <summary>The municipal issuance once the city has set a <c>市级下达</c> target; null until then.</summary>
    public MunicipalTarget? Municipal { get; private set; }

    /// <summary>The target in force: the municipal issuance when set, else the printed target.</summary>
    public PlanValue Target => Municipal?.Target ?? PrintedTarget;

    /// <summary>True when the printed target is <c>市级下达</c> and no issuance has been recorded.</summary>
    public bool AwaitsMunicipalTarget => PrintedTarget.Kind == PlanValueKind.SetByMunicipality && Municipal is null;

    /// <summary>Records the target the municipality issued for a <c>市级下达</c> indicator (replacing an earlier issuance).</summary>
    /// <param name="issuance">The issuance.</param>
    /// <exception cref="InvalidOperationException">The printed target is not <c>市级下达</c> (printed targets are not editable).</exception>
    public void SetMunicipalTarget(MunicipalTarget issuance)
    {
        ArgumentNullException.ThrowIfNull(issuance);
        if (PrintedTarget.Kind != PlanValueKind.SetByMunicipality)
            throw new InvalidOperationException($"indicator {Number} has a printed target '{PrintedTarget.Raw}'; only 市级下达 targets can be set");
        Municipal = issuance;
    }

    /// <summary>True when the indicator is a cumulative reduction (its name ends with 下降率, as #1–#6 do): values are
    /// cumulative percent reductions since the baseline year and the target (【x】 or issued) is reached from 0.</summary>
    public bool IsCumulativeReduction => Name.EndsWith("下降率", StringComparison.Ordinal);

    /// <summary>
    /// The values the indicator can physically take, from its unit: a share or rate in <c>%</c> lies in 0…100 (a
    /// cumulative reduction in % may be negative — an increase — but cannot exceed 100); a concentration
    /// (<c>μg/m3</c>, <c>mg/m3</c>, <c>mg/L</c>) is at least 0; other units are unbounded (null). Projections are
    /// bounded to this range.
    /// </summary>
    public (decimal? Min, decimal? Max) PhysicalRange => Unit.Trim() switch
    {
        "%" => IsCumulativeReduction ? (null, 100m) : (0m, 100m),
        var u when u.StartsWith("μg/", StringComparison.Ordinal) || u.StartsWith("ug/", StringComparison.Ordinal)
            || u.StartsWith("mg/", StringComparison.Ordinal) => (0m, null),
        _ => (null, null),
    };
}

/// <summary>One row of 专栏1: how a 13th-plan binding indicator ended (2015 → 2020).</summary>
/// <param name="Name">指标名称 as printed, unit in brackets included (e.g. <c>城市污水处理率（%）</c>).</param>
/// <param name="Unit">The unit taken from the trailing bracket, empty when none.</param>
/// <param name="Value2015">2015 value.</param>
/// <param name="Value2020">2020 value.</param>
/// <param name="Target2020">2020 target.</param>
/// <param name="Outcome">完成情况 as printed.</param>
/// <param name="Completed">True for 完成, false for 未完成, null otherwise.</param>
/// <param name="RawCells">The row exactly as printed.</param>
public sealed record ThirteenthPlanResult(string Name, string Unit, PlanValue Value2015, PlanValue Value2020, PlanValue Target2020,
    string Outcome, bool? Completed, IReadOnlyList<string> RawCells)
{
    /// <summary>Column headers of 专栏1.</summary>
    public static readonly IReadOnlyList<string> Headers = ["指标名称", "2015年", "2020年", "2020年目标值", "完成情况"];
}

/// <summary>A quantified target stated in the plan's running text (not in 专栏2).</summary>
/// <param name="Chapter">章节, e.g. 第五章第二节.</param>
/// <param name="Name">指标.</param>
/// <param name="Unit">单位.</param>
/// <param name="ComparatorRaw">比较 as printed.</param>
/// <param name="Comparator">Parsed comparator.</param>
/// <param name="Target">目标值 (number or water class).</param>
/// <param name="TargetYear">目标年.</param>
/// <param name="Remark">备注 (每年, 保持, 稳定达标), empty when none.</param>
/// <param name="RawCells">The row exactly as printed.</param>
public sealed record TextTarget(string Chapter, string Name, string Unit, string ComparatorRaw, Comparator Comparator, PlanValue Target,
    int TargetYear, string Remark, IReadOnlyList<string> RawCells)
{
    /// <summary>Column headers of the text-target table.</summary>
    public static readonly IReadOnlyList<string> Headers = ["章节", "指标", "单位", "比较", "目标值", "目标年", "备注"];
}
