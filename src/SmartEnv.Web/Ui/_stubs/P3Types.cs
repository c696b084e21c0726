#pragma warning disable CS1574, CS1591, CS1734, CS1572, CS1573
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Handling;

/// <summary>
/// The fields of one workflow action (<see cref="ComplaintService.FireAsync(string, ComplaintTrigger, ComplaintActionInput, string, CancellationToken)"/>;
/// which trigger reads which field is listed there). Immutable; thread-safe.
/// </summary>
/// <param name="Version">The version the caller saw (optimistic concurrency), or null not to check: a different stored
/// version is a 409.</param>
/// <param name="Note">Free text: the decline note (where to go, for <see cref="NotAcceptedReason.OutsideRemit"/>), the
/// visit note, the review/recheck request or decision text, a close note (≤ 2000 characters).</param>
/// <param name="Reason">Why a case is not accepted (decline; required there).</param>
/// <param name="LinkedNumber">The case already accepted for the same matter (decline with
/// <see cref="NotAcceptedReason.AlreadyAccepted"/>; required there).</param>
/// <param name="AssigneeKind">To whom (assign): a street/town, a section of the bureau, another department.</param>
/// <param name="AssigneeCode">Street code (one of <c>DistrictStreets</c>; a street name is accepted too) or the section's
/// or department's code, or null.</param>
/// <param name="AssigneeName">Name of the section or department (required for those; a street's name comes from the list).</param>
/// <param name="Findings">现场核查 findings (findings; required there).</param>
/// <param name="Verification">是否属实 (findings; required there).</param>
/// <param name="CheckedAt">When the site check took place (findings; default now; never in the future).</param>
/// <param name="IndustryCode">GB/T 4754-2017 industry code (2–4 digits) of the reported unit, if known (findings).</param>
/// <param name="Reply">The written reply to the reporter (reply; required there, ≤ 4000 characters).</param>
/// <param name="Satisfaction">The reporter's satisfaction at the 回访 (visit; required there).</param>
public sealed record ComplaintActionInput(int? Version = null, string? Note = null, NotAcceptedReason? Reason = null, string? LinkedNumber = null,
    AssigneeKind? AssigneeKind = null, string? AssigneeCode = null, string? AssigneeName = null, string? Findings = null,
    Verification? Verification = null, DateTimeOffset? CheckedAt = null, string? IndustryCode = null, string? Reply = null,
    Satisfaction? Satisfaction = null);

/// <summary>Filter of <see cref="ComplaintService.ListAsync"/>; every field null = no restriction. Immutable; thread-safe.</summary>
/// <param name="State">One state.</param>
/// <param name="Overdue">True: only cases whose acceptance or handling due day has passed (as of today, Beijing); false:
/// only those not overdue.</param>
/// <param name="Channel">One channel.</param>
/// <param name="Type">A pollution type code (<c>noise</c> also finds <c>noise.construction</c> cases: a sub-type implies
/// its parent, which is stored too).</param>
/// <param name="Street">Street code or name (<c>DistrictStreets</c>).</param>
/// <param name="From">First registration day (Beijing), inclusive.</param>
/// <param name="To">Last registration day, inclusive.</param>
/// <param name="Text">Part of the number, content, address or reported unit name.</param>
/// <param name="Limit">Most rows (1–1000; default 500), newest first.</param>
public sealed record ComplaintFilter(ComplaintState? State = null, bool? Overdue = null, ComplaintChannel? Channel = null, string? Type = null,
    string? Street = null, DateOnly? From = null, DateOnly? To = null, string? Text = null, int Limit = 500);

