namespace SmartEnv.Storage.Plan;

/// <summary>
/// One row of a plan table exactly as imported (<c>plan_table_rows</c>): the raw layer from which the plan's four tables
/// (专栏2 <c>indicators-14th</c>, 专栏1 <c>indicators-13th</c>, <c>targets-in-text</c>, 重大项目表 <c>major-projects</c>,
/// including its 合计 row) are rebuilt cell for cell. Replaced as a whole by a changed re-import.
/// </summary>
public sealed class PlanTableRow
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Table file stem (<c>indicators-14th</c>, <c>indicators-13th</c>, <c>targets-in-text</c>, <c>major-projects</c>).</summary>
    public string TableId { get; set; } = "";
    /// <summary>0-based position of the row in its table.</summary>
    public int Position { get; set; }
    /// <summary>Line (TSV) or row (xlsx) of the source, 1 = header.</summary>
    public int Line { get; set; }
    /// <summary>The cells as a JSON array of strings, as read (blank merged cells stay blank).</summary>
    public string CellsJson { get; set; } = "[]";
}

/// <summary>
/// A 专栏2 indicator (<c>plan_indicators</c>): raw cells plus the parsed columns. Keyed by 序号.
/// </summary>
public sealed class PlanIndicatorRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>专栏2 序号 (1…17), unique.</summary>
    public int Number { get; set; }
    /// <summary>指标类别 (filled down).</summary>
    public string Category { get; set; } = "";
    /// <summary>指标 name.</summary>
    public string Name { get; set; } = "";
    /// <summary>单位 as printed.</summary>
    public string Unit { get; set; } = "";
    /// <summary>类型 as printed (约束性/预期性).</summary>
    public string KindRaw { get; set; } = "";
    /// <summary>Parsed kind: <c>binding</c> or <c>expected</c>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Baseline year (2020).</summary>
    public int BaselineYear { get; set; }
    /// <summary>Baseline cell as printed.</summary>
    public string BaselineRaw { get; set; } = "";
    /// <summary>Parsed baseline number (exact), null when the notation has none.</summary>
    public decimal? BaselineValue { get; set; }
    /// <summary>Target year (2025).</summary>
    public int TargetYear { get; set; }
    /// <summary>Printed target cell.</summary>
    public string TargetRaw { get; set; } = "";
    /// <summary>Parsed printed target number (exact), null for <c>市级下达</c> and other notations without one.</summary>
    public decimal? TargetValue { get; set; }
    /// <summary>Printed comparator sign (<c>≥</c>, <c>≤</c>) or empty.</summary>
    public string Comparator { get; set; } = "";
    /// <summary>The row's cells as a JSON array (raw).</summary>
    public string RawCellsJson { get; set; } = "[]";
    /// <summary>Municipal target (<c>市级下达</c> issued later) as written, null until issued.</summary>
    public string? MunicipalTargetRaw { get; set; }
    /// <summary>Issuing body of the municipal target.</summary>
    public string? MunicipalIssuedBy { get; set; }
    /// <summary>Date of issuance.</summary>
    public DateOnly? MunicipalIssuedOn { get; set; }
    /// <summary>Document of issuance.</summary>
    public string? MunicipalEvidence { get; set; }
}

/// <summary>
/// One version of an indicator's value for a year (<c>plan_indicator_values</c>), append-only: an edit is a new row with
/// the next version; the highest version is current. Unique (indicator, year, version).
/// </summary>
public sealed class PlanIndicatorValueRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The indicator (<see cref="PlanIndicatorRecord.Id"/>).</summary>
    public long IndicatorId { get; set; }
    /// <summary>Year the value describes.</summary>
    public int Year { get; set; }
    /// <summary>1-based version within (indicator, year).</summary>
    public int Version { get; set; }
    /// <summary>The value (exact decimal, in the indicator's unit).</summary>
    public decimal Value { get; set; }
    /// <summary><c>computed</c> or <c>reported</c>.</summary>
    public string Source { get; set; } = "";
    /// <summary>Who recorded it (person, or the engine for computed values).</summary>
    public string RecordedBy { get; set; } = "";
    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>Evidence (document, file, computation).</summary>
    public string Evidence { get; set; } = "";
    /// <summary>Free note.</summary>
    public string? Note { get; set; }
    /// <summary>False when the value is a statistic that fails its validity rule (e.g. a PM2.5 annual mean over too few valid
    /// days, GB 3095-2012 Table 4): shown, not judged against the target. Rows stored before this column are valid.</summary>
    public bool Valid { get; set; } = true;
}

