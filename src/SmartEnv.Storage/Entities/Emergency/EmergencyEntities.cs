namespace SmartEnv.Storage.Entities.Emergency;

// Issue 20: environmental-risk units, documents, emergency plans with their filing set, and emergency events with their
// reports (migration Emergency). Codes (levels, states, kinds) are the snake_case texts of SmartEnv.Supervision.Emergency;
// SmartEnv.Emergency reads and writes them. Mutable EF entities; not thread-safe.

/// <summary>An environmental-risk unit (风险源, table <c>emergency_risk_units</c>) of an enterprise with its assessed
/// HJ 941 level and expression (recorded, never computed). Scoped by <see cref="Uscc"/>.</summary>
public sealed class EmergencyRiskUnit
{
    /// <summary>Width of <see cref="Name"/>.</summary>
    public const int NameLength = 128;
    /// <summary>Width of <see cref="Expression"/>.</summary>
    public const int ExpressionLength = 128;
    /// <summary>Width of code columns.</summary>
    public const int CodeLength = 32;
    /// <summary>Width of <c>By</c> columns (user names).</summary>
    public const int ByLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The enterprise (FK → <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }
    /// <summary>Name of the unit (e.g. 储罐区).</summary>
    public required string Name { get; set; }
    /// <summary>Assessed level: 一般, 较大 or 重大 (the Chinese name, as written in the assessment).</summary>
    public required string Level { get; set; }
    /// <summary>The assessed expression, e.g. <c>较大[较大-大气(Q1-M2-E1)+一般-水(Q0)]</c> (checked by RiskLevelExpression).</summary>
    public required string Expression { get; set; }
    /// <summary>Beijing day of the assessment.</summary>
    public DateOnly AssessedOn { get; set; }
    /// <summary>True for a key unit (重点): counted in the 100 % filing target.</summary>
    public bool IsKey { get; set; }
    /// <summary>When stored (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Who stored it.</summary>
    public required string UpdatedBy { get; set; }
    /// <summary>The risk substances.</summary>
    public List<EmergencyRiskSubstance> Substances { get; set; } = [];
}

/// <summary>A risk substance of a unit (table <c>emergency_risk_substances</c>). Scoped through the unit.</summary>
public sealed class EmergencyRiskSubstance
{
    /// <summary>Width of <see cref="Cas"/> (CAS numbers are at most 12 characters, e.g. 7647-01-0).</summary>
    public const int CasLength = 16;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>FK → <c>emergency_risk_units.id</c>.</summary>
    public long UnitId { get; set; }
    /// <summary>Substance name.</summary>
    public required string Name { get; set; }
    /// <summary>CAS registry number, or null.</summary>
    public string? Cas { get; set; }
    /// <summary>Largest on-site quantity q, tonnes.</summary>
    public decimal OnSiteTonnes { get; set; }
    /// <summary>Critical quantity Q (HJ 941 Appendix A), tonnes.</summary>
    public decimal CriticalTonnes { get; set; }
}

/// <summary>A document file (table <c>emergency_documents</c>): 一源一事一案 (<c>one_source_plan</c>) or 岗位应急卡
/// (<c>post_card</c>). Bytes in the row with their SHA-256, as inspection attachments are. Scoped by <see cref="Uscc"/>.</summary>
public sealed class EmergencyDocument
{
    /// <summary>Most bytes of one file (8 MiB, SmartEnv rule, as inspection attachments).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The enterprise.</summary>
    public required string Uscc { get; set; }
    /// <summary>The unit it belongs to, or null.</summary>
    public long? UnitId { get; set; }
    /// <summary><c>one_source_plan</c> or <c>post_card</c>.</summary>
    public required string Kind { get; set; }
    /// <summary>Title.</summary>
    public required string Title { get; set; }
    /// <summary>File name as uploaded.</summary>
    public required string FileName { get; set; }
    /// <summary>MIME type.</summary>
    public required string ContentType { get; set; }
    /// <summary>The bytes.</summary>
    public required byte[] Content { get; set; }
    /// <summary>Length of <see cref="Content"/>.</summary>
    public int Bytes { get; set; }
    /// <summary>SHA-256 of the bytes, lowercase hex.</summary>
    public required string Sha256 { get; set; }
    /// <summary>When stored (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }
    /// <summary>Who stored it.</summary>
    public required string UploadedBy { get; set; }
}

