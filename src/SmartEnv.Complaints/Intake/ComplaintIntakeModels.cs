using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Intake;

/// <summary>
/// What a reporter (public form, Open311) or the staff (phone, visit, letter, 转办) submits; validated field by field by
/// <see cref="ComplaintIntakeService.SubmitAsync(ComplaintSubmission, IReadOnlyList{PhotoUpload}, SmartEnv.Storage.Audit.AuditActor, CancellationToken)"/>
/// (each refusal a <see cref="ComplaintInputException"/> naming the field). Immutable; thread-safe.
/// </summary>
/// <param name="Channel">How it came in (the public form: <see cref="ComplaintChannel.Online"/>).</param>
/// <param name="Content">What is reported: 1 … <c>TextMaxChars</c> (2000) characters (Unicode code points), no control
/// characters other than line breaks and tabs.</param>
/// <param name="Address">Where, free text ≤ 256 characters, or null.</param>
/// <param name="StreetCode">Street/town code or name of jiangbei-streets.tsv, or null (then inferred from the address when
/// exactly one street name is in it).</param>
/// <param name="Latitude">WGS-84 latitude in degrees (with <paramref name="Longitude"/>, or neither), inside
/// <see cref="ComplaintIntakeService.DistrictBox"/>.</param>
/// <param name="Longitude">WGS-84 longitude in degrees.</param>
/// <param name="OccurredAt">When it happened, not in the future, or null.</param>
/// <param name="Types">Pollution type codes (complaint-categories.tsv), at least one; a sub-type implies its parent.</param>
/// <param name="ReportedName">Reported unit's name ≤ 128 characters, or null (an exact registry name links the enterprise).</param>
/// <param name="ReportedUscc">Reported unit's 统一社会信用代码 (GB 32100-2015, check character verified), or null.</param>
/// <param name="ReporterName">Reporter's name ≤ 64, or null.</param>
/// <param name="ReporterPhone">Reporter's telephone ≤ 32 (digits, spaces, <c>+ - ( )</c>), or null.</param>
/// <param name="ReporterEmail">Reporter's e-mail ≤ 128, or null.</param>
/// <param name="Anonymous">True: no name or contact may be given (the report is kept anonymous).</param>
/// <param name="Urgency">突发环境事件 / 群体性事件, or none.</param>
/// <param name="SourceRef">Reference of the channel (e.g. the 12369 platform's number) ≤ 64, or null.</param>
public sealed record ComplaintSubmission(ComplaintChannel Channel, string Content, string? Address, string? StreetCode,
    double? Latitude, double? Longitude, DateTimeOffset? OccurredAt, IReadOnlyList<string> Types, string? ReportedName,
    string? ReportedUscc, string? ReporterName, string? ReporterPhone, string? ReporterEmail, bool Anonymous,
    ComplaintUrgency Urgency, string? SourceRef);

/// <summary>One uploaded photo: the name the client gave (only for messages; the content decides the format) and its
/// bytes (read at most <c>PhotoMaxBytes</c> + 1). The caller owns and disposes the stream. Immutable record.</summary>
/// <param name="FileName">Client file name, or empty.</param>
/// <param name="Content">The bytes.</param>
public sealed record PhotoUpload(string FileName, Stream Content);

/// <summary>What the reporter gets back once: the case number, the query code in clear (only here: the store keeps its
/// PBKDF2 hash) and the last day of the acceptance answer. Immutable; thread-safe.</summary>
/// <param name="Number">Case number, e.g. <c>TS202409200001</c>.</param>
/// <param name="QueryCode">10-character code (<see cref="Supervision.Complaints.QueryCode"/>), shown <c>XXXXX-XXXXX</c>.</param>
/// <param name="AcceptanceDue">Last day of the acceptance answer (15 calendar days, rolled to a working day).</param>
public sealed record ComplaintReceipt(string Number, string QueryCode, DateOnly AcceptanceDue);

/// <summary>
/// What anyone holding a case's number and query code may read (<see cref="ComplaintIntakeService.QueryAsync"/>): state and
/// dates, the refusal or the reply; never the reporter, the contact, the photos, the content, the reported unit or the
/// handling notes. A merged case (并案) shows its master's state, handling and reply with <see cref="LinkedNumber"/> = the
/// master. Immutable; thread-safe.
/// </summary>
/// <param name="Number">The case number asked for.</param>
/// <param name="StateKey">Workflow state, snake_case (<c>registered</c>, <c>accepted</c>, <c>not_accepted</c>, …; a merged
/// case: its master's).</param>
/// <param name="RegisteredAt">When registered (UTC).</param>
/// <param name="AcceptanceDue">Last day of the acceptance answer.</param>
/// <param name="AcceptedAt">When accepted or declined, or null.</param>
/// <param name="NotAcceptedReason">Why not accepted, snake_case (<c>outside_remit</c> …), or null.</param>
/// <param name="NotAcceptedNote">Where to go instead, or null.</param>
/// <param name="LinkedNumber">The case this one points to (the master of a merge, or the case already accepted), or null.</param>
/// <param name="HandlingDue">Last day of handling, or null.</param>
/// <param name="RepliedAt">When replied, or null.</param>
/// <param name="Reply">The reply, or null.</param>
/// <param name="Types">Pollution type codes of the case.</param>
/// <param name="StreetName">Street/town name, or null.</param>
/// <param name="AcceptanceDueProvisional">True when <see cref="AcceptanceDue"/> was counted without the year's holiday
/// notice (only weekends as rest days; recounted once <c>cn-workdays.tsv</c> covers the year).</param>
/// <param name="HandlingDueProvisional">Likewise for <see cref="HandlingDue"/>.</param>
public sealed record PublicComplaintView(string Number, string StateKey, DateTimeOffset RegisteredAt, DateOnly? AcceptanceDue,
    DateTimeOffset? AcceptedAt, string? NotAcceptedReason, string? NotAcceptedNote, string? LinkedNumber, DateOnly? HandlingDue,
    DateTimeOffset? RepliedAt, string? Reply, IReadOnlyList<string> Types, string? StreetName,
    bool AcceptanceDueProvisional = false, bool HandlingDueProvisional = false);

/// <summary>A refused submission: <see cref="Field"/> names the input (snake_case, as the API's form field) and
/// <see cref="Reason"/> says what is wrong in words a reporter understands. The API answers 400 with both; nothing is
/// stored. Not thread-safe (exception).</summary>
/// <param name="field">The field, e.g. <c>content</c>, <c>photos</c>.</param>
/// <param name="reason">What is wrong.</param>
public sealed class ComplaintInputException(string field, string reason) : Exception($"{field}: {reason}")
{
    /// <summary>The refused field (snake_case).</summary>
    public string Field { get; } = field;

    /// <summary>Why.</summary>
    public string Reason { get; } = reason;
}
