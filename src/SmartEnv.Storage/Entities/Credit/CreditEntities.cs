namespace SmartEnv.Storage.Entities.Credit;

// Storage twins of the credit enums of SmartEnv.Supervision.Credit (issue 19 P2), member for member the same names, stored
// as snake_case text (SnakeCaseEnumConverter); SmartEnv.Credit maps them by name.

/// <summary>Twin of <c>CreditGrade</c>: <c>trustworthy|good|warning|poor</c> (环保诚信/良好/警示/不良).</summary>
public enum StoredCreditGrade
{
    /// <summary>环保诚信 (绿, 红名单).</summary>
    Trustworthy,
    /// <summary>环保良好 (蓝).</summary>
    Good,
    /// <summary>环保警示 (黄).</summary>
    Warning,
    /// <summary>环保不良 (红, 黑名单).</summary>
    Poor,
}

/// <summary>Twin of <c>CreditItemKind</c>: <c>deduction|bonus|veto</c>.</summary>
public enum StoredCreditItemKind
{
    /// <summary>扣分项.</summary>
    Deduction,
    /// <summary>加分项.</summary>
    Bonus,
    /// <summary>一票否决项.</summary>
    Veto,
}

/// <summary>Twin of <c>CreditEvidenceKind</c>: <c>exceedance|transmission_rate|complaint_verified|inspection_finding|
/// penalty|hw_noncompliance|emergency|other</c>.</summary>
public enum StoredCreditEvidenceKind
{
    /// <summary>Verified exceedance.</summary>
    Exceedance,
    /// <summary>有效传输率 below the required rate.</summary>
    TransmissionRate,
    /// <summary>Complaint verified as 属实.</summary>
    ComplaintVerified,
    /// <summary>Inspection finding (problem).</summary>
    InspectionFinding,
    /// <summary>Penalty decision.</summary>
    Penalty,
    /// <summary>Hazardous-waste non-compliance.</summary>
    HwNoncompliance,
    /// <summary>Environmental emergency.</summary>
    Emergency,
    /// <summary>Other, entered by staff with a document.</summary>
    Other,
}

/// <summary>Twin of <c>CreditInfoSeverity</c>: <c>minor|general|serious</c> (轻微/一般/严重).</summary>
public enum StoredCreditInfoSeverity
{
    /// <summary>轻微.</summary>
    Minor,
    /// <summary>一般.</summary>
    General,
    /// <summary>严重.</summary>
    Serious,
}

/// <summary>Twin of <c>CreditRepairState</c>: <c>applied|under_review|approved|rejected|withdrawn</c>.</summary>
public enum StoredCreditRepairState
{
    /// <summary>已申请.</summary>
    Applied,
    /// <summary>审核中.</summary>
    UnderReview,
    /// <summary>已通过.</summary>
    Approved,
    /// <summary>已驳回.</summary>
    Rejected,
    /// <summary>已撤回.</summary>
    Withdrawn,
}

/// <summary>
/// One annual credit evaluation of an enterprise (table <c>credit_evaluations</c>). Rows are never changed: a new
/// evaluation or a staff adjustment writes a new row, and the latest row (highest id) of a (USCC, year) is the current
/// one. Scores are decimal(6,1) points, never rounded before banding. Scoped by the USCC. Mutable EF entity; not
/// thread-safe.
/// </summary>
public sealed class CreditEvaluationRecord
{
    /// <summary>Width of <see cref="RulesVersion"/> (<c>credit-rules@</c> + 8 hex).</summary>
    public const int VersionLength = 32;

    /// <summary>Width of <see cref="EvaluatedBy"/>.</summary>
    public const int NameLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The enterprise's 统一社会信用代码.</summary>
    public required string Uscc { get; set; }

    /// <summary>The year evaluated (evidence dated in it, Beijing time).</summary>
    public int Year { get; set; }

    /// <summary>Base score (row <c>score.base</c>).</summary>
    public decimal BaseScore { get; set; }

