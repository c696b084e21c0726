namespace SmartEnv.Storage.Entities.Inspections;

/// <summary>
/// A 双随机 draw plan (table <c>draw_plans</c>, issue 19 P3). The frozen object and inspector lists, the rules and the
/// commitment are inside <see cref="DrawPlanJson"/>, the canonical plan JSON of <c>SmartEnv.Supervision.Inspections.Draw.
/// DrawPlanJson</c> as published (UTF-8 text, stored verbatim: its bytes are what anyone verifies). Write through
/// <c>SmartEnv.Inspections.Draw.DrawPlanService</c>. Only <see cref="DataScope.All"/> reads it (inspector names and the
/// secret result). Mutable EF entity; not thread-safe.
/// </summary>
public sealed class DrawPlanRecord
{
    /// <summary>Width of <see cref="PlanId"/>.</summary>
    public const int PlanIdLength = 32;

    /// <summary>Width of short codes (status, district, quarter, rules version).</summary>
    public const int CodeLength = 32;

    /// <summary>Width of <see cref="CommitmentHash"/> (64 hex digits of SHA-256).</summary>
    public const int HashLength = 64;

    /// <summary>Width of <see cref="Secret"/> (hex; 128 bytes at most).</summary>
    public const int SecretLength = 256;

    /// <summary>Width of <see cref="PublicValue"/>.</summary>
    public const int PublicValueLength = 256;

    /// <summary>Width of <see cref="Organiser"/>.</summary>
    public const int NameLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Plan id as published, e.g. <c>SJ-2025Q1</c>; unique.</summary>
    public required string PlanId { get; set; }

    /// <summary>District code (<c>500105</c> 江北区).</summary>
    public required string District { get; set; }

    /// <summary>Quarter drawn for, <c>YYYYQn</c>.</summary>
    public required string Quarter { get; set; }

    /// <summary>draft → frozen → committed → published.</summary>
    public StoredDrawPlanStatus Status { get; set; }

    /// <summary>The Beijing day the lists were frozen; null while draft.</summary>
    public DateOnly? FrozenAt { get; set; }

    /// <summary>The canonical plan JSON as published (UTF-8 text): without result, public value and secret while frozen;
    /// the complete plan with them and the result once committed. Null while draft.</summary>
    public string? DrawPlanJson { get; set; }

    /// <summary>SHA-256 of the secret, 64 lowercase hex digits, published at freezing.</summary>
    public string? CommitmentHash { get; set; }

    /// <summary>The secret (lowercase hex); null until revealed at commit.</summary>
    public string? Secret { get; set; }

    /// <summary>The public value entered by staff at commit (e.g. "上证指数 2025-01-06 收盘 3206.92"); null before.</summary>
    public string? PublicValue { get; set; }

    /// <summary>The result as JSON, <c>[{"object":USCC,"mode":"onsite|offsite","inspectors":[…]}]</c> in draw order; null
    /// before commit. The same tasks are rows of <c>inspection_tasks</c>.</summary>
    public string? ResultJson { get; set; }

    /// <summary>The draw rules version of the plan, <c>draw-rules@</c> + 8 hex.</summary>
    public string? RulesVersion { get; set; }

    /// <summary>The organiser (user name) who froze the plan; the only one who sees the result before publication.</summary>
    public required string Organiser { get; set; }

    /// <summary>When the plan was committed (drawn), UTC; null before.</summary>
    public DateTimeOffset? CommittedAt { get; set; }

    /// <summary>Beijing day by which the result must be public: committed day + <c>publication.workdays</c> working days
    /// (draw-rules.tsv, 20 [U]); null before commit.</summary>
    public DateOnly? PublishDue { get; set; }

    /// <summary>True when <see cref="PublishDue"/> was counted on an estimated calendar year (no notice loaded).</summary>
    public bool PublishDueProvisional { get; set; }

    /// <summary>When the result was published, UTC; null before.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When the row was created, UTC.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Optimistic-concurrency counter, bumped by every change.</summary>
    public int Version { get; set; }
}

