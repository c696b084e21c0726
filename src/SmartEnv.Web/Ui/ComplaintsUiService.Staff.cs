using SmartEnv.Complaints.Handling;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.District;

namespace SmartEnv.Web.Ui;

/// <summary>The filters of the staff list (<c>/complaints</c>), as in the page's query string; every one optional.</summary>
/// <param name="State">snake_case state (<c>registered</c>…), or null.</param>
/// <param name="Overdue">True: overdue only.</param>
/// <param name="Channel">snake_case channel (<c>phone</c>…), or null.</param>
/// <param name="Type">Pollution type code, or null.</param>
/// <param name="Street">Street code, or null.</param>
/// <param name="From">First registration day (Beijing), or null.</param>
/// <param name="To">Last registration day, or null.</param>
public sealed record ComplaintListQuery(string? State = null, bool Overdue = false, string? Channel = null, string? Type = null, string? Street = null,
    DateOnly? From = null, DateOnly? To = null);

/// <summary>A row of the staff list with what the page highlights.</summary>
/// <param name="Row">The case (no reporter data).</param>
/// <param name="Urgent">突发环境事件 or 群体性事件 and not yet replied, closed, declined or merged: listed on top.</param>
/// <param name="Overdue">Acceptance or handling overdue.</param>
/// <param name="Due">The deadline that matters now: the acceptance answer while registered, the handling due date while
/// being handled; null otherwise.</param>
/// <param name="DaysLeft">Days from Beijing today to <paramref name="Due"/> (negative: overdue by that many), or null.</param>
public sealed record ComplaintListItem(ComplaintRow Row, bool Urgent, bool Overdue, DateOnly? Due, int? DaysLeft);

/// <summary>A staff list: its rows, or why the filter was refused.</summary>
/// <param name="Items">Rows, urgent first, then overdue, then newest.</param>
/// <param name="Message">Why nothing could be listed (a bad filter), or null.</param>
public sealed record ComplaintListResult(IReadOnlyList<ComplaintListItem> Items, string? Message);

/// <summary>One deadline of a case as the case page shows it.</summary>
/// <param name="Key">What is due: <c>acceptance</c>, <c>handling</c>, <c>review_request</c>, <c>recheck_request</c> (text <c>Texts.Complaints.DeadlineName</c>).</param>
/// <param name="Due">The due day (Beijing).</param>
/// <param name="Provisional">The working-day calendar lacks the year: the day may still move.</param>
/// <param name="DaysLeft">Days from today to the due day (negative: past).</param>
/// <param name="Overdue">Past and not met.</param>
/// <param name="Met">The step was done (the deadline no longer runs).</param>
public sealed record ComplaintDeadlineRow(string Key, DateOnly Due, bool Provisional, int DaysLeft, bool Overdue, bool Met);

/// <summary>What the case page (<c>/complaints/{Number}</c>) shows.</summary>
/// <param name="View">The case (reporter block only when <paramref name="ReporterShown"/>).</param>
/// <param name="ReporterShown">True for the staff handling cases (roles admin and enforcement).</param>
/// <param name="CanAct">True when the account may act (policy Enforcement).</param>
/// <param name="Deadlines">Deadlines with days left.</param>
/// <param name="Duplicates">Duplicate proposals (for acting staff: proposed afresh on opening; else as stored).</param>
public sealed record ComplaintCasePage(ComplaintView View, bool ReporterShown, bool CanAct, IReadOnlyList<ComplaintDeadlineRow> Deadlines,
    IReadOnlyList<DuplicateProposal> Duplicates);

/// <summary>The fields of the case page's action forms, as typed (one instance per action form). Mutable; not thread-safe.</summary>
public sealed class ComplaintActionForm
{
    /// <summary>Note (decline, visit, close, review and recheck texts).</summary>
    public string Note { get; set; } = "";

    /// <summary>Decline reason (snake_case <see cref="NotAcceptedReason"/>), or empty.</summary>
    public string Reason { get; set; } = "";

    /// <summary>The case already accepted for the same matter (decline as already accepted).</summary>
    public string LinkedNumber { get; set; } = "";

    /// <summary>Assignee kind (snake_case <see cref="AssigneeKind"/>).</summary>
    public string AssigneeKind { get; set; } = "street";

    /// <summary>Street code, or a section's/department's code.</summary>
    public string AssigneeCode { get; set; } = "";

    /// <summary>Section's or department's name.</summary>
    public string AssigneeName { get; set; } = "";

    /// <summary>现场核查 findings.</summary>
    public string Findings { get; set; } = "";

    /// <summary>是否属实 (snake_case <see cref="Verification"/>), or empty.</summary>
    public string Verification { get; set; } = "";

    /// <summary>GB/T 4754 industry code of the reported unit (findings), or empty.</summary>
    public string IndustryCode { get; set; } = "";

