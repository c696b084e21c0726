namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// One 异常说明 (issue 16): an enterprise's explanation of abnormal data of its outlets over an hour range (停产, 检修, 故障 …),
/// filed by the enterprise and accepted or rejected by staff (<c>source_explanations</c>). The workflow and its rules are
/// <c>SmartEnv.Supervision.Explanations</c> (<c>ExplanationWorkflow</c>, <c>ExplanationPeriod</c>); the service that writes
/// rows is <c>SmartEnv.Sources.Explanations.ExplanationService</c>. A row is never deleted: a decision changes
/// <see cref="State"/> and the decision columns, each change is in the audit trail, and an accepted explanation marks the
/// covered outlet hours (<c>source_hours.explanation_id</c>) without deleting or changing any value. Seen only inside the
/// caller's <see cref="DataScope"/> (EF global query filter by <see cref="Uscc"/>). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class SourceExplanation
{
    /// <summary>Column width of <see cref="Reason"/> and <see cref="State"/>.</summary>
    public const int CodeLength = 16;

    /// <summary>Column width of <see cref="Text"/> (characters).</summary>
    public const int TextLength = 2000;

    /// <summary>Column width of <see cref="AttachmentName"/> (characters).</summary>
    public const int AttachmentNameLength = 255;

    /// <summary>Column width of <see cref="AttachmentPath"/> (characters).</summary>
    public const int AttachmentPathLength = 128;

    /// <summary>Column width of <see cref="AttachmentSha256"/>: 64 lower-case hex digits.</summary>
    public const int Sha256Length = 64;

    /// <summary>Column width of <see cref="SubmittedBy"/> and <see cref="DecidedBy"/>.</summary>
    public const int ActorLength = 64;

    /// <summary>Column width of <see cref="DecisionNote"/> (characters).</summary>
    public const int NoteLength = 1024;

    /// <summary>Stored texts of <see cref="Reason"/>: 停产, 检修, 故障, 其他 (<c>ExplanationReason</c> in snake_case).</summary>
    public static readonly IReadOnlyList<string> Reasons = ["shutdown", "maintenance", "fault", "other"];

    /// <summary>Stored texts of <see cref="State"/> (<c>ExplanationState</c> in snake_case).</summary>
    public static readonly IReadOnlyList<string> States = ["submitted", "accepted", "rejected", "withdrawn"];

    /// <summary>Surrogate key; the id in <c>/api/enterprises/{uscc}/explanations/{explanationId}</c>.</summary>
    public long Id { get; set; }

    /// <summary>统一社会信用代码 of the enterprise that filed it (FK <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }

    /// <summary>The outlet site (an enterprise-owned site of kind <see cref="SiteKind.Source"/> of <see cref="Uscc"/>), or
    /// null: every outlet site of the enterprise.</summary>
    public long? SiteId { get; set; }

    /// <summary><c>shutdown|maintenance|fault|other</c> (<see cref="Reasons"/>).</summary>
    public required string Reason { get; set; }

    /// <summary>First covered hour START (UTC); covered hours are [<see cref="FromHour"/>, <see cref="ToHour"/> + 1 h).</summary>
    public DateTimeOffset FromHour { get; set; }

    /// <summary>Last covered hour START (UTC), inclusive.</summary>
    public DateTimeOffset ToHour { get; set; }

    /// <summary>The enterprise's explanation in its words (1–2,000 characters).</summary>
    public required string Text { get; set; }

    /// <summary>File name of the attachment as uploaded (path parts removed), or null when none was sent.</summary>
    public string? AttachmentName { get; set; }

    /// <summary>Where the attachment lies, relative to the server's attachment directory (a name the server chose, never
    /// the uploaded name), or null.</summary>
    public string? AttachmentPath { get; set; }

    /// <summary>SHA-256 of the attachment's bytes (64 lower-case hex digits), checked again when it is read, or null.</summary>
    public string? AttachmentSha256 { get; set; }

    /// <summary>Size of the attachment in bytes, or null.</summary>
    public long? AttachmentBytes { get; set; }

    /// <summary><c>submitted|accepted|rejected|withdrawn</c> (<see cref="States"/>).</summary>
    public required string State { get; set; }

    /// <summary>Who filed it (user name).</summary>
    public required string SubmittedBy { get; set; }

    /// <summary>When it was filed (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Who made the latest decision or withdrawal, or null while submitted.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>When (UTC), or null.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Staff's note on the decision (required for a rejection), or null.</summary>
    public string? DecisionNote { get; set; }
}