    /// <summary>Σ deduction lines.</summary>
    public decimal DeductionTotal { get; set; }

    /// <summary>Bonus total after the bonus cap.</summary>
    public decimal BonusTotal { get; set; }

    /// <summary>Σ staff adjustments of the (USCC, year) counted in.</summary>
    public decimal AdjustmentTotal { get; set; }

    /// <summary>The score (after the floor), points.</summary>
    public decimal Score { get; set; }

    /// <summary>The grade (<see cref="StoredCreditGrade.Poor"/> when <see cref="Vetoed"/>).</summary>
    public StoredCreditGrade Grade { get; set; }

    /// <summary>True when a one-vote-veto item decided the grade.</summary>
    public bool Vetoed { get; set; }

    /// <summary><c>credit-rules@</c> + 8 hex of the rules used.</summary>
    public required string RulesVersion { get; set; }

    /// <summary>When evaluated (UTC).</summary>
    public DateTimeOffset EvaluatedAt { get; set; }

    /// <summary>By whom (user name or job).</summary>
    public required string EvaluatedBy { get; set; }
}

/// <summary>One item line of an evaluation (table <c>credit_evaluation_lines</c>); its evidence records are
/// <see cref="CreditLineEvidence"/> rows. Mutable EF entity; not thread-safe.</summary>
public sealed class CreditEvaluationLine
{
    /// <summary>Width of <see cref="ItemCode"/>.</summary>
    public const int CodeLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>credit_evaluations.id</c>.</summary>
    public long EvaluationId { get; set; }

    /// <summary>The credit-rules.tsv item code.</summary>
    public required string ItemCode { get; set; }

    /// <summary>Deduction, bonus or veto.</summary>
    public StoredCreditItemKind Kind { get; set; }

    /// <summary>Σ occurrences.</summary>
    public int Occurrences { get; set; }

    /// <summary>points × occurrences (0 for a veto).</summary>
    public decimal Uncapped { get; set; }

    /// <summary>min(cap, <see cref="Uncapped"/>): what the line counts (0 for a veto).</summary>
    public decimal Points { get; set; }

    /// <summary>The evidence records.</summary>
    public List<CreditLineEvidence> Evidence { get; set; } = [];
}

/// <summary>One evidence record of a line (table <c>credit_line_evidence</c>, key (line, seq)): the kind of platform record
/// and its id (case number, complaint number, <c>F</c>+finding id, …). Mutable EF entity; not thread-safe.</summary>
public sealed class CreditLineEvidence
{
    /// <summary>Width of <see cref="RecordId"/>.</summary>
    public const int RecordIdLength = 64;

    /// <summary>FK → <c>credit_evaluation_lines.id</c>.</summary>
    public long LineId { get; set; }

    /// <summary>1, 2, … in input order.</summary>
    public int Seq { get; set; }

    /// <summary>The kind of record.</summary>
    public StoredCreditEvidenceKind Kind { get; set; }

    /// <summary>The record's id.</summary>
    public required string RecordId { get; set; }

    /// <summary>Occurrences the record stands for (≥ 1).</summary>
    public int Occurrences { get; set; }
}

/// <summary>A staff adjustment of an enterprise's score for a year (table <c>credit_adjustments</c>), with its reason;
/// written with an audit entry and counted into every later evaluation of that (USCC, year). Mutable EF entity; not
/// thread-safe.</summary>
public sealed class CreditAdjustmentRecord
{
    /// <summary>Width of <see cref="Reason"/>.</summary>
    public const int ReasonLength = 1024;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The enterprise's 统一社会信用代码.</summary>
    public required string Uscc { get; set; }

    /// <summary>The year adjusted.</summary>
    public int Year { get; set; }

    /// <summary>Signed points (a non-zero multiple of 0.5).</summary>
    public decimal Delta { get; set; }

    /// <summary>Why (required).</summary>
    public required string Reason { get; set; }