/// <summary>One drawn object of a committed plan (table <c>inspection_tasks</c>): the object, the mode and (in
/// <see cref="InspectionTaskInspector"/>) the inspectors, in draw order. Scoped by the USCC (an enterprise user sees its
/// own tasks only). Mutable EF entity; not thread-safe.</summary>
public sealed class InspectionTask
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>draw_plans.id</c>.</summary>
    public long PlanId { get; set; }

    /// <summary>1, 2, … in draw order (unique within the plan).</summary>
    public int Seq { get; set; }

    /// <summary>The object's 统一社会信用代码 (unique within the plan).</summary>
    public required string Uscc { get; set; }

    /// <summary>现场 / 非现场.</summary>
    public StoredTaskMode Mode { get; set; }

    /// <summary>pending → started → finished.</summary>
    public StoredInspectionTaskStatus Status { get; set; }

    /// <summary>When the inspection started (UTC); null before.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The inspectors in the order drawn.</summary>
    public List<InspectionTaskInspector> Inspectors { get; set; } = [];
}

/// <summary>One inspector of a task (table <c>inspection_task_inspectors</c>, key (task, position)). Mutable EF entity;
/// not thread-safe.</summary>
public sealed class InspectionTaskInspector
{
    /// <summary>Width of <see cref="InspectorId"/> (执法证号).</summary>
    public const int InspectorIdLength = 32;

    /// <summary>FK → <c>inspection_tasks.id</c>.</summary>
    public long TaskId { get; set; }

    /// <summary>1, 2, … in the order picked.</summary>
    public int Position { get; set; }

    /// <summary>The inspector's enforcement certificate number (执法证号), as in the plan.</summary>
    public required string InspectorId { get; set; }
}

/// <summary>The staff-only key of a plan's pseudonyms (table <c>draw_plan_inspectors</c>, key (plan, pseudonym)): the
/// frozen plan JSON names each inspector only by a pseudonym given by list position (<c>JC-01</c>, <c>JC-02</c>, …, see
/// <c>SmartEnv.Inspections.Draw.DrawPlanService.Pseudonym</c>) so that the plan can be published whole; this row says
/// who the pseudonym was at freezing. Written in the transaction of the freeze, never changed afterwards. Only
/// <see cref="DataScope.All"/> reads it. Mutable EF entity; not thread-safe.</summary>
public sealed class DrawPlanInspector
{
    /// <summary>Width of <see cref="Pseudonym"/>.</summary>
    public const int PseudonymLength = 16;

    /// <summary>FK → <c>draw_plans.id</c>.</summary>
    public long PlanId { get; set; }

    /// <summary>The pseudonym in the plan JSON, e.g. <c>JC-01</c> (unique within the plan).</summary>
    public required string Pseudonym { get; set; }

    /// <summary>1, 2, … the position in the frozen inspector list (certificate order).</summary>
    public int Position { get; set; }

    /// <summary>The account (<c>users.id</c>) at freezing.</summary>
    public long UserId { get; set; }

    /// <summary>The enforcement certificate number (执法证号) at freezing; this is what the plan's tasks store.</summary>
    public required string Certificate { get; set; }

    /// <summary>The display name (or user name) at freezing.</summary>
    public required string Name { get; set; }

    /// <summary>The department (科室/大队) at freezing; the plan JSON carries only its code (<see cref="DepartmentCode"/>).</summary>
    public required string Department { get; set; }

    /// <summary>The department's code in the plan JSON, e.g. <c>KS-1</c> (numbered in order of first appearance in the
    /// frozen list; equal departments have equal codes, which is all the draw's department rule reads).</summary>
    public required string DepartmentCode { get; set; }
}

/// <summary>A conflict of interest declared by an inspector (table <c>inspector_conflicts</c>, key (user, USCC)): the
/// inspector is never drawn for that enterprise (行政处罚法 Art. 43 recusal). Only <see cref="DataScope.All"/>. Mutable EF
/// entity; not thread-safe.</summary>
public sealed class InspectorConflict
{
    /// <summary>Width of <see cref="Note"/>.</summary>
    public const int NoteLength = 256;

    /// <summary>FK → <c>users.id</c>.</summary>
    public long UserId { get; set; }

