using System.Globalization;
using SmartEnv.Planning.Indicators;
using SmartEnv.Planning.Notation;

namespace SmartEnv.Web.Contracts;

/// <summary>One point of an indicator's sparkline.</summary>
/// <param name="Year">Year.</param>
/// <param name="Value">Current value as exact decimal string, null when none.</param>
public sealed record PlanSparkDto(int Year, string? Value);

/// <summary>One stored version of an indicator value.</summary>
/// <param name="Version">1-based version within the year.</param>
/// <param name="Value">Exact decimal string.</param>
/// <param name="Source"><c>computed</c> or <c>reported</c> (snake_case <see cref="ValueSource"/>).</param>
/// <param name="By">Reporter or engine.</param>
/// <param name="At">Recording instant (ISO 8601 with offset).</param>
/// <param name="Evidence">Evidence.</param>
/// <param name="Note">Note.</param>
/// <param name="Valid">False when the value is a statistic that fails its validity rule (<see cref="IndicatorValue.Valid"/>).</param>
public sealed record PlanVersionDto(int Version, string Value, string Source, string By, DateTimeOffset At, string Evidence, string? Note, bool Valid = true);

/// <summary>A plan value as printed and as read (baseline of an indicator).</summary>
/// <param name="Raw">Cell as printed, e.g. <c>≥88</c>, <c>【14】</c>.</param>
/// <param name="Notation">How it reads: snake_case <see cref="PlanValueKind"/> (<c>number</c>, <c>cumulative5_year</c>, <c>set_by_municipality</c>, …).</param>
/// <param name="Comparator">Printed comparator sign (≥, ≤, =) or empty.</param>
/// <param name="Value">The number, exact decimal string, null when none.</param>
/// <param name="Note">Note in the cell.</param>
/// <param name="Year">Year the value belongs to.</param>
public sealed record PlanValueDto(string Raw, string Notation, string Comparator, string? Value, string? Note, int Year);

/// <summary>The target in force of an indicator (the printed one, or the municipality's for a <c>市级下达</c> one).</summary>
/// <param name="Raw">Target in force as written.</param>
/// <param name="Notation">snake_case <see cref="PlanValueKind"/>.</param>
/// <param name="Comparator">Comparator sign or empty.</param>
/// <param name="Value">Exact decimal string, null when none.</param>
/// <param name="Note">Note.</param>
/// <param name="Year">Target year.</param>
/// <param name="Printed">Target as printed in 专栏2.</param>
/// <param name="AwaitingMunicipal">True for a <c>市级下达</c> target not yet issued.</param>
public sealed record PlanTargetDto(string Raw, string Notation, string Comparator, string? Value, string? Note, int Year, string Printed, bool AwaitingMunicipal);

/// <summary>Linear projection to the target year.</summary>
/// <param name="Year">Target year.</param>
/// <param name="Value">Projected value, exact decimal string.</param>
/// <param name="Points">Points used.</param>
/// <param name="MeetsTarget">True when the projection satisfies the target.</param>
/// <param name="Method">How it was made (points, years, bound), zh-CN then English.</param>
public sealed record PlanProjectionDto(int Year, string Value, int Points, bool MeetsTarget, string Method);

/// <summary>
/// An indicator of the plan board for one year (江北区“十四五”规划 专栏2), as <c>GET /api/plan/indicators</c>, the 规划
/// page and <c>smartenv plan indicators --json</c> give it. Status per <see cref="IndicatorStatusEvaluator"/> (docs/plan.md).
/// </summary>
/// <param name="Number">专栏2 序号.</param>
/// <param name="Category">指标类别.</param>
/// <param name="Name">指标.</param>
/// <param name="Unit">单位.</param>
/// <param name="Kind">类型 as printed.</param>
/// <param name="Baseline">Baseline (2020) value.</param>
/// <param name="Target">Target in force.</param>
/// <param name="Year">Year assessed.</param>
/// <param name="Value">Current value of the year, exact decimal string, null when none.</param>
/// <param name="Source"><c>computed</c>/<c>reported</c>, null without a value.</param>
/// <param name="Status">snake_case <see cref="IndicatorStatus"/>: <c>met</c>, <c>on_track</c>, <c>at_risk</c>, <c>not_met</c>, <c>no_data</c>, <c>no_target</c>, <c>not_valid</c>.</param>
/// <param name="StatusLabel">zh-CN label (达标, 进度正常, 存在风险, …).</param>
/// <param name="Color">Board colour of the status: <c>green</c>/<c>blue</c>/<c>amber</c>/<c>red</c>/<c>grey</c> (<see cref="PlanContract.Color"/>).</param>
/// <param name="Comparator">Effective comparator sign (printed or inferred).</param>
/// <param name="Rule">snake_case <see cref="TargetRule"/>: <c>threshold</c>, <c>linear_path</c>, <c>cumulative_linear_path</c>.</param>
/// <param name="RuleText">The rule used, written out.</param>
/// <param name="PathValue">Linear-path value for the year, when that rule applies.</param>
/// <param name="Projection">Projection to the target year (≥ 2 points), else null.</param>
/// <param name="Computed">True when the platform computes the indicator (#7, #9, #13, #14).</param>
/// <param name="ComputedGap">Why a computed indicator has no value, null otherwise.</param>
/// <param name="ValueValid">False when the year's value fails its validity rule (status <c>not_valid</c>).</param>
/// <param name="Sparkline">Baseline year … target year.</param>
/// <param name="History">All versions of the year's value.</param>
public sealed record PlanIndicatorDto(int Number, string Category, string Name, string Unit, string Kind, PlanValueDto Baseline, PlanTargetDto Target,
    int Year, string? Value, string? Source, string Status, string StatusLabel, string Color, string Comparator, string Rule, string RuleText,
    string? PathValue, PlanProjectionDto? Projection, bool Computed, string? ComputedGap, bool ValueValid,
    IReadOnlyList<PlanSparkDto> Sparkline, IReadOnlyList<PlanVersionDto> History);