/// <summary>One row of a complaint list (no reporter data). Immutable; thread-safe.</summary>
/// <param name="Number">Case number (<c>TS</c> + yyyyMMdd + 4 digits).</param>
/// <param name="State">snake_case state.</param>
/// <param name="Channel">snake_case channel.</param>
/// <param name="Urgency">snake_case urgency (<c>none</c>, <c>environmental_emergency</c>, <c>mass_incident</c>).</param>
/// <param name="RegisteredAt">Registered (UTC).</param>
/// <param name="Types">Pollution type codes.</param>
/// <param name="StreetCode">Street/town code, or null.</param>
/// <param name="StreetName">Street/town name, or null.</param>
/// <param name="Address">Address as given, or null.</param>
/// <param name="ReportedName">Reported unit, or null.</param>
/// <param name="AcceptanceDue">Acceptance answer due day (effective: recomputed when provisional).</param>
/// <param name="AcceptanceOverdue">Still registered and today is after <paramref name="AcceptanceDue"/>.</param>
/// <param name="HandlingDue">Handling due day, or null before acceptance.</param>
/// <param name="HandlingOverdue">Accepted, not replied, and today is after <paramref name="HandlingDue"/>.</param>
/// <param name="Provisional">True when a due day is still provisional (the calendar lacks its year).</param>
/// <param name="AssigneeName">Assigned to, or null.</param>
/// <param name="Verification">snake_case 是否属实, or null.</param>
/// <param name="RepliedAt">Replied, or null.</param>
/// <param name="MergedInto">Number of the master case when merged, or null.</param>
public sealed record ComplaintRow(string Number, string State, string Channel, string Urgency, DateTimeOffset RegisteredAt, IReadOnlyList<string> Types,
    string? StreetCode, string? StreetName, string? Address, string? ReportedName, DateOnly AcceptanceDue, bool AcceptanceOverdue, DateOnly? HandlingDue,
    bool HandlingOverdue, bool Provisional, string? AssigneeName, string? Verification, DateTimeOffset? RepliedAt, string? MergedInto);

/// <summary>Deadlines of a case as of today (Beijing). Immutable; thread-safe.</summary>
/// <param name="AcceptanceDue">Acceptance answer due day (registration day + 15 days; complaint-rules.tsv).</param>
/// <param name="AcceptanceDueProvisional">True while the calendar lacks the year (recomputed on every read).</param>
/// <param name="AcceptanceOverdue">Still registered and today is after the due day.</param>
/// <param name="HandlingDue">Handling due day (acceptance day + 60 days + extension days), or null.</param>
/// <param name="HandlingDueProvisional">True while the calendar lacks the year.</param>
/// <param name="HandlingOverdue">Accepted, not replied, and today is after the due day.</param>
/// <param name="ReviewRequestDue">Last day to request a 复查 (reply day + 30 days), or null before a reply.</param>
/// <param name="RecheckRequestDue">Last day to request a 复核 (复查 decision day + 30 days), or null before a decision.</param>
public sealed record ComplaintDeadlinesView(DateOnly AcceptanceDue, bool AcceptanceDueProvisional, bool AcceptanceOverdue, DateOnly? HandlingDue,
    bool HandlingDueProvisional, bool HandlingOverdue, DateOnly? ReviewRequestDue, DateOnly? RecheckRequestDue);

/// <summary>The reporter block (only for the staff handling the case: roles admin and enforcement). Immutable; thread-safe.</summary>
/// <param name="Name">Name, or null.</param>
/// <param name="Phone">Phone, or null.</param>
/// <param name="Email">E-mail, or null.</param>
/// <param name="Anonymous">Reported anonymously.</param>
/// <param name="WantsReply">Wants a reply.</param>
public sealed record ComplaintReporterView(string? Name, string? Phone, string? Email, bool Anonymous, bool WantsReply);

/// <summary>One transition of a case. Immutable; thread-safe.</summary>
/// <param name="Trigger">snake_case trigger (<c>register</c> or the intake's name for the creation).</param>
/// <param name="FromState">State before, or null.</param>
/// <param name="ToState">State after.</param>
/// <param name="By">Who.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Note">Note, or null.</param>
public sealed record ComplaintEventView(string Trigger, string? FromState, string ToState, string By, DateTimeOffset At, string? Note);

