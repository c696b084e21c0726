namespace SmartEnv.Supervision.Inspections.Draw;

/// <summary>The class of a supervised object in the 监管对象库 (supervision.md §6). JSON tokens <c>key</c>, <c>special</c>,
/// <c>general</c>. The declaration order is the stratum order of the draw (key, special, general). Thread-safe (an enum).</summary>
public enum ObjectClass
{
    /// <summary>重点排污单位 (key discharge unit): at least <see cref="DrawRuleSet.KeyRatio"/> per quarter.</summary>
    Key,
    /// <summary>特殊监管对象 (special supervision object): <see cref="DrawRuleSet.SpecialRatio"/> per quarter, up to all.</summary>
    Special,
    /// <summary>一般排污单位 (general discharge unit): a quarterly total set by the inspector count
    /// (<see cref="DrawRuleSet.GeneralUnitsPerInspectorYear"/>).</summary>
    General,
}

/// <summary>The environmental-credit grade of an object (supervision.md §7), which weights the draw. JSON tokens
/// <c>honest</c>, <c>good</c>, <c>warning</c>, <c>bad</c>, and <c>null</c> for <see cref="None"/>. The declaration order is
/// the stratum order inside a class. Thread-safe (an enum).</summary>
public enum DrawGrade
{
    /// <summary>环保诚信企业 (green).</summary>
    Honest,
    /// <summary>环保良好企业 (blue).</summary>
    Good,
    /// <summary>环保警示企业 (yellow).</summary>
    Warning,
    /// <summary>环保不良企业 (red).</summary>
    Bad,
    /// <summary>Not evaluated (no grade).</summary>
    None,
}

/// <summary>How a drawn task is carried out. JSON tokens <c>onsite</c> (现场检查) and <c>offsite</c> (非现场检查, for objects
/// on the 正面清单 positive list, supervision.md §6 [S]). Thread-safe (an enum).</summary>
public enum TaskMode
{
    /// <summary>现场检查 (on-site inspection).</summary>
    OnSite,
    /// <summary>非现场检查 (off-site check: records, monitoring data).</summary>
    OffSite,
}

/// <summary>The header of a draw plan. Immutable; thread-safe.</summary>
/// <param name="Id">Plan id, e.g. <c>SJ-2025Q1</c> (non-empty).</param>
/// <param name="District">District code (e.g. <c>500105</c> for 江北区).</param>
/// <param name="Quarter">The quarter drawn for, <c>YYYYQn</c> (e.g. <c>2025Q1</c>).</param>
/// <param name="FrozenAt">The day the object and inspector lists were frozen (before the public value existed).</param>
public sealed record DrawPlanHeader(string Id, string District, string Quarter, DateOnly FrozenAt);

/// <summary>
/// The rules a plan is drawn with; the plan's copy is what is published and used (a plan may override the defaults of
/// <see cref="DrawRules"/>, <c>draw-rules.tsv</c>). Every default is a row of that file with its confidence and source, not a
/// literal in code. Immutable; thread-safe.
/// </summary>
/// <param name="Version">The rule table the defaults came from, <c>draw-rules@</c> + 8 hex digits (kept when a figure is
/// overridden: the overridden figures are in the plan itself).</param>
/// <param name="KeyRatio">Share of each key stratum drawn per quarter, 0 &lt; r ≤ 1 (default 0.25 [S]).</param>
/// <param name="SpecialRatio">Share of each special stratum per quarter, 0 &lt; r ≤ 1 (default 1 [U]).</param>
/// <param name="GeneralUnitsPerInspectorYear">General units per inspector per year, &gt; 0 (default 10 [S], district
/// level); the quarterly total is a quarter of it times the inspector count.</param>
/// <param name="MultiplierHonest">Grade multiplier for 诚信 (default 0.5 [U], SmartEnv local policy).</param>
/// <param name="MultiplierGood">Grade multiplier for 良好 (default 1 [U]).</param>
/// <param name="MultiplierWarning">Grade multiplier for 警示 (default 1.5 [U]).</param>
/// <param name="MultiplierBad">Grade multiplier for 不良 (default 2 [U]).</param>
/// <param name="MultiplierNone">Multiplier for an object without grade (default 1, SmartEnv rule).</param>
/// <param name="InspectorsPerTask">Inspectors per task, at least 2.</param>
/// <param name="DifferentDepartments">Pick each further inspector of a task from a department not yet on it when one is
/// eligible.</param>
/// <param name="RecuseLastTime">Exclude the inspectors of an object's last inspection.</param>
public sealed record DrawRuleSet(
    string Version,
    decimal KeyRatio,
    decimal SpecialRatio,
    decimal GeneralUnitsPerInspectorYear,
    decimal MultiplierHonest,
    decimal MultiplierGood,
    decimal MultiplierWarning,
    decimal MultiplierBad,
    decimal MultiplierNone,
    int InspectorsPerTask,
    bool DifferentDepartments,
    bool RecuseLastTime)
{
    /// <summary>The multiplier of <paramref name="grade"/>.</summary>
    /// <param name="grade">A grade.</param>
    /// <returns>One of the five multiplier figures.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined grade.</exception>
    public decimal Multiplier(DrawGrade grade) => grade switch
    {
        DrawGrade.Honest => MultiplierHonest,
        DrawGrade.Good => MultiplierGood,
        DrawGrade.Warning => MultiplierWarning,
        DrawGrade.Bad => MultiplierBad,
        DrawGrade.None => MultiplierNone,
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };
}