    /// <summary>The enterprise's 统一社会信用代码.</summary>
    public required string Uscc { get; set; }

    /// <summary>The Beijing day declared.</summary>
    public DateOnly DeclaredOn { get; set; }

    /// <summary>Why (e.g. 亲属在该企业任职); optional.</summary>
    public string? Note { get; set; }
}

/// <summary>An inspection record (table <c>inspection_records</c>): one inspection of an enterprise, from a drawn task or
/// not (complaint, special action). Scoped by the USCC. Mutable EF entity; not thread-safe.</summary>
public sealed class InspectionRecord
{
    /// <summary>Width of <see cref="Inspectors"/> and <see cref="ItemsChecked"/>.</summary>
    public const int ListLength = 512;

    /// <summary>Width of <see cref="Summary"/>.</summary>
    public const int TextLength = 2048;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>inspection_tasks.id</c> when drawn; null otherwise.</summary>
    public long? TaskId { get; set; }

    /// <summary>The inspected enterprise's 统一社会信用代码.</summary>
    public required string Uscc { get; set; }

    /// <summary>When the inspection took place (UTC).</summary>
    public DateTimeOffset InspectedAt { get; set; }

    /// <summary>The inspectors' certificate numbers, joined by <c>,</c> in the order given.</summary>
    public required string Inspectors { get; set; }

    /// <summary>The items of the 抽查事项清单 checked (codes or names), joined by <c>,</c>.</summary>
    public required string ItemsChecked { get; set; }

    /// <summary>Free-text summary (检查情况); optional.</summary>
    public string? Summary { get; set; }

    /// <summary>Who recorded it (user name).</summary>
    public required string RecordedBy { get; set; }

    /// <summary>When recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>One finding of an inspection record (table <c>inspection_findings</c>): compliant, or a problem with its
/// category and (when it counts for environmental credit) the credit item it proves. Scoped through its record.
/// Mutable EF entity; not thread-safe.</summary>
public sealed class InspectionFinding
{
    /// <summary>Width of <see cref="Category"/> and <see cref="CreditItemCode"/>.</summary>
    public const int CodeLength = 64;

    /// <summary>Width of <see cref="Description"/>.</summary>
    public const int TextLength = 1024;

    /// <summary>Surrogate key; the credit evidence id is <c>F</c> + this id.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>inspection_records.id</c>.</summary>
    public long RecordId { get; set; }

    /// <summary>1, 2, … within the record.</summary>
    public int Seq { get; set; }

    /// <summary>The checked item (抽查事项) this finding is about.</summary>
    public required string Item { get; set; }

    /// <summary>Compliant or problem.</summary>
    public StoredFindingOutcome Outcome { get; set; }

    /// <summary>Problem category (e.g. 危险废物贮存不规范); null when compliant.</summary>
    public string? Category { get; set; }

    /// <summary>Code of the credit-rules.tsv item the problem proves (e.g. <c>pollution.solid_waste</c>); null when it
    /// does not count for credit or when compliant.</summary>
    public string? CreditItemCode { get; set; }

    /// <summary>What was found; optional.</summary>
    public string? Description { get; set; }
}

/// <summary>A photo or document of an inspection record (table <c>inspection_attachments</c>): bytes stored in the row
/// with their SHA-256, as complaint photos are. Mutable EF entity; not thread-safe.</summary>
public sealed class InspectionAttachment
{
    /// <summary>Width of <see cref="FileName"/>.</summary>
    public const int FileNameLength = 128;

    /// <summary>Width of <see cref="ContentType"/>.</summary>
    public const int ContentTypeLength = 64;

    /// <summary>Most bytes of one attachment (8 MiB, SmartEnv rule).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>inspection_records.id</c>.</summary>
    public long RecordId { get; set; }

    /// <summary>1, 2, … within the record.</summary>
    public int Seq { get; set; }

    /// <summary>File name as uploaded.</summary>
    public required string FileName { get; set; }

    /// <summary>MIME type (e.g. <c>image/jpeg</c>, <c>application/pdf</c>).</summary>
    public required string ContentType { get; set; }

