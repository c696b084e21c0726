namespace SmartEnv.Storage.Entities.Complaints;

/// <summary>
/// One complaint or petition case (环保举报 / 信访件, issue 18), table <c>complaints</c>: what was reported (content, place,
/// types, reported unit), how it came in, its workflow state and every deadline and outcome of the handling. The reporter is
/// kept apart in <see cref="ComplaintReporter"/> (privacy: only admin/enforcement read it). Rules: supervision.md §5
/// (《环保举报热线工作管理办法》 部令第15号, 《信访工作条例》 2022) through <c>SmartEnv.Supervision.Complaints</c>; writes only
/// through the services of <c>SmartEnv.Complaints</c>. <b>Never deleted</b>; every write is audited (<c>complaint.*</c>).
/// Read only by <see cref="DataScope.All"/> (EF query filter): enterprise users and the public see nothing through the scoped
/// context, the public projection goes through the job on an unscoped context. Instants UTC; <see cref="RegisteredOn"/> and
/// the due dates are Beijing calendar dates. <see cref="Version"/> is the optimistic-concurrency token: every writer
/// increments it. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class Complaint
{
    /// <summary>Column width of <see cref="Number"/> (<c>TS</c> + yyyyMMdd + 4 digits).</summary>
    public const int NumberLength = 14;

    /// <summary>Column width of <see cref="Content"/>, <see cref="Findings"/> and <see cref="Reply"/> (TextMaxChars of
    /// complaint-rules.tsv is 2000; the column holds that much and no more).</summary>
    public const int TextLength = 2000;

    /// <summary>Column width of <see cref="Address"/>.</summary>
    public const int AddressLength = 256;

    /// <summary>Column width of names (<see cref="ReportedName"/>, <see cref="AssigneeName"/>).</summary>
    public const int NameLength = 128;

    /// <summary>Column width of actors, <see cref="SourceRef"/> and codes.</summary>
    public const int ShortLength = 64;

    /// <summary>Column width of notes (<see cref="NotAcceptedNote"/>, <see cref="VisitNote"/>).</summary>
    public const int NoteLength = 1024;

    /// <summary>Column width of enum columns (snake_case names).</summary>
    public const int CodeLength = 32;

    /// <summary>Column width of <see cref="StreetCode"/> (jiangbei-streets.tsv codes, 9 or 12 digits).</summary>
    public const int StreetCodeLength = 12;

    /// <summary>Column width of <see cref="QueryCodeHash"/> and <see cref="QueryCodeSalt"/> (base64 or hex text).</summary>
    public const int HashLength = 128;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Case number <c>TS202409200001</c> (unique; per Beijing day from <c>complaint_serials</c>).</summary>
    public required string Number { get; set; }

    /// <summary>How it came in.</summary>
    public StoredComplaintChannel Channel { get; set; }

    /// <summary>Workflow state.</summary>
    public StoredComplaintState State { get; set; }

    /// <summary>突发环境事件 / 群体性事件, or none.</summary>
    public StoredComplaintUrgency Urgency { get; set; }

    /// <summary>When it was registered (UTC).</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Beijing date of <see cref="RegisteredAt"/> (the number's day; the acceptance deadline's start).</summary>
    public DateOnly RegisteredOn { get; set; }

    /// <summary>When the reporter says it happened, or null.</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>What is reported (≤ <see cref="TextLength"/> characters).</summary>
    public required string Content { get; set; }

    /// <summary>Where (free text), or null.</summary>
    public string? Address { get; set; }

    /// <summary>Street/town code (jiangbei-streets.tsv), given or inferred from <see cref="Address"/>, or null.</summary>
    public string? StreetCode { get; set; }

    /// <summary>WGS-84 latitude in degrees, or null.</summary>
    public double? Latitude { get; set; }

    /// <summary>WGS-84 longitude in degrees, or null.</summary>
    public double? Longitude { get; set; }

    /// <summary>Name of the reported unit as given (or the registry's name when matched), or null.</summary>
    public string? ReportedName { get; set; }

    /// <summary>USCC of the reported unit (given, or matched by exact name in <c>enterprises</c>), or null. No foreign key:
    /// a staff entry may name a unit not (yet) in the registry.</summary>
    public string? ReportedUscc { get; set; }

    /// <summary>GB/T 4754 class (4 characters) copied from the matched enterprise, or null.</summary>
    public string? IndustryCode { get; set; }

    /// <summary>Reference of the channel (e.g. the 12369 platform's number, an Open311 client's token), or null.</summary>
    public string? SourceRef { get; set; }

    /// <summary>Who registered it (user name, or <c>public</c> / the Open311 client for anonymous channels).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>PBKDF2-SHA256 hash of the query code (the code itself is never stored; shown once to the reporter).</summary>
    public required string QueryCodeHash { get; set; }

    /// <summary>Per-case salt of <see cref="QueryCodeHash"/>.</summary>
    public required string QueryCodeSalt { get; set; }

    /// <summary>Last day to answer whether it is accepted (15 days, supervision.md §5.1 [U]).</summary>
    public DateOnly AcceptanceDue { get; set; }

    /// <summary>True when the workday calendar lacked the year of <see cref="AcceptanceDue"/>.</summary>
    public bool AcceptanceDueProvisional { get; set; }

    /// <summary>When accepted (or declined: the decision's time), or null.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Who accepted or declined, or null.</summary>
    public string? AcceptedBy { get; set; }

    /// <summary>Why not accepted, or null.</summary>
    public StoredNotAcceptedReason? NotAcceptedReason { get; set; }

    /// <summary>Note to the reporter on the refusal (where to go instead), or null.</summary>
    public string? NotAcceptedNote { get; set; }

    /// <summary>Number of the case this one points to (already accepted / merged into), or null.</summary>
    public string? LinkedNumber { get; set; }

    /// <summary>Last day of handling (60 days from acceptance + <see cref="ExtensionDays"/>), or null before acceptance.</summary>
    public DateOnly? HandlingDue { get; set; }

    /// <summary>True when the workday calendar lacked the year of <see cref="HandlingDue"/>.</summary>
    public bool HandlingDueProvisional { get; set; }

    /// <summary>Days added by approved extensions (sum of <c>complaint_extensions.days</c>, ≤ 30).</summary>
    public int ExtensionDays { get; set; }

    /// <summary>Street, section or department it was assigned to, or null.</summary>
    public StoredAssigneeKind? AssigneeKind { get; set; }

    /// <summary>Assignee code (street code, section code), or null.</summary>
    public string? AssigneeCode { get; set; }

    /// <summary>Assignee name, or null.</summary>
    public string? AssigneeName { get; set; }

    /// <summary>When assigned, or null.</summary>
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>What the check found (核查情况), or null.</summary>
    public string? Findings { get; set; }

    /// <summary>属实 / 部分属实 / 不属实, or null.</summary>
    public StoredVerification? Verification { get; set; }

    /// <summary>When the check was done, or null.</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>When the reply was given, or null.</summary>
    public DateTimeOffset? RepliedAt { get; set; }

    /// <summary>The reply (shown to the public with the query code), or null.</summary>
    public string? Reply { get; set; }

    /// <summary>回访 result, or null.</summary>
    public StoredSatisfaction? Satisfaction { get; set; }

    /// <summary>When the 回访 took place, or null.</summary>
    public DateTimeOffset? VisitedAt { get; set; }

    /// <summary>回访 note, or null.</summary>
    public string? VisitNote { get; set; }

    /// <summary>When closed (办结), or null.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Last day of the running 复查/复核 step (request or decision), or null.</summary>
    public DateOnly? ReviewDue { get; set; }

    /// <summary>The master case this duplicate was merged into (FK <c>complaints.id</c>), or null.</summary>
    public long? MergedIntoId { get; set; }

    /// <summary>Optimistic-concurrency token: 1 at registration, +1 on every write.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Last write (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Pollution type codes (complaint-categories.tsv), at least one.</summary>
    public List<ComplaintType> Types { get; set; } = new();
}