/// <summary>An emergency plan (环境应急预案, table <c>emergency_plans</c>) and its filing (环发〔2015〕4号). Scoped by <see cref="Uscc"/>.</summary>
public sealed class EmergencyPlan
{
    /// <summary>Width of <see cref="Note"/>.</summary>
    public const int NoteLength = 1000;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The enterprise.</summary>
    public required string Uscc { get; set; }
    /// <summary>Title.</summary>
    public required string Title { get; set; }
    /// <summary>The plan's version text (e.g. 2024版).</summary>
    public required string PlanVersion { get; set; }
    /// <summary>Day signed by the principal (day 0 of the filing period).</summary>
    public DateOnly SignedOn { get; set; }
    /// <summary>Filing due (signed + 20 working days).</summary>
    public DateOnly FilingDue { get; set; }
    /// <summary>True when <see cref="FilingDue"/> was estimated (a year without a holiday notice).</summary>
    public bool FilingDueProvisional { get; set; }
    /// <summary>Review due (signed + 3 years).</summary>
    public DateOnly ReviewDue { get; set; }
    /// <summary>Filing state: signed, submitted, filed, returned.</summary>
    public required string State { get; set; }
    /// <summary>Day of the latest submission, or null.</summary>
    public DateOnly? SubmittedOn { get; set; }
    /// <summary>Check due (submitted + 5 working days), or null.</summary>
    public DateOnly? CheckDue { get; set; }
    /// <summary>Day of the bureau's latest check, or null.</summary>
    public DateOnly? CheckedOn { get; set; }
    /// <summary>Who checked.</summary>
    public string? CheckedBy { get; set; }
    /// <summary>备案编号 once filed.</summary>
    public string? FilingNumber { get; set; }
    /// <summary>Refile date set with a 补正 notice.</summary>
    public DateOnly? RefileBy { get; set; }
    /// <summary>The 补正 notice or check note.</summary>
    public string? Note { get; set; }
    /// <summary>emergency-rules version the dues were counted with.</summary>
    public required string RulesVersion { get; set; }
    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; set; }
    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Optimistic concurrency counter.</summary>
    public int Version { get; set; }
}

/// <summary>One document of a plan's filing set (table <c>emergency_plan_attachments</c>): <c>filing_form</c>, <c>plan</c>,
/// <c>risk_assessment</c>, <c>resources_survey</c>, <c>review_opinion</c>. Scoped through the plan.</summary>
public sealed class EmergencyPlanAttachment
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>FK → <c>emergency_plans.id</c>.</summary>
    public long PlanId { get; set; }
    /// <summary>Document code (emergency-rules filing_doc rows).</summary>
    public required string DocCode { get; set; }
    /// <summary>File name as uploaded.</summary>
    public required string FileName { get; set; }
    /// <summary>MIME type.</summary>
    public required string ContentType { get; set; }
    /// <summary>The bytes.</summary>
    public required byte[] Content { get; set; }
    /// <summary>Length of the bytes.</summary>
    public int Bytes { get; set; }
    /// <summary>SHA-256, lowercase hex.</summary>
    public required string Sha256 { get; set; }
    /// <summary>When stored (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>An environmental emergency (table <c>emergency_events</c>) with its Annex 1 criteria, level, deciding
/// criterion and 初报 deadline. Staff only; enterprise users see none (filter).</summary>
public sealed class EmergencyEvent
{
    /// <summary>Width of <see cref="Title"/>.</summary>
    public const int TitleLength = 200;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>Title.</summary>
    public required string Title { get; set; }
    /// <summary>The enterprise involved, or null.</summary>
    public string? Uscc { get; set; }
    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>When the bureau learned of it (UTC): the start of the reporting clock.</summary>
    public DateTimeOffset LearnedAt { get; set; }
    /// <summary>Deaths, or null (unknown).</summary>
    public int? Deaths { get; set; }
    /// <summary>Poisoned or seriously injured, or null.</summary>
    public int? Injured { get; set; }
    /// <summary>Evacuated, or null.</summary>
    public int? Evacuated { get; set; }
    /// <summary>Direct loss, yuan, or null.</summary>
    public decimal? LossYuan { get; set; }
    /// <summary>Water-intake category, or null.</summary>
    public string? WaterIntake { get; set; }
    /// <summary>Cross-boundary category, or null.</summary>
    public string? CrossBoundary { get; set; }
    /// <summary>Art. 4 circumstances, comma-separated codes, or null.</summary>
    public string? Circumstances { get; set; }
    /// <summary>Level code, or null (unclear).</summary>
    public string? Level { get; set; }
    /// <summary>Rule row that decided the level, or null.</summary>
    public string? DecisiveRule { get; set; }
    /// <summary>Level whose reporting procedure applies.</summary>
    public required string ReportAs { get; set; }
    /// <summary>Rule row that set the deadline.</summary>
    public required string DeadlineReason { get; set; }
    /// <summary>初报 deadline (UTC).</summary>
    public DateTimeOffset ReportDue { get; set; }
    /// <summary>Reporting state: open, initial_filed, continuing, closed.</summary>
    public required string ReportState { get; set; }
    /// <summary>emergency-rules version.</summary>
    public required string RulesVersion { get; set; }
    /// <summary>Who recorded it.</summary>
    public required string RecordedBy { get; set; }
    /// <summary>Optimistic concurrency counter.</summary>
    public int Version { get; set; }
}

/// <summary>One report of an event (table <c>emergency_event_reports</c>): 初报, 续报 or 处理结果报告, timestamped.</summary>
public sealed class EmergencyEventReport
{
    /// <summary>Width of <see cref="Text"/>.</summary>
    public const int TextLength = 4000;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>FK → <c>emergency_events.id</c>.</summary>
    public long EventId { get; set; }
    /// <summary>1, 2, … within the event.</summary>
    public int Seq { get; set; }
    /// <summary>initial, continued or final.</summary>
    public required string Kind { get; set; }
    /// <summary>When filed (UTC).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Content.</summary>
    public required string Text { get; set; }
    /// <summary>Who filed it.</summary>
    public required string By { get; set; }
}