/// <summary>
/// A 重大项目表 row (<c>plan_projects</c>): raw cells plus parsed columns and the current lifecycle stage. Keyed by 序号.
/// </summary>
public sealed class PlanProjectRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>1-based sequence in the printed table, unique.</summary>
    public int Sequence { get; set; }
    /// <summary>The row's cells as a JSON array (raw, blank merged cells kept blank).</summary>
    public string RawCellsJson { get; set; } = "[]";
    /// <summary>分类 (filled down).</summary>
    public string Category { get; set; } = "";
    /// <summary>项目类型 (filled down).</summary>
    public string Type { get; set; } = "";
    /// <summary>子类型, null when none.</summary>
    public string? SubType { get; set; }
    /// <summary>项目名称.</summary>
    public string Name { get; set; } = "";
    /// <summary>建设内容.</summary>
    public string Content { get; set; } = "";
    /// <summary>建设性质 as printed.</summary>
    public string NatureRaw { get; set; } = "";
    /// <summary>Planned start as printed (<c>2021.7</c>, <c>2021</c>, <c>待定</c>, <c>——</c>).</summary>
    public string PlannedStartRaw { get; set; } = "";
    /// <summary>Planned end as printed.</summary>
    public string PlannedEndRaw { get; set; } = "";
    /// <summary>Deadline: last day of the planned end month (or 31 December), null when not given / to be decided.</summary>
    public DateOnly? PlannedEndDeadline { get; set; }
    /// <summary>Investment cell as printed (<c>4186（34880*12%）</c>).</summary>
    public string InvestmentRaw { get; set; } = "";
    /// <summary>Investment in 万元 (exact decimal).</summary>
    public decimal? InvestmentAmount { get; set; }
    /// <summary>Note inside the investment cell.</summary>
    public string? InvestmentNote { get; set; }
    /// <summary>牵头单位（实施单位） as printed.</summary>
    public string LeadUnitRaw { get; set; } = "";
    /// <summary>Lead unit.</summary>
    public string LeadUnit { get; set; } = "";
    /// <summary>Implementing unit, null when none.</summary>
    public string? ImplementingUnit { get; set; }
    /// <summary>Current lifecycle stage (snake_case of <c>ProjectStage</c>: <c>reserve</c>, <c>under_construction</c>…).</summary>
    public string Stage { get; set; } = "";
}

/// <summary>A lifecycle transition of a project (<c>plan_stage_changes</c>), append-only.</summary>
public sealed class PlanStageChangeRecord
{
    /// <summary>Surrogate key (order of recording).</summary>
    public long Id { get; set; }
    /// <summary>The project.</summary>
    public long ProjectId { get; set; }
    /// <summary>Stage before (snake_case).</summary>
    public string FromStage { get; set; } = "";
    /// <summary>Stage after (snake_case).</summary>
    public string ToStage { get; set; } = "";
    /// <summary>Effective date.</summary>
    public DateOnly On { get; set; }
    /// <summary>Who decided it.</summary>
    public string By { get; set; } = "";
    /// <summary>Reason (required for 调整/取消).</summary>
    public string? Reason { get; set; }
    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A periodic progress report of a project (<c>plan_progress_reports</c>), append-only.</summary>
public sealed class PlanProgressReportRecord
{
    /// <summary>Surrogate key (order of recording).</summary>
    public long Id { get; set; }
    /// <summary>The project.</summary>
    public long ProjectId { get; set; }
    /// <summary>Report date.</summary>
    public DateOnly AsOf { get; set; }
    /// <summary>Percent complete 0–100 (exact).</summary>
    public decimal PercentComplete { get; set; }
    /// <summary>Cumulative investment completed, 万元 (exact).</summary>
    public decimal InvestmentToDate { get; set; }
    /// <summary>Issues reported.</summary>
    public string Issues { get; set; } = "";
    /// <summary>Reporter.</summary>
    public string ReportedBy { get; set; } = "";
    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A performance evaluation of a project (<c>plan_evaluations</c>; 第八章第二节, 财预〔2020〕10号).</summary>
public sealed class PlanEvaluationRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The project.</summary>
    public long ProjectId { get; set; }
    /// <summary>Year evaluated.</summary>
    public int Year { get; set; }
    /// <summary>Date of the evaluation.</summary>
    public DateOnly EvaluatedOn { get; set; }
    /// <summary>Evaluator.</summary>
    public string Evaluator { get; set; } = "";
    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>Scores per dimension.</summary>
    public List<PlanEvaluationScoreRecord> Scores { get; set; } = [];
}

/// <summary>One dimension's score of an evaluation (<c>plan_evaluation_scores</c>).</summary>
public sealed class PlanEvaluationScoreRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The evaluation.</summary>
    public long EvaluationId { get; set; }
    /// <summary>Dimension (snake_case: <c>input</c>, <c>process</c>, <c>output</c>, <c>benefit</c>).</summary>
    public string Dimension { get; set; } = "";
    /// <summary>Score (exact).</summary>
    public decimal Score { get; set; }
    /// <summary>Maximum score of the dimension.</summary>
    public decimal MaxScore { get; set; }
    /// <summary>Evidence.</summary>
    public string Evidence { get; set; } = "";
}