    /// <summary>The bytes.</summary>
    public required byte[] Content { get; set; }

    /// <summary>Length of <see cref="Content"/>.</summary>
    public int Bytes { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, lowercase hex.</summary>
    public required string Sha256 { get; set; }
}

/// <summary>A rectification order (责令改正/限期整改, table <c>rectification_orders</c>) issued on a problem finding, with
/// its due day in working days and the follow-up check. Mutable EF entity; not thread-safe.</summary>
public sealed class RectificationOrder
{
    /// <summary>Width of <see cref="Note"/>.</summary>
    public const int NoteLength = 1024;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>inspection_findings.id</c> (one order per finding).</summary>
    public long FindingId { get; set; }

    /// <summary>The Beijing day the order was issued.</summary>
    public DateOnly IssuedOn { get; set; }

    /// <summary>Working days given (≥ 1).</summary>
    public int Workdays { get; set; }

    /// <summary><see cref="IssuedOn"/> + <see cref="Workdays"/> working days (WorkdayCalendar; the issue day not counted).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>True when the due day was counted on an estimated calendar year.</summary>
    public bool DueProvisional { get; set; }

    /// <summary>Who issued it.</summary>
    public required string IssuedBy { get; set; }

    /// <summary>The Beijing day of the follow-up check; null before.</summary>
    public DateOnly? FollowUpOn { get; set; }

    /// <summary>The follow-up result; null before.</summary>
    public StoredFollowUpResult? FollowUpResult { get; set; }

    /// <summary>Note of the follow-up check; optional.</summary>
    public string? Note { get; set; }
}

/// <summary>
/// An administrative penalty case (行政处罚, table <c>enforcement_cases</c>) in the form used for statistics and credit:
/// case number (unique), enterprise, legal basis, penalty type and amount, the dates 立案/告知/决定/执行 and the status.
/// A decided case (status decided, executed or closed) counts for credit as <see cref="CreditItemCode"/> with evidence id
/// = the case number. Scoped by the USCC. Mutable EF entity; not thread-safe.
/// </summary>
public sealed class EnforcementCase
{
    /// <summary>Width of <see cref="CaseNumber"/> (e.g. 江北环罚〔2025〕12号).</summary>
    public const int CaseNumberLength = 64;

    /// <summary>Width of <see cref="LegalBasis"/>.</summary>
    public const int LegalBasisLength = 256;

    /// <summary>Width of <see cref="Facts"/>.</summary>
    public const int TextLength = 2048;

    /// <summary>Width of <see cref="CreditItemCode"/> and short names.</summary>
    public const int CodeLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The case number (案号); unique.</summary>
    public required string CaseNumber { get; set; }

    /// <summary>The party's 统一社会信用代码.</summary>
    public required string Uscc { get; set; }

    /// <summary>Legal basis, e.g. 《排污许可管理条例》第三十四条.</summary>
    public required string LegalBasis { get; set; }

    /// <summary>Penalty type.</summary>
    public StoredPenaltyType PenaltyType { get; set; }

    /// <summary>Fine amount in 元 (decimal(14,2)); null when no fine.</summary>
    public decimal? Amount { get; set; }

    /// <summary>立案 day (Beijing).</summary>
    public DateOnly FiledOn { get; set; }

    /// <summary>告知 day; null before.</summary>
    public DateOnly? NotifiedOn { get; set; }

    /// <summary>决定 day; null before.</summary>
    public DateOnly? DecidedOn { get; set; }

    /// <summary>执行 day; null before.</summary>
    public DateOnly? ExecutedOn { get; set; }

    /// <summary>filed → notified → decided → executed → closed; or revoked.</summary>
    public StoredEnforcementStatus Status { get; set; }

    /// <summary>Facts (违法事实); optional.</summary>
    public string? Facts { get; set; }

    /// <summary>The credit-rules.tsv item the decided case proves (default <c>management.penalty</c>; a veto item such as
    /// <c>veto.no_eia</c> when the facts are one).</summary>
    public required string CreditItemCode { get; set; }

    /// <summary>Who created the case (user name).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic-concurrency counter.</summary>
    public int Version { get; set; }
}