    /// <summary>Who (user name).</summary>
    public required string StaffId { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>An event-driven grade change between evaluations (table <c>credit_grade_events</c>): a serious violation or an
/// emergency lowers the grade at once (credit-rules.tsv event rows). The latest event after the latest evaluation gives the
/// current grade. Scoped by the USCC. Mutable EF entity; not thread-safe.</summary>
public sealed class CreditGradeEvent
{
    /// <summary>Width of <see cref="EventCode"/>, <see cref="EvidenceRecordId"/> and <see cref="RecordedBy"/>.</summary>
    public const int CodeLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The enterprise's 统一社会信用代码.</summary>
    public required string Uscc { get; set; }

    /// <summary>The event rule code (e.g. <c>event.emergency.general</c>).</summary>
    public required string EventCode { get; set; }

    /// <summary>Grade before.</summary>
    public StoredCreditGrade FromGrade { get; set; }

    /// <summary>Grade after.</summary>
    public StoredCreditGrade ToGrade { get; set; }

    /// <summary>The Beijing day of the event.</summary>
    public DateOnly OccurredOn { get; set; }

    /// <summary>The evidence record (emergency number, case number).</summary>
    public required string EvidenceRecordId { get; set; }

    /// <summary>Who recorded it.</summary>
    public required string RecordedBy { get; set; }

    /// <summary>When recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A credit-repair application (信用修复申请, table <c>credit_repair_applications</c>); states follow
/// <c>CreditRepairWorkflow</c>, each step a <see cref="CreditRepairEvent"/>. Scoped by the USCC. Mutable EF entity; not
/// thread-safe.</summary>
public sealed class CreditRepairApplication
{
    /// <summary>Width of <see cref="Evidence"/> and <see cref="DecisionNote"/>.</summary>
    public const int TextLength = 2048;

    /// <summary>Width of <see cref="Reviewer"/> and <see cref="InfoRecordId"/>.</summary>
    public const int NameLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The enterprise's 统一社会信用代码.</summary>
    public required string Uscc { get; set; }

    /// <summary>The published credit information to repair (case number, evaluation id, …).</summary>
    public required string InfoRecordId { get; set; }

    /// <summary>Severity of that information (its publication periods).</summary>
    public StoredCreditInfoSeverity Severity { get; set; }

    /// <summary>The first day the information was published.</summary>
    public DateOnly PublishedOn { get; set; }

    /// <summary>The Beijing day applied.</summary>
    public DateOnly AppliedOn { get; set; }

    /// <summary>The rectification evidence (text and document references).</summary>
    public required string Evidence { get; set; }

    /// <summary>The current state.</summary>
    public StoredCreditRepairState State { get; set; }

    /// <summary>The staff reviewer; null before review.</summary>
    public string? Reviewer { get; set; }

    /// <summary>The Beijing day decided (approved/rejected); null before.</summary>
    public DateOnly? DecidedOn { get; set; }

    /// <summary>Note of the decision; optional.</summary>
    public string? DecisionNote { get; set; }

    /// <summary>Optimistic-concurrency counter.</summary>
    public int Version { get; set; }
}

/// <summary>One step of a repair application (table <c>credit_repair_events</c>, append-only history). Mutable EF entity;
/// not thread-safe.</summary>
public sealed class CreditRepairEvent
{
    /// <summary>Width of <see cref="Trigger"/> and <see cref="By"/>.</summary>
    public const int CodeLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>credit_repair_applications.id</c>.</summary>
    public long ApplicationId { get; set; }

    /// <summary>snake_case trigger (<c>apply</c> for the filing, then <c>start_review</c>, <c>approve</c>, …).</summary>
    public required string Trigger { get; set; }

    /// <summary>State before; null for the filing.</summary>
    public StoredCreditRepairState? FromState { get; set; }

    /// <summary>State after.</summary>
    public StoredCreditRepairState ToState { get; set; }

    /// <summary>Who.</summary>
    public required string By { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Note; optional.</summary>
    public string? Note { get; set; }
}