/// <summary>One entry of the 监管对象库 as frozen for the plan. Immutable; thread-safe.</summary>
/// <param name="Id">The object's id, normally its USCC (统一社会信用代码); unique within the plan.</param>
/// <param name="Name">The name as published.</param>
/// <param name="Class">key / special / general.</param>
/// <param name="SpecialReason">Why the object is special (e.g. 上年受处罚, 挂牌督办); null when not special.</param>
/// <param name="Grade">The latest credit grade, <see cref="DrawGrade.None"/> when not evaluated.</param>
/// <param name="PositiveList">On the 正面清单: a drawn task is <see cref="TaskMode.OffSite"/>.</param>
/// <param name="LastInspectors">Inspector ids of the object's last inspection (recused when
/// <see cref="DrawRuleSet.RecuseLastTime"/>); may be empty.</param>
public sealed record DrawObject(string Id, string Name, ObjectClass Class, string? SpecialReason, DrawGrade Grade,
    bool PositiveList, IReadOnlyList<string> LastInspectors);

/// <summary>One entry of the 执法检查人员名录库. Immutable; thread-safe.</summary>
/// <param name="Id">Enforcement certificate number (执法证号); unique within the plan.</param>
/// <param name="Name">The name (personal data: kept out of public pages by later parts).</param>
/// <param name="Department">The department (科室/大队) the inspector belongs to.</param>
/// <param name="Conflicts">Object ids (USCCs) the inspector declared a conflict of interest with (行政处罚法 Art. 43
/// recusal, supervision.md §6 [P†]).</param>
public sealed record DrawInspector(string Id, string Name, string Department, IReadOnlyList<string> Conflicts);

/// <summary>The commitment that fixes the seed in advance. Immutable; thread-safe.</summary>
/// <param name="Hash">SHA-256 of the secret's bytes, 64 lowercase hex digits, published before the draw.</param>
/// <param name="PublicValue">A value that did not exist when the lists were frozen (e.g. "上证指数 2025-01-06 收盘
/// 3206.92"), entered by staff; null until entered.</param>
/// <param name="Secret">The secret, lowercase hex (at least 16 bytes), revealed after the draw; null before.</param>
public sealed record DrawCommitment(string Hash, string? PublicValue, string? Secret);

/// <summary>One drawn task. Immutable; thread-safe.</summary>
/// <param name="ObjectId">The object drawn.</param>
/// <param name="Mode">On-site, or off-site for a positive-list object.</param>
/// <param name="InspectorIds">The inspectors, in the order they were picked.</param>
public sealed record DrawTask(string ObjectId, TaskMode Mode, IReadOnlyList<string> InspectorIds);

/// <summary>The result of a draw: tasks in draw order. Immutable; thread-safe.</summary>
/// <param name="Tasks">The tasks, in draw order (strata in order, objects in the order they were drawn).</param>
public sealed record DrawResult(IReadOnlyList<DrawTask> Tasks);

/// <summary>
/// A 双随机 draw plan as published (JSON form: <see cref="DrawPlanJson"/>; algorithm: <see cref="DrawEngine"/>,
/// docs/inspections.md "The draw (P1)"). The lists are ordered and their order is part of the published input.
/// Immutable; thread-safe. Note that record equality compares the lists by reference: compare plans through
/// <see cref="DrawPlanJson.Write(DrawPlan)"/>.
/// </summary>
/// <param name="Plan">The header.</param>
/// <param name="Rules">The rules used.</param>
/// <param name="Objects">The object list, in published order.</param>
/// <param name="Inspectors">The inspector list, in published order.</param>
/// <param name="Commitment">The commitment (hash; public value and secret once known).</param>
/// <param name="Result">The result; null before the draw.</param>
public sealed record DrawPlan(DrawPlanHeader Plan, DrawRuleSet Rules, IReadOnlyList<DrawObject> Objects,
    IReadOnlyList<DrawInspector> Inspectors, DrawCommitment Commitment, DrawResult? Result);