    /// <summary>The written reply.</summary>
    public string Reply { get; set; } = "";

    /// <summary>回访 satisfaction (snake_case <see cref="Satisfaction"/>), or empty.</summary>
    public string Satisfaction { get; set; } = "";

    /// <summary>Extension days (≤ the rule's maximum).</summary>
    public int Days { get; set; } = 30;

    /// <summary>The leader approving an extension.</summary>
    public string Approver { get; set; } = "";
}

public sealed partial class ComplaintsUiService
{
    /// <summary>States a case is still open in (for the urgent flag and the state filter's order).</summary>
    public static IReadOnlyList<string> States { get; } =
        Enum.GetValues<ComplaintState>().Select(s => ComplaintNames.Snake(s)).ToList();

    /// <summary>Channels (snake_case) in enum order.</summary>
    public static IReadOnlyList<string> Channels { get; } = Enum.GetValues<ComplaintChannel>().Select(c => ComplaintNames.Snake(c)).ToList();

    private static readonly HashSet<string> Finished = ["replied", "visited", "closed", "not_accepted", "merged", "under_review", "under_recheck"];

    /// <summary>Text of a snake_case channel (<c>we_chat</c>); the key itself when unknown.</summary>
    /// <param name="snake">Stored name.</param>
    public static string ChannelText(string? snake) => ComplaintNames.TryParse<ComplaintChannel>(snake, out var v) ? Texts.Complaints.ChannelOf(v) : snake ?? "—";

    /// <summary>Text of a snake_case urgency.</summary>
    /// <param name="snake">Stored name.</param>
    public static string UrgencyText(string? snake) => ComplaintNames.TryParse<ComplaintUrgency>(snake, out var v) ? Texts.Complaints.UrgencyOf(v) : snake ?? "—";

    /// <summary>Text of a snake_case 是否属实.</summary>
    /// <param name="snake">Stored name.</param>
    public static string VerificationText(string? snake) => ComplaintNames.TryParse<Verification>(snake, out var v) ? Texts.Complaints.VerificationOf(v) : snake ?? "—";

    /// <summary>Text of a snake_case satisfaction.</summary>
    /// <param name="snake">Stored name.</param>
    public static string SatisfactionText(string? snake) => ComplaintNames.TryParse<Satisfaction>(snake, out var v) ? Texts.Complaints.SatisfactionOf(v) : snake ?? "—";

    /// <summary>Text of a snake_case assignee kind.</summary>
    /// <param name="snake">Stored name.</param>
    public static string AssigneeText(string? snake) => ComplaintNames.TryParse<AssigneeKind>(snake, out var v) ? Texts.Complaints.AssigneeOf(v) : snake ?? "—";

    /// <summary>Who did something, as shown: the account name; the public form's and jobs' actor names (<c>anonymous</c>,
    /// <c>public</c>, <c>smartenv …</c>) as words of the UI.</summary>
    /// <param name="by">Stored actor name, or null.</param>
    public static string Who(string? by) => by switch
    {
        null or "" => "—",
        "anonymous" or "public" => Texts.Complaints.ByPublic,
        _ when by.StartsWith("open311", StringComparison.OrdinalIgnoreCase) => Texts.Complaints.ByOpen311,
        _ when by.StartsWith("smartenv", StringComparison.Ordinal) || by.StartsWith("system", StringComparison.Ordinal) => Texts.Complaints.BySystem,
        _ => by,
    };

    private DateOnly Today => BeijingTime.Today(time.GetUtcNow());