/// <summary>The indicator board of a year.</summary>
/// <param name="Year">Year.</param>
/// <param name="AirStations">Stations used for #9/#13.</param>
/// <param name="Indicators">The 17 indicators.</param>
public sealed record PlanBoardDto(int Year, IReadOnlyList<string> AirStations, IReadOnlyList<PlanIndicatorDto> Indicators);

/// <summary>Builds the plan records from the Planning model (one mapping for the API, the UI and the CLI). Pure; thread-safe.</summary>
public static class PlanContract
{
    /// <summary>Board colour of a status: met green, on track blue, at risk amber, not met red, else grey.</summary>
    /// <param name="s">Status.</param>
    public static string Color(IndicatorStatus s) => s switch
    {
        IndicatorStatus.Met => "green",
        IndicatorStatus.OnTrack => "blue",
        IndicatorStatus.AtRisk => "amber",
        IndicatorStatus.NotMet => "red",
        _ => "grey",
    };

    /// <summary>An exact decimal as invariant text (the contract's form for plan values: no binary rounding).</summary>
    /// <param name="d">Value.</param>
    public static string Decimal(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>A stored version.</summary>
    /// <param name="v">Version.</param>
    public static PlanVersionDto Version(IndicatorValueVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Version, Decimal(v.Value.Value), ContractJson.EnumValue(v.Value.Source), v.Value.By, v.Value.At, v.Value.Evidence, v.Value.Note, v.Value.Valid);
    }

    /// <summary>
    /// One indicator of a board for a year: assessed by <see cref="IndicatorStatusEvaluator.Assess"/>, sparkline from
    /// <see cref="IndicatorBoard.Sparkline"/>, history of the year.
    /// </summary>
    /// <param name="board">Board holding the indicator and its series.</param>
    /// <param name="i">Indicator.</param>
    /// <param name="year">Year assessed.</param>
    /// <param name="computedGap">Why a computed indicator has no value (null when it has one or is not computed).</param>
    public static PlanIndicatorDto Indicator(IndicatorBoard board, PlanIndicator i, int year, string? computedGap)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(i);
        var s = board.Series(i.Number);
        var a = IndicatorStatusEvaluator.Assess(i, s, year);
        var b = i.Baseline;
        var t = i.Target;
        return new PlanIndicatorDto(i.Number, i.Category, i.Name, i.Unit, i.KindRaw,
            new PlanValueDto(b.Raw, ContractJson.EnumValue(b.Kind), PlanValueParser.Sign(b.Comparator), b.Number is decimal bn ? Decimal(bn) : null, b.Note, i.BaselineYear),
            new PlanTargetDto(t.Raw, ContractJson.EnumValue(t.Kind), PlanValueParser.Sign(t.Comparator), t.Number is decimal tn ? Decimal(tn) : null, t.Note, i.TargetYear,
                i.PrintedTarget.Raw, i.AwaitsMunicipalTarget),
            year, a.Actual is decimal v ? Decimal(v) : null, a.Source is { } src ? ContractJson.EnumValue(src) : null,
            ContractJson.EnumValue(a.Status), IndicatorStatusEvaluator.Label(a.Status), Color(a.Status), PlanValueParser.Sign(a.Comparator),
            ContractJson.EnumValue(a.Rule), a.RuleText, a.PathValue is decimal p ? Decimal(p) : null,
            a.Projection is { } pr ? new PlanProjectionDto(pr.TargetYear, Decimal(pr.Value), pr.Points, pr.MeetsTarget, pr.Method) : null,
            ComputedIndicators.IsComputed(i.Number), a.Actual is null ? computedGap : null, s.Current(year)?.Valid ?? true,
            [.. board.Sparkline(i.Number).Select(x => new PlanSparkDto(x.Year, x.Value is decimal d ? Decimal(d) : null))],
            [.. s.History(year).Select(Version)]);
    }
}