/// <summary>A proposed or decided duplicate pair, seen from one case. Immutable; thread-safe.</summary>
/// <param name="Number">The other case's number.</param>
/// <param name="State">The other case's state.</param>
/// <param name="RegisteredAt">The other case's registration (UTC).</param>
/// <param name="Reason"><c>same_place</c>, <c>same_enterprise</c> or <c>manual</c> (merged without a rule match).</param>
/// <param name="DistanceMetres">Distance between the two locations (haversine), or null.</param>
/// <param name="ProposedAt">When proposed (UTC).</param>
/// <param name="Decision"><c>pending</c>, <c>merged</c> or <c>dismissed</c>.</param>
/// <param name="DecidedBy">Who decided, or null.</param>
/// <param name="DecidedAt">When, or null.</param>
public sealed record DuplicateProposal(string Number, string State, DateTimeOffset RegisteredAt, string Reason, double? DistanceMetres,
    DateTimeOffset ProposedAt, string Decision, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>One approved extension of the handling period. Immutable; thread-safe.</summary>
/// <param name="Days">Days added.</param>
/// <param name="Approver">The leader who approved it (本机关负责人).</param>
/// <param name="Reason">Why (told to the reporter).</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="At">When recorded (UTC).</param>
/// <param name="ReporterToldAt">When the reporter was told (UTC), or null.</param>
public sealed record ComplaintExtensionView(int Days, string Approver, string Reason, string RecordedBy, DateTimeOffset At, DateTimeOffset? ReporterToldAt);

/// <summary>
/// A case as staff see it: every field, the pollution types, the photos (sequence numbers only; the image route serves
/// them), the events, the duplicate pairs, the extensions, the deadlines with their overdue flags, the cases merged into
/// it, the actions the workflow permits now, and the reporter block only when asked for (admin/enforcement). Immutable;
/// thread-safe.
/// </summary>
/// <param name="Number">Case number.</param>
/// <param name="State">snake_case state.</param>
/// <param name="Channel">snake_case channel.</param>
/// <param name="Urgency">snake_case urgency.</param>
/// <param name="RegisteredAt">Registered (UTC).</param>
/// <param name="RegisteredOn">Registration day (Beijing).</param>
/// <param name="OccurredAt">When it happened, or null.</param>
/// <param name="Content">What was reported.</param>
/// <param name="Address">Where, as given, or null.</param>
/// <param name="StreetCode">Street/town code, or null.</param>
/// <param name="StreetName">Street/town name, or null.</param>
/// <param name="Latitude">WGS-84 latitude, or null.</param>
/// <param name="Longitude">WGS-84 longitude, or null.</param>
/// <param name="ReportedName">Reported unit, or null.</param>
/// <param name="ReportedUscc">Its USCC, or null.</param>
/// <param name="IndustryCode">GB/T 4754 industry code, or null.</param>
/// <param name="SourceRef">Reference of a transferred case, or null.</param>
/// <param name="CreatedBy">Who registered it.</param>
/// <param name="AcceptedAt">Accepted (UTC), or null.</param>
/// <param name="AcceptedBy">Accepted by, or null.</param>
/// <param name="NotAcceptedReason">snake_case reason, or null.</param>
/// <param name="NotAcceptedNote">What the reporter is told (guidance and the staff's note), or null.</param>
/// <param name="LinkedNumber">The case already accepted for the same matter, or null.</param>
/// <param name="AssigneeKind">snake_case assignee kind, or null.</param>
/// <param name="AssigneeCode">Assignee code, or null.</param>
/// <param name="AssigneeName">Assignee name, or null.</param>
/// <param name="AssignedAt">Assigned (UTC), or null.</param>
/// <param name="Findings">Findings, or null.</param>
/// <param name="Verification">snake_case 是否属实, or null.</param>
/// <param name="CheckedAt">Site check (UTC), or null.</param>
/// <param name="RepliedAt">Replied (UTC), or null.</param>
/// <param name="Reply">The written reply, or null (a merged case shows its master's).</param>
/// <param name="Satisfaction">snake_case satisfaction, or null.</param>
/// <param name="VisitedAt">回访 (UTC), or null.</param>
/// <param name="VisitNote">回访 note, or null.</param>
/// <param name="ClosedAt">Closed (UTC), or null.</param>
/// <param name="MergedInto">The master case's number, or null.</param>
/// <param name="ExtensionDays">Days of approved extension.</param>
/// <param name="Version">Concurrency version (send it back with an action).</param>
/// <param name="UpdatedAt">Last change (UTC).</param>
/// <param name="Types">Pollution type codes.</param>
/// <param name="Photos">Photo sequence numbers (1…4).</param>
/// <param name="Deadlines">Deadlines and overdue flags.</param>
/// <param name="Actions">snake_case actions the workflow permits now (<c>accept</c>, <c>decline</c>, …, <c>merge</c>).</param>
/// <param name="MergedCases">Numbers of the cases merged into this one.</param>
/// <param name="Events">Transitions in time order.</param>
/// <param name="Duplicates">Duplicate pairs with this case.</param>
/// <param name="Extensions">Extensions.</param>
/// <param name="Reporter">The reporter, or null when not asked for or none recorded.</param>
public sealed record ComplaintView(string Number, string State, string Channel, string Urgency, DateTimeOffset RegisteredAt, DateOnly RegisteredOn,
    DateTimeOffset? OccurredAt, string Content, string? Address, string? StreetCode, string? StreetName, double? Latitude, double? Longitude,
    string? ReportedName, string? ReportedUscc, string? IndustryCode, string? SourceRef, string CreatedBy, DateTimeOffset? AcceptedAt, string? AcceptedBy,
    string? NotAcceptedReason, string? NotAcceptedNote, string? LinkedNumber, string? AssigneeKind, string? AssigneeCode, string? AssigneeName,
    DateTimeOffset? AssignedAt, string? Findings, string? Verification, DateTimeOffset? CheckedAt, DateTimeOffset? RepliedAt, string? Reply,
    string? Satisfaction, DateTimeOffset? VisitedAt, string? VisitNote, DateTimeOffset? ClosedAt, string? MergedInto, int ExtensionDays, int Version,
    DateTimeOffset UpdatedAt, IReadOnlyList<string> Types, IReadOnlyList<int> Photos, ComplaintDeadlinesView Deadlines, IReadOnlyList<string> Actions,
    IReadOnlyList<string> MergedCases, IReadOnlyList<ComplaintEventView> Events, IReadOnlyList<DuplicateProposal> Duplicates,
    IReadOnlyList<ComplaintExtensionView> Extensions, ComplaintReporterView? Reporter);

/// <summary>A refused handling request. <see cref="Status"/>: 400 bad input (field → messages), 404 no such case, 409 the
/// workflow or a rule refuses it now (wrong state, window passed, stale version; <see cref="Allowed"/> lists what the case
/// permits).</summary>
public sealed class ComplaintHandlingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status the API answers.</param>
    /// <param name="errors">Field → messages.</param>
    /// <param name="allowed">Actions permitted now (409), or null.</param>
    public ComplaintHandlingException(int status, IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<string>? allowed = null)
        : base(string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value)))) =>
        (Status, Errors, Allowed) = (status, errors, allowed ?? []);

    /// <summary>Creates the exception with one field.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="field">Field.</param>
    /// <param name="message">Message.</param>
    /// <param name="allowed">Actions permitted now, or null.</param>
    public ComplaintHandlingException(int status, string field, string message, IReadOnlyList<string>? allowed = null)
        : this(status, new Dictionary<string, string[]> { [field] = [message] }, allowed) { }

    /// <summary>400, 404 or 409.</summary>
    public int Status { get; }

    /// <summary>Field → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>snake_case actions the case permits now (for a 409), else empty.</summary>
    public IReadOnlyList<string> Allowed { get; }
}