    /// <summary>The staff list through <see cref="ComplaintService.ListAsync"/> (scoped context: staff see every case;
    /// no reporter data), urgent cases (突发/群体性, not finished) first, then overdue ones, then newest first.</summary>
    /// <param name="q">Filters.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ComplaintListResult> ListAsync(ComplaintListQuery q, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        ComplaintState? state = null;
        if (!string.IsNullOrEmpty(q.State))
        {
            if (!ComplaintNames.TryParse<ComplaintState>(q.State, out var s)) return new([], Texts.Complaints.FilterInvalid);
            state = s;
        }
        ComplaintChannel? channel = null;
        if (!string.IsNullOrEmpty(q.Channel))
        {
            if (!ComplaintNames.TryParse<ComplaintChannel>(q.Channel, out var c)) return new([], Texts.Complaints.FilterInvalid);
            channel = c;
        }
        if (!string.IsNullOrEmpty(q.Type) && PollutionTypes.Find(q.Type) is null) return new([], Texts.Complaints.FilterInvalid);
        if (!string.IsNullOrEmpty(q.Street) && DistrictStreets.Find(q.Street) is null) return new([], Texts.Complaints.FilterInvalid);
        if (q.From is { } f && q.To is { } t && f > t) return new([], Texts.Complaints.FilterPeriod);
        IReadOnlyList<ComplaintRow> rows;
        try
        {
            rows = await new ComplaintService(db, time).ListAsync(new ComplaintFilter(state, q.Overdue ? true : null, channel,
                string.IsNullOrEmpty(q.Type) ? null : q.Type, string.IsNullOrEmpty(q.Street) ? null : q.Street, q.From, q.To), ct);
        }
        catch (ComplaintHandlingException)
        {
            return new([], Texts.Complaints.FilterInvalid);
        }
        var today = Today;
        var items = rows.Select(r =>
        {
            var overdue = r.AcceptanceOverdue || r.HandlingOverdue;
            DateOnly? due = r.State == "registered" ? r.AcceptanceDue : r.State is "accepted" or "assigned" or "handling" ? r.HandlingDue : null;
            return new ComplaintListItem(r, r.Urgency != "none" && !Finished.Contains(r.State), overdue, due, due is { } d ? d.DayNumber - today.DayNumber : null);
        });
        return new(items.OrderByDescending(i => i.Urgent).ThenByDescending(i => i.Overdue).ThenByDescending(i => i.Row.RegisteredAt)
            .ThenByDescending(i => i.Row.Number, StringComparer.Ordinal).ToList(), null);
    }

    /// <summary>The case page through <see cref="ComplaintService.GetAsync"/>: the reporter block only when
    /// <paramref name="access"/> allows <c>Enforcement</c> (admin, enforcement: "the staff handling the case"); for them the
    /// duplicate proposals are made afresh (<see cref="ComplaintService.DuplicatesAsync(string, AuditActor, CancellationToken)"/>,
    /// audited) while the case is still open; other staff see the stored proposals.</summary>
    /// <param name="number">Case number.</param>
    /// <param name="access">The account.</param>
    /// <param name="actor">Who (for the proposals' audit entry).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when there is no such case (or the account cannot see it).</returns>
    public async Task<ComplaintCasePage?> CaseAsync(string number, UiAccess access, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        var canAct = access.Allows(SmartEnv.Accounts.SmartEnvPolicies.Enforcement);
        var service = new ComplaintService(db, time);
        var view = await service.GetAsync(number, withReporter: canAct, ct);
        if (view is null) return null;
        IReadOnlyList<DuplicateProposal> duplicates = view.Duplicates;
        if (canAct && view.State is "registered" or "accepted" or "assigned" or "handling")
        {
            try { duplicates = await service.DuplicatesAsync(view.Number, actor, ct); }
            catch (ComplaintHandlingException) { }
        }
        return new ComplaintCasePage(view, canAct, canAct, Deadlines(view), duplicates);
    }

    /// <summary>The deadlines of a case with days left from Beijing today.</summary>
    /// <param name="v">The case.</param>
    public IReadOnlyList<ComplaintDeadlineRow> Deadlines(ComplaintView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var today = Today.DayNumber;
        var d = v.Deadlines;
        var rows = new List<ComplaintDeadlineRow>
        {
            new("acceptance", d.AcceptanceDue, d.AcceptanceDueProvisional, d.AcceptanceDue.DayNumber - today, d.AcceptanceOverdue, v.State != "registered"),
        };
        if (d.HandlingDue is { } h)
            rows.Add(new("handling", h, d.HandlingDueProvisional, h.DayNumber - today, d.HandlingOverdue, v.RepliedAt is not null));
        if (d.ReviewRequestDue is { } r)
            rows.Add(new("review_request", r, false, r.DayNumber - today, false, v.State == "under_review"));
        if (d.RecheckRequestDue is { } rc)
            rows.Add(new("recheck_request", rc, false, rc.DayNumber - today, false, v.State == "under_recheck"));
        return rows;
    }

    /// <summary>Fires one action of the workflow from the case page (<see cref="ComplaintService.FireAsync(string, ComplaintTrigger, ComplaintActionInput, AuditActor, CancellationToken)"/>:
    /// the service checks state, fields and version, writes the event and the audit entry).</summary>
    /// <param name="number">Case number.</param>
    /// <param name="action">Route name of the action (<c>accept</c>, <c>decline</c>, <c>assign</c>, <c>findings</c>, <c>reply</c>, …).</param>
    /// <param name="version">The version the page shows.</param>
    /// <param name="form">What was typed.</param>
    /// <param name="access">The account (must allow Enforcement).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when recorded; otherwise the message to show.</returns>
    public async Task<string?> FireAsync(string number, string action, int version, ComplaintActionForm form, UiAccess access, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(access);
        if (!access.Allows(SmartEnv.Accounts.SmartEnvPolicies.Enforcement)) return Texts.Complaints.ActNotAllowed;
        if (!ComplaintNames.TryParseAction(action, out var trigger) || trigger == ComplaintTrigger.Merge) return Texts.Complaints.ActNotAllowed;
        NotAcceptedReason? reason = null;
        if (ComplaintNames.TryParse<NotAcceptedReason>(form.Reason, out var nr)) reason = nr;
        AssigneeKind? kind = null;
        if (ComplaintNames.TryParse<AssigneeKind>(form.AssigneeKind, out var ak)) kind = ak;
        Verification? verification = null;
        if (ComplaintNames.TryParse<Verification>(form.Verification, out var ver)) verification = ver;
        Satisfaction? satisfaction = null;
        if (ComplaintNames.TryParse<Satisfaction>(form.Satisfaction, out var sat)) satisfaction = sat;
        var input = trigger switch
        {
            ComplaintTrigger.Accept => new ComplaintActionInput(version, Note: Trim(form.Note)),
            ComplaintTrigger.Decline => new ComplaintActionInput(version, Note: Trim(form.Note), Reason: reason, LinkedNumber: Trim(form.LinkedNumber)?.ToUpperInvariant()),
            ComplaintTrigger.Assign => new ComplaintActionInput(version, AssigneeKind: kind, AssigneeCode: Trim(form.AssigneeCode),
                AssigneeName: kind == AssigneeKind.Street ? null : Trim(form.AssigneeName)),
            ComplaintTrigger.RecordFindings => new ComplaintActionInput(version, Findings: Trim(form.Findings), Verification: verification, IndustryCode: Trim(form.IndustryCode)),
            ComplaintTrigger.Reply => new ComplaintActionInput(version, Reply: Trim(form.Reply)),
            ComplaintTrigger.Visit => new ComplaintActionInput(version, Note: Trim(form.Note), Satisfaction: satisfaction),
            _ => new ComplaintActionInput(version, Note: Trim(form.Note)),
        };
        try
        {
            await new ComplaintService(db, time).FireAsync(number, trigger, input, actor, ct);
            return null;
        }
        catch (ComplaintHandlingException e)
        {
            return Refusal(e);
        }
    }

    /// <summary>Merges a proposed duplicate into this case (<see cref="ComplaintService.MergeAsync(string, string, AuditActor, CancellationToken)"/>).</summary>
    /// <param name="master">This case.</param>
    /// <param name="duplicate">The duplicate.</param>
    /// <param name="access">The account (must allow Enforcement).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when merged; otherwise the message to show.</returns>
    public async Task<string?> MergeAsync(string master, string duplicate, UiAccess access, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.Allows(SmartEnv.Accounts.SmartEnvPolicies.Enforcement)) return Texts.Complaints.ActNotAllowed;
        try
        {
            await new ComplaintService(db, time).MergeAsync(master, duplicate, actor, ct);
            return null;
        }
        catch (ComplaintHandlingException e)
        {
            return Refusal(e);
        }
    }

    /// <summary>Records the one extension of the handling period with its approver (<see cref="ComplaintService.ExtendAsync(string, int, string, string, AuditActor, CancellationToken)"/>).</summary>
    /// <param name="number">Case number.</param>
    /// <param name="form">Days, approver and reason (<see cref="ComplaintActionForm.Note"/>).</param>
    /// <param name="access">The account (must allow Enforcement).</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when recorded; otherwise the message to show.</returns>
    public async Task<string?> ExtendAsync(string number, ComplaintActionForm form, UiAccess access, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(access);
        if (!access.Allows(SmartEnv.Accounts.SmartEnvPolicies.Enforcement)) return Texts.Complaints.ActNotAllowed;
        try
        {
            await new ComplaintService(db, time).ExtendAsync(number, form.Days, form.Approver.Trim(), form.Note.Trim(), actor, ct);
            return null;
        }
        catch (ComplaintHandlingException e)
        {
            return Refusal(e);
        }
    }

    /// <summary>The page's text of a refusal: not found; changed meanwhile (stale version); not allowed in this state; or the
    /// fields to check, by their on-page names (the service's own messages are English and not shown in the Chinese UI).</summary>
    /// <param name="e">The refusal.</param>
    public static string Refusal(ComplaintHandlingException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Status == 404) return Texts.Complaints.CaseNotFound;
        if (e.Errors.ContainsKey("version")) return Texts.Complaints.ActStale;
        if (e.Status == 409 && !e.Errors.Keys.Any(k => Texts.Complaints.FieldNameKeys.Contains(k))) return Texts.Complaints.ActWrongState;
        var fields = e.Errors.Keys.Select(k => Texts.Complaints.FieldNameKeys.Contains(k) ? Texts.Complaints.FieldName(k) : null).OfType<string>().Distinct().ToList();
        return fields.Count == 0 ? Texts.Complaints.ActCheckFields : Texts.Complaints.ActCheck(string.Join("、", fields));
    }
}
