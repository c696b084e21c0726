using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.District;

namespace SmartEnv.Complaints.Handling;

/// <summary>
/// Handling of complaints and petitions (issue 18 P3; docs/complaints.md "Handling"): reading a case (with the reporter
/// only for the staff handling it), lists and the overdue list, the workflow actions of <see cref="ComplaintWorkflow"/>
/// (受理 / 不予受理 / 交办 / 核查 / 办结答复 / 回访 / 结案 / 复查 / 复核), duplicate proposals (<see cref="DuplicateRule"/>) and
/// merging, and the one approved extension of the handling period. Rules and sources: <see cref="ComplaintRules"/>
/// (complaint-rules.tsv: 15 days to answer acceptance, 60 days to handle, one extension ≤ 30 days, 复查/复核 requests within
/// 30 days; 《环保举报热线工作管理办法》 部令第15号, 《信访工作条例》 2022 Art. 22–23, 34–36, supervision.md §5), deadlines on
/// the working-day calendar (<see cref="ComplaintDeadlines"/>). Every change writes a <c>complaint_events</c> row and one
/// audit entry (action <c>complaint.{action}</c>, target <see cref="TargetComplaint"/>, id = the case number) in one
/// transaction, checks the row's <c>version</c> (optimistic concurrency: a stale version or a concurrent change is a 409)
/// and never deletes anything. Due days stored as provisional (the calendar lacked the year) are recomputed whenever read
/// and written back with the next change. The context must see complaints (<c>DataScope.All</c>: staff, jobs, the CLI).
/// Not thread-safe (one per unit of work, as its context).
/// </summary>
/// <param name="db">The context (staff scope).</param>
/// <param name="time">Clock (Beijing dates of deadlines, <c>*_at</c> stamps).</param>
/// <param name="rules">Rule file; default <see cref="ComplaintRules.Default"/>.</param>
/// <param name="calendar">Working-day calendar; default <see cref="WorkdayCalendar.China"/>.</param>
public sealed partial class ComplaintService(SmartEnvDbContext db, TimeProvider time, ComplaintRules? rules = null, WorkdayCalendar? calendar = null)
{
    /// <summary>Audit target type of complaints (the target id is the case number).</summary>
    public const string TargetComplaint = "complaint";

    /// <summary>Audit action of a merge (written on the duplicate).</summary>
    public const string ActionMerge = "complaint.merge";

    /// <summary>Audit action of an extension.</summary>
    public const string ActionExtend = "complaint.extend";

    /// <summary>Audit action of new duplicate proposals (one entry per proposing call that stored any).</summary>
    public const string ActionProposeDuplicates = "complaint.duplicate.propose";

    /// <summary>Every audit action this service writes: <c>complaint.{action}</c> per trigger (<see cref="ComplaintNames.Action"/>),
    /// <see cref="ActionExtend"/> and <see cref="ActionProposeDuplicates"/>.</summary>
    public static IReadOnlyList<string> Actions { get; } =
        [.. Enum.GetValues<ComplaintTrigger>().Select(t => "complaint." + ComplaintNames.Action(t)), ActionExtend, ActionProposeDuplicates];

    /// <summary>States of a case still waiting for its reply (duplicates are proposed among them; rules 13–14 watch them).</summary>
    public static IReadOnlyList<StoredComplaintState> OpenStates { get; } =
        [StoredComplaintState.Registered, StoredComplaintState.Accepted, StoredComplaintState.Assigned, StoredComplaintState.Handling];

    /// <summary>States of a case accepted and being handled (the handling period runs; rule 14 watches them).</summary>
    private static readonly StoredComplaintState[] BeingHandled = [StoredComplaintState.Accepted, StoredComplaintState.Assigned, StoredComplaintState.Handling];

    /// <summary>Most characters of findings, a written reply, a review/recheck request or decision (<c>complaints.findings</c>,
    /// <c>reply</c>, <c>complaint_events.note</c>).</summary>
    public const int TextMax = Complaint.TextLength;

    /// <summary>Most characters of a visit, close or decline note and of an extension's reason.</summary>
    public const int NoteMax = Complaint.NoteLength;

    /// <summary>Most characters of an approver or a person (<c>accepted_by</c>, <c>by</c>).</summary>
    public const int NameMax = Complaint.ShortLength;

    private readonly ComplaintRules _rules = rules ?? ComplaintRules.Default;
    private readonly WorkdayCalendar _calendar = calendar ?? WorkdayCalendar.China;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [GeneratedRegex(@"^\d{2,4}$")]
    private static partial Regex IndustryCodePattern();

    /// <summary>The complaint desk site that carries alert rules 13–15, created when missing (<see cref="ComplaintDeskSite"/>).</summary>
    /// <param name="db">Context.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<Site> EnsureDeskSiteAsync(SmartEnvDbContext db, CancellationToken ct = default) => ComplaintDeskSite.EnsureAsync(db, ct);

    /// <summary>What a reporter is told when the case is not accepted (SUP §5.1, 12369 办法; 《信访工作条例》 Art. 35–36), in
    /// Chinese, followed by the staff's note when given: outside remit → where to go (the note); legal proceedings → the
    /// legal route; already accepted → the linked case and how to follow it; repeat after a reply → 复查 within 30 days of
    /// the reply, then 复核 within 30 days of the 复查 decision; unclear → what to add.</summary>
    /// <param name="reason">Reason.</param>
    /// <param name="linkedNumber">The linked case (already accepted), or null.</param>
    /// <param name="note">The staff's note, or null.</param>
    /// <param name="rules">Rules (the 复查/复核 request windows).</param>
    public static string NotAcceptedGuidance(NotAcceptedReason reason, string? linkedNumber, string? note, ComplaintRules? rules = null)
    {
        var r = rules ?? ComplaintRules.Default;
        var text = reason switch
        {
            NotAcceptedReason.OutsideRemit => "您反映的事项不属于生态环境部门职责范围，不予受理。请向以下有权处理的机关反映：",
            NotAcceptedReason.LegalProceedings => "您反映的事项已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决，不予受理，请依照相关法律程序办理。",
            NotAcceptedReason.AlreadyAccepted =>
                $"您反映的事项已作为案件 {linkedNumber} 受理办理，本件不再重复受理。可拨打 12369 或凭案件编号 {linkedNumber} 向受理机构查询办理进展和结果。",
            NotAcceptedReason.RepeatAfterReply =>
                $"您反映的事项已作出书面答复，以同一事实和理由再次反映的不再受理。对答复不服的，可自收到书面答复之日起 {Days(r.ReviewRequestDays)} 日内请求原办理机关的上一级机关复查；"
                + $"对复查意见不服的，可自收到复查意见之日起 {Days(r.RecheckRequestDays)} 日内请求复核（《信访工作条例》第三十五条、第三十六条）。",
            _ => "您反映的内容不详、线索不清，无法核实，不予受理。欢迎补充具体时间、地点、对象和现象后重新反映。",
        };
        return note is null ? text : reason == NotAcceptedReason.OutsideRemit ? text + note : text + "（" + note + "）";
    }

    private static string Days(decimal v) => ((int)v).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ reads

    /// <summary>The case <paramref name="number"/> with everything staff see (<see cref="ComplaintView"/>); the reporter block
    /// only when <paramref name="withReporter"/> (the caller decides: admin and enforcement).</summary>
    /// <param name="number">Case number.</param>
    /// <param name="withReporter">Include the reporter's name and contact.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The view, or null when there is no such case (or the context's scope does not see complaints).</returns>
    public async Task<ComplaintView?> GetAsync(string number, bool withReporter, CancellationToken ct = default)
    {
        var key = Key(number);
        if (key is null) return null;
        var c = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(x => x.Number == key, ct);
        return c is null ? null : await ViewAsync(c, withReporter, BeijingTime.Today(time), ct);
    }

    /// <summary>The transitions of case <paramref name="number"/> in time order, or null when there is no such case.</summary>
    /// <param name="number">Case number.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ComplaintEventView>?> EventsAsync(string number, CancellationToken ct = default)
    {
        var key = Key(number);
        var id = key is null ? null : await db.Complaints.Where(x => x.Number == key).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
        return id is null ? null : await EventViewsAsync(id.Value, ct);
    }

    /// <summary>Cases matching <paramref name="f"/>, newest first (no reporter data).</summary>
    /// <param name="f">Filter.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ComplaintHandlingException">400: an unknown street, a limit outside 1–1000, from after to.</exception>
    public async Task<IReadOnlyList<ComplaintRow>> ListAsync(ComplaintFilter f, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Limit is < 1 or > 1000) throw new ComplaintHandlingException(400, "limit", "1–1000");
        if (f.From is { } a && f.To is { } b && a > b) throw new ComplaintHandlingException(400, "from", "from is after to");
        var q = db.Complaints.AsNoTracking().AsQueryable();
        if (f.State is { } s) { var st = ComplaintNames.To<StoredComplaintState>(s); q = q.Where(c => c.State == st); }
        if (f.Channel is { } ch) { var sc = ComplaintNames.To<StoredComplaintChannel>(ch); q = q.Where(c => c.Channel == sc); }
        if (Trim(f.Type) is { } type) q = q.Where(c => db.ComplaintTypes.Any(t => t.ComplaintId == c.Id && t.Code == type));
        if (Trim(f.Street) is { } street)
        {
            var code = DistrictStreets.Find(street)?.Code ?? throw new ComplaintHandlingException(400, "street", $"no street or town '{street}' in the district");
            q = q.Where(c => c.StreetCode == code);
        }
        if (f.From is { } from) q = q.Where(c => c.RegisteredOn >= from);
        if (f.To is { } to) q = q.Where(c => c.RegisteredOn <= to);
        if (Trim(f.Text) is { } text)
            q = q.Where(c => c.Number.Contains(text) || c.Content.Contains(text) || (c.Address != null && c.Address.Contains(text))
                || (c.ReportedName != null && c.ReportedName.Contains(text)));
        var open = OpenStates.ToList();
        if (f.Overdue == true) q = q.Where(c => open.Contains(c.State));
        q = q.OrderByDescending(c => c.Id);
        var list = await (f.Overdue is null ? q.Take(f.Limit) : q.Take(20_000)).ToListAsync(ct);
        var rows = await RowsAsync(list, BeijingTime.Today(time), ct);
        if (f.Overdue is { } overdue) rows = rows.Where(r => (r.AcceptanceOverdue || r.HandlingOverdue) == overdue).Take(f.Limit).ToList();
        return rows;
    }

    /// <summary>Cases overdue on <paramref name="today"/> (Beijing): still registered after the acceptance due day, or accepted
    /// and not replied after the handling due day; oldest due first. Provisional due days are recomputed.</summary>
    /// <param name="today">The day judged.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ComplaintRow>> OverdueAsync(DateOnly today, CancellationToken ct = default)
    {
        var open = OpenStates.ToList();
        var list = await db.Complaints.AsNoTracking().Where(c => open.Contains(c.State)).OrderBy(c => c.Id).ToListAsync(ct);
        var rows = await RowsAsync(list, today, ct);
        return rows.Where(r => r.AcceptanceOverdue || r.HandlingOverdue)
            .OrderBy(r => r.HandlingOverdue ? r.HandlingDue!.Value : r.AcceptanceDue).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
    }

    // ------------------------------------------------------------------ workflow

    /// <summary>Fires a workflow action as the user named <paramref name="by"/> (the plan's signature; see
    /// <see cref="FireAsync(string, ComplaintTrigger, ComplaintActionInput, AuditActor, CancellationToken)"/>).</summary>
    /// <param name="number">Case number.</param>
    /// <param name="t">What.</param>
    /// <param name="input">The action's fields.</param>
    /// <param name="by">User name of the staff member (audited as a user).</param>
    /// <param name="ct">Cancellation.</param>
    public Task<ComplaintView> FireAsync(string number, ComplaintTrigger t, ComplaintActionInput input, string by, CancellationToken ct = default) =>
        FireAsync(number, t, input, User(by), ct);

    /// <summary>
    /// Fires <paramref name="trigger"/> on case <paramref name="number"/> when <see cref="ComplaintWorkflow"/> permits it in the
    /// case's state. What each reads and sets:
    /// <list type="bullet">
    /// <item>accept — stamps <c>accepted_at/by</c>; <c>handling_due</c> = acceptance day + 60 days (<see cref="ComplaintDeadlines.HandlingDue"/>).</item>
    /// <item>decline — <c>Reason</c> (required); <c>Note</c> required for <see cref="NotAcceptedReason.OutsideRemit"/> (where
    /// to go); <c>LinkedNumber</c> required for <see cref="NotAcceptedReason.AlreadyAccepted"/> (another case, accepted);
    /// stores the reason and <see cref="NotAcceptedGuidance"/> as the note the reporter reads.</item>
    /// <item>assign — <c>AssigneeKind</c>; a street by <c>AssigneeCode</c> or name (one of <see cref="DistrictStreets"/>); a
    /// section or department by <c>AssigneeName</c> (code optional).</item>
    /// <item>findings — <c>Findings</c>, <c>Verification</c> (required), <c>CheckedAt</c> (default now, not in the future, not
    /// before registration), <c>IndustryCode</c> (2–4 digits) if known.</item>
    /// <item>reply — <c>Reply</c> (required); stamps <c>replied_at</c>, sets <c>review_due</c> (reply day + 30 days); the reply
    /// also reaches every case merged into this one (their reply and <c>replied_at</c>, an event on each).</item>
    /// <item>visit — <c>Satisfaction</c> (required), <c>Note</c>.</item>
    /// <item>close — <c>Note</c>.</item>
    /// <item>review (复查 request) — only until reply day + 30 days (else 409); <c>Note</c>.</item>
    /// <item>review_decision, recheck_decision — <c>Note</c> (the decision, required); a review decision sets
    /// <c>review_due</c> to the last day of a 复核 request.</item>
    /// <item>recheck (复核 request) — only until the 复查 decision day + 30 days (else 409); <c>Note</c>.</item>
    /// </list>
    /// Merging goes through <see cref="MergeAsync(string, string, AuditActor, CancellationToken)"/>.
    /// </summary>
    /// <param name="number">Case number.</param>
    /// <param name="trigger">What.</param>
    /// <param name="input">The action's fields.</param>
    /// <param name="actor">Who (audited).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case after the change (without the reporter).</returns>
    /// <exception cref="ComplaintHandlingException">404 no such case; 409 not permitted in this state (with the permitted
    /// actions), window passed, stale version or a concurrent change; 400 invalid input.</exception>
    public async Task<ComplaintView> FireAsync(string number, ComplaintTrigger trigger, ComplaintActionInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (trigger == ComplaintTrigger.Merge)
            throw new ComplaintHandlingException(400, "action", "a merge names its duplicate: POST /api/complaints/{master}/merge {\"duplicate\": …}");
        var c = await LoadAsync(number, ct);
        var state = ComplaintNames.To<ComplaintState>(c.State);
        var workflow = await WorkflowAsync(c, ct);
        if (!workflow.CanFire(trigger))
            throw new ComplaintHandlingException(409, "action", $"a case in state {ComplaintNames.Snake(c.State)} cannot take {ComplaintNames.Action(trigger)}", Permitted(workflow));
        CheckVersion(c, input.Version, workflow);

        var now = time.GetUtcNow();
        var today = BeijingTime.Date(now);
        var before = await ViewAsync(c, false, today, ct);
        var errors = new Dictionary<string, string[]>();
        var note = Text(input.Note, "note", trigger is ComplaintTrigger.Visit or ComplaintTrigger.Close or ComplaintTrigger.Decline ? NoteMax : TextMax, errors);
        List<Complaint> merged = [];
        switch (trigger)
        {
            case ComplaintTrigger.Accept:
            {
                (c.AcceptedAt, c.AcceptedBy) = (now, Cut(actor.Name, NameMax));
                var due = ComplaintDeadlines.HandlingDue(today, c.ExtensionDays, _rules, _calendar);
                (c.HandlingDue, c.HandlingDueProvisional) = (due.Date, due.Provisional);
                break;
            }
            case ComplaintTrigger.Decline:
            {
                if (input.Reason is not { } reason || !Enum.IsDefined(reason)) { errors["reason"] = ["why the case is not accepted: outside_remit, legal_proceedings, already_accepted, repeat_after_reply or unclear"]; break; }
                string? linked = null;
                if (reason == NotAcceptedReason.OutsideRemit && note is null) errors["note"] = ["outside the remit: say where the reporter should go (12369 办法)"];
                if (reason == NotAcceptedReason.AlreadyAccepted)
                {
                    linked = Key(input.LinkedNumber);
                    var other = linked is null || linked == c.Number ? null
                        : await db.Complaints.AsNoTracking().Where(x => x.Number == linked).Select(x => new { x.State }).FirstOrDefaultAsync(ct);
                    if (other is null) errors["linkedNumber"] = ["already accepted: the number of the other case that was accepted for the same matter"];
                    else if (other.State is StoredComplaintState.Registered or StoredComplaintState.NotAccepted)
                        errors["linkedNumber"] = [$"case {linked} is {ComplaintNames.Snake(other.State)}, not accepted"];
                }
                var told = NotAcceptedGuidance(reason, linked, note, _rules);
                if (told.Length > NoteMax) errors["note"] = [$"at most {NoteMax - (told.Length - note!.Length)} characters with this reason"];
                (c.NotAcceptedReason, c.NotAcceptedNote, c.LinkedNumber) = (ComplaintNames.To<StoredNotAcceptedReason>(reason), Cut(told, NoteMax), linked);
                break;
            }
            case ComplaintTrigger.Assign:
            {
                if (input.AssigneeKind is not { } kind || !Enum.IsDefined(kind)) { errors["assigneeKind"] = ["street, section or department"]; break; }
                if (kind == AssigneeKind.Street)
                {
                    var street = DistrictStreets.Find(Trim(input.AssigneeCode) ?? Trim(input.AssigneeName));
                    if (street is null) { errors["assigneeCode"] = ["one of the district's streets and towns (code or name)"]; break; }
                    (c.AssigneeCode, c.AssigneeName) = (street.Code, street.Name);
                }
                else
                {
                    var name = Text(input.AssigneeName, "assigneeName", Complaint.NameLength, errors);
                    if (name is null) errors.TryAdd("assigneeName", ["the section or department the case goes to"]);
                    (c.AssigneeCode, c.AssigneeName) = (Text(input.AssigneeCode, "assigneeCode", Complaint.ShortLength, errors), name);
                }
                (c.AssigneeKind, c.AssignedAt) = (ComplaintNames.To<StoredAssigneeKind>(kind), now);
                break;
            }
            case ComplaintTrigger.RecordFindings:
            {
                var findings = Text(input.Findings, "findings", TextMax, errors);
                if (findings is null) errors.TryAdd("findings", ["what the site check found"]);
                if (input.Verification is not { } v || !Enum.IsDefined(v)) errors["verification"] = ["true, partly_true or false (属实, 部分属实, 不属实)"];
                var checkedAt = input.CheckedAt ?? now;
                if (checkedAt > now) errors["checkedAt"] = ["not in the future"];
                else if (checkedAt < c.RegisteredAt) errors["checkedAt"] = ["not before the case was registered"];
                var industry = Trim(input.IndustryCode);
                if (industry is not null && (!IndustryCodePattern().IsMatch(industry) || industry.Length > Enterprise.IndustryCodeLength))
                    errors["industryCode"] = ["a GB/T 4754-2017 code of 2–4 digits"];
                (c.Findings, c.Verification, c.CheckedAt) = (findings, ComplaintNames.To<Verification, StoredVerification>(input.Verification), checkedAt);
                c.IndustryCode = industry ?? c.IndustryCode;
                break;
            }
            case ComplaintTrigger.Reply:
            {
                var reply = Text(input.Reply, "reply", TextMax, errors);
                if (reply is null) { errors.TryAdd("reply", ["the written reply to the reporter"]); break; }
                var reviewDue = ComplaintDeadlines.ReviewRequestDue(today, _rules, _calendar);
                (c.Reply, c.RepliedAt, c.ReviewDue) = (reply, now, reviewDue.Date);
                merged = await db.Complaints.Where(x => x.MergedIntoId == c.Id).OrderBy(x => x.Id).ToListAsync(ct);
                foreach (var m in merged)
                {
                    (m.Reply, m.RepliedAt, m.ReviewDue, m.UpdatedAt) = (reply, now, reviewDue.Date, now);
                    m.Version++;
                }
                break;
            }
            case ComplaintTrigger.Visit:
                if (input.Satisfaction is not { } sat || !Enum.IsDefined(sat)) { errors["satisfaction"] = ["satisfied, basically_satisfied or dissatisfied (满意, 基本满意, 不满意)"]; break; }
                (c.Satisfaction, c.VisitedAt, c.VisitNote) = (ComplaintNames.To<StoredSatisfaction>(sat), now, note);
                break;
            case ComplaintTrigger.Close:
                c.ClosedAt = now;
                break;
            case ComplaintTrigger.RequestReview:
            {
                if (c.RepliedAt is not { } replied) { errors["action"] = ["no written reply to review"]; break; }
                var due = ComplaintDeadlines.ReviewRequestDue(BeijingTime.Date(replied), _rules, _calendar);
                if (ComplaintDeadlines.Overdue(due, today))
                    throw Refused($"a 复查 is requested within {Days(_rules.ReviewRequestDays)} days of the written reply (until {due.Date:yyyy-MM-dd}; 《信访工作条例》 Art. 35)", workflow);
                break;
            }
            case ComplaintTrigger.DecideReview:
                if (note is null) errors.TryAdd("note", ["the 复查 decision"]);
                c.ReviewDue = ComplaintDeadlines.RecheckRequestDue(today, _rules, _calendar).Date;
                break;
            case ComplaintTrigger.RequestRecheck:
            {
                var decideReview = ComplaintWorkflow.Name(ComplaintTrigger.DecideReview);
                var decided = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == c.Id && e.Trigger == decideReview)
                    .OrderByDescending(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(ct);
                if (decided is not { } d) { errors["action"] = ["no 复查 decision to recheck"]; break; }
                var due = ComplaintDeadlines.RecheckRequestDue(BeijingTime.Date(d), _rules, _calendar);
                if (ComplaintDeadlines.Overdue(due, today))
                    throw Refused($"a 复核 is requested within {Days(_rules.RecheckRequestDays)} days of the 复查 decision (until {due.Date:yyyy-MM-dd}; 《信访工作条例》 Art. 36)", workflow);
                break;
            }
            case ComplaintTrigger.DecideRecheck:
                if (note is null) errors.TryAdd("note", ["the 复核 decision"]);
                break;
        }
        if (errors.Count > 0)
        {
            Revert();
            throw new ComplaintHandlingException(400, errors);
        }

        RefreshDues(c);
        workflow.Fire(trigger);
        var action = ComplaintNames.Action(trigger);
        var data = JsonSerializer.Serialize(input with { Version = null, Note = null }, Json);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        c.State = ComplaintNames.To<StoredComplaintState>(workflow.State);
        c.Version++;
        c.UpdatedAt = now;
        db.ComplaintEvents.Add(new ComplaintEvent
        {
            ComplaintId = c.Id, Trigger = ComplaintWorkflow.Name(trigger), FromState = ComplaintNames.To<StoredComplaintState>(state), ToState = c.State, By = Cut(actor.Name, NameMax)!, At = now,
            Note = note, Data = data == "{}" ? null : data,
        });
        foreach (var m in merged)
            db.ComplaintEvents.Add(new ComplaintEvent
            {
                ComplaintId = m.Id, Trigger = ComplaintWorkflow.Name(trigger), FromState = m.State, ToState = m.State, By = Cut(actor.Name, NameMax)!, At = now,
                Note = $"答复随主案件 {c.Number}（合并办理）",
            });
        await SaveAsync(workflow, ct);
        var after = await ViewAsync(c, false, today, ct);
        await AuditTrail.AppendAsync(db, actor, "complaint." + action, TargetComplaint, c.Number, Snapshot(before), Snapshot(after), note, now, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    // ------------------------------------------------------------------ duplicates

    /// <summary>
    /// Proposes duplicates of case <paramref name="number"/> and lists every pair it is in. While the case is open
    /// (<see cref="OpenStates"/>) and not merged, every other open, unmerged case registered within the window
    /// (<c>duplicate.window_days</c>, 7) that <see cref="DuplicateRule.Match"/> pairs with it (a shared top-level pollution
    /// type within <c>duplicate.radius_m</c>, 300 m, or the same reported USCC) is stored once as a pending pair (a pair
    /// already stored in either order is not stored again: idempotent), with one audit entry
    /// (<see cref="ActionProposeDuplicates"/>) when any was new.
    /// </summary>
    /// <param name="number">Case number.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The pairs, seen from this case, oldest proposal first.</returns>
    /// <exception cref="ComplaintHandlingException">404 no such case.</exception>
    public async Task<IReadOnlyList<DuplicateProposal>> DuplicatesAsync(string number, CancellationToken ct = default) =>
        await DuplicatesAsync(number, AuditActor.System(ComplaintsJob.Engine), ct);

    /// <summary>Proposes and lists the duplicates of a case as <paramref name="actor"/> (see <see cref="DuplicatesAsync(string, CancellationToken)"/>).</summary>
    /// <param name="number">Case number.</param>
    /// <param name="actor">Who asked (audited when pairs are stored).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<DuplicateProposal>> DuplicatesAsync(string number, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var c = await LoadAsync(number, ct, tracked: false);
        if (OpenStates.Contains(c.State) && c.MergedIntoId is null)
        {
            var window = TimeSpan.FromDays((double)_rules.DuplicateWindowDays);
            var (from, to) = (c.RegisteredAt - window, c.RegisteredAt + window);
            var open = OpenStates.ToList();
            var others = await db.Complaints.AsNoTracking()
                .Where(x => x.Id != c.Id && open.Contains(x.State) && x.MergedIntoId == null && x.RegisteredAt >= from && x.RegisteredAt <= to)
                .ToListAsync(ct);
            var ids = others.Select(x => x.Id).Append(c.Id).ToList();
            var types = (await db.ComplaintTypes.AsNoTracking().Where(t => ids.Contains(t.ComplaintId)).Select(t => new { t.ComplaintId, t.Code }).ToListAsync(ct))
                .ToLookup(t => t.ComplaintId, t => t.Code);
            var self = Candidate(c, types[c.Id]);
            var matches = others.Select(o => (Other: o, Match: DuplicateRule.Match(self, Candidate(o, types[o.Id]), _rules)))
                .Where(x => x.Match is not null).ToList();
            if (matches.Count > 0)
            {
                var otherIds = matches.Select(m => m.Other.Id).ToList();
                var known = (await db.ComplaintDuplicates.AsNoTracking()
                    .Where(d => (d.ComplaintId == c.Id && otherIds.Contains(d.CandidateId)) || (d.CandidateId == c.Id && otherIds.Contains(d.ComplaintId)))
                    .Select(d => new { d.ComplaintId, d.CandidateId }).ToListAsync(ct))
                    .Select(d => d.ComplaintId == c.Id ? d.CandidateId : d.ComplaintId).ToHashSet();
                var fresh = matches.Where(m => !known.Contains(m.Other.Id)).ToList();
                if (fresh.Count > 0)
                {
                    var now = time.GetUtcNow();
                    await using var tx = await AuditTrail.BeginAsync(db, ct);
                    foreach (var (o, m) in fresh)
                        db.ComplaintDuplicates.Add(new ComplaintDuplicate
                        {
                            ComplaintId = c.Id, CandidateId = o.Id, Reason = ComplaintNames.To<StoredDuplicateReason>(m!.Reason),
                            DistanceM = m.DistanceMetres is { } dm ? Math.Round(dm, 1) : null, ProposedAt = now, Decision = DuplicateDecision.Pending,
                        });
                    await db.SaveChangesAsync(ct);
                    var proposed = fresh.Select(f => new { number = f.Other.Number, reason = ComplaintNames.Snake(f.Match!.Reason), distance_m = f.Match.DistanceMetres }).ToList();
                    await AuditTrail.AppendAsync(db, actor, ActionProposeDuplicates, TargetComplaint, c.Number, null, new { proposed }, null, now, ct);
                    await tx.CommitAsync(ct);
                }
            }
        }
        return await DuplicateViewsAsync(c.Id, ct);
    }

    /// <summary>Merges as the user named <paramref name="by"/> (see <see cref="MergeAsync(string, string, AuditActor, CancellationToken)"/>).</summary>
    /// <param name="masterNumber">The case that is handled.</param>
    /// <param name="duplicateNumber">The case that follows it.</param>
    /// <param name="by">User name of the staff member.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<ComplaintView> MergeAsync(string masterNumber, string duplicateNumber, string by, CancellationToken ct = default) =>
        MergeAsync(masterNumber, duplicateNumber, User(by), ct);

    /// <summary>
    /// Merges case <paramref name="duplicateNumber"/> into <paramref name="masterNumber"/> (FixMyStreet's approach: one
    /// handling, every reporter gets the reply): the duplicate fires <see cref="ComplaintTrigger.Merge"/> (state
    /// <c>merged</c>, <c>merged_into_id</c> = the master), cases merged into the duplicate follow the master too, the pair's
    /// proposal is decided <c>merged</c> (stored now with reason <c>manual</c> or the rule's when it was never proposed), a
    /// reply the master already has is copied to the duplicate, and every later reply of the master reaches it
    /// (<see cref="FireAsync(string, ComplaintTrigger, ComplaintActionInput, AuditActor, CancellationToken)"/>, reply). One
    /// event on each case and one audit entry (<see cref="ActionMerge"/>, target the duplicate).
    /// </summary>
    /// <param name="masterNumber">The case that is handled.</param>
    /// <param name="duplicateNumber">The case that follows it.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The master after the merge.</returns>
    /// <exception cref="ComplaintHandlingException">400 the same case; 404 either case missing; 409 the duplicate cannot be
    /// merged in its state (with its permitted actions) or the master is merged or not accepted.</exception>
    public async Task<ComplaintView> MergeAsync(string masterNumber, string duplicateNumber, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Key(masterNumber) is { } mk && mk == Key(duplicateNumber)) throw new ComplaintHandlingException(400, "duplicate", "a case is not merged into itself");
        var master = await LoadAsync(masterNumber, ct);
        var dup = await LoadAsync(duplicateNumber, ct, field: "duplicate");
        var state = ComplaintNames.To<ComplaintState>(dup.State);
        var workflow = await WorkflowAsync(dup, ct);
        if (!workflow.CanFire(ComplaintTrigger.Merge))
            throw new ComplaintHandlingException(409, "duplicate", $"case {dup.Number} in state {ComplaintNames.Snake(dup.State)} cannot be merged", Permitted(workflow));
        if (master.State is StoredComplaintState.Merged or StoredComplaintState.NotAccepted)
            throw new ComplaintHandlingException(409, "number", $"case {master.Number} is {ComplaintNames.Snake(master.State)}: merge into the case that is handled",
                Permitted(await WorkflowAsync(master, ct)));

        var now = time.GetUtcNow();
        var today = BeijingTime.Date(now);
        var before = await ViewAsync(dup, false, today, ct);
        var types = (await db.ComplaintTypes.AsNoTracking().Where(t => t.ComplaintId == master.Id || t.ComplaintId == dup.Id).Select(t => new { t.ComplaintId, t.Code }).ToListAsync(ct))
            .ToLookup(t => t.ComplaintId, t => t.Code);
        var match = DuplicateRule.Match(Candidate(master, types[master.Id]), Candidate(dup, types[dup.Id]), _rules);
        workflow.Fire(ComplaintTrigger.Merge);
        var by = Cut(actor.Name, NameMax)!;

        await using var tx = await AuditTrail.BeginAsync(db, ct);
        RefreshDues(dup);
        (dup.MergedIntoId, dup.State, dup.UpdatedAt) = (master.Id, ComplaintNames.To<StoredComplaintState>(workflow.State), now);
        dup.Version++;
        if (master.Reply is not null) (dup.Reply, dup.RepliedAt, dup.ReviewDue) = (master.Reply, master.RepliedAt, master.ReviewDue);
        var followers = await db.Complaints.Where(x => x.MergedIntoId == dup.Id).ToListAsync(ct);
        foreach (var f in followers) { (f.MergedIntoId, f.UpdatedAt) = (master.Id, now); f.Version++; }
        var pair = await db.ComplaintDuplicates.FirstOrDefaultAsync(d => (d.ComplaintId == master.Id && d.CandidateId == dup.Id) || (d.ComplaintId == dup.Id && d.CandidateId == master.Id), ct);
        if (pair is null)
        {
            pair = new ComplaintDuplicate
            {
                // A merge staff decided without a rule match is stored as same_place (the schema knows the rule's two
                // reasons only); its distance, when both have a location, tells how far apart they are.
                ComplaintId = master.Id, CandidateId = dup.Id,
                Reason = match is null ? StoredDuplicateReason.SamePlace : ComplaintNames.To<StoredDuplicateReason>(match.Reason),
                DistanceM = Distance(master, dup) is { } dm ? Math.Round(dm, 1) : null, ProposedAt = now, Decision = DuplicateDecision.Pending,
            };
            db.ComplaintDuplicates.Add(pair);
        }
        (pair.Decision, pair.DecidedBy, pair.DecidedAt) = (DuplicateDecision.Merged, by, now);
        master.UpdatedAt = now;
        db.ComplaintEvents.Add(new ComplaintEvent
        {
            ComplaintId = dup.Id, Trigger = ComplaintWorkflow.Name(ComplaintTrigger.Merge), FromState = ComplaintNames.To<StoredComplaintState>(state), ToState = dup.State,
            By = by, At = now, Note = $"并入案件 {master.Number}",
        });
        db.ComplaintEvents.Add(new ComplaintEvent
        {
            ComplaintId = master.Id, Trigger = ComplaintWorkflow.Name(ComplaintTrigger.Merge), FromState = master.State, ToState = master.State, By = by, At = now,
            Note = $"合并案件 {dup.Number}",
        });
        await SaveAsync(workflow, ct);
        var after = await ViewAsync(dup, false, today, ct);
        await AuditTrail.AppendAsync(db, actor, ActionMerge, TargetComplaint, dup.Number, Snapshot(before), Snapshot(after), $"merged into {master.Number}", now, ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(master, false, today, ct);
    }

    // ------------------------------------------------------------------ extension

    /// <summary>Extends as the user named <paramref name="by"/> (see <see cref="ExtendAsync(string, int, string, string, AuditActor, CancellationToken)"/>).</summary>
    /// <param name="number">Case number.</param>
    /// <param name="days">Days to add.</param>
    /// <param name="approver">The leader who approved it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="by">User name of the staff member.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<ComplaintView> ExtendAsync(string number, int days, string approver, string reason, string by, CancellationToken ct = default) =>
        ExtendAsync(number, days, approver, reason, User(by), ct);

    /// <summary>
    /// Extends the handling period of an accepted, not yet replied case (《信访工作条例》 Art. 34: complex cases, the head of
    /// the body approves, at most 30 days, the reporter is told why): one extension per case (SmartEnv reading of the
    /// article: "可以适当延长办理期限，但延长期限不得超过30日" — one extension of at most <c>extension.max_days</c>), recorded
    /// before the period ends, with the approver and the reason; <c>handling_due</c> is recomputed from the acceptance day
    /// with the extension (<see cref="ComplaintDeadlines.HandlingDue"/>); <c>reporter_told_at</c> = now (the reporter is told
    /// through the desk and sees the new due day with the query code). One event and one audit entry (<see cref="ActionExtend"/>).
    /// </summary>
    /// <param name="number">Case number.</param>
    /// <param name="days">Days to add (1 … <c>extension.max_days</c>).</param>
    /// <param name="approver">The leader who approved it (required).</param>
    /// <param name="reason">Why (required; told to the reporter).</param>
    /// <param name="actor">Who recorded it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case after the extension.</returns>
    /// <exception cref="ComplaintHandlingException">404 no such case; 400 days, approver or reason invalid; 409 the case is
    /// not being handled, was already extended, or its handling period has passed.</exception>
    public async Task<ComplaintView> ExtendAsync(string number, int days, string approver, string reason, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var c = await LoadAsync(number, ct);
        var workflow = await WorkflowAsync(c, ct);
        if (!BeingHandled.Contains(c.State) || c.AcceptedAt is not { } acceptedAt)
            throw new ComplaintHandlingException(409, "action", $"only a case being handled (accepted, assigned, handling) is extended; this one is {ComplaintNames.Snake(c.State)}", Permitted(workflow));
        var errors = new Dictionary<string, string[]>();
        var max = (int)_rules.ExtensionMaxDays;
        if (days < 1 || days > max) errors["days"] = [$"1–{max} days (《信访工作条例》 Art. 34)"];
        var who = Text(approver, "approver", NameMax, errors);
        if (who is null) errors.TryAdd("approver", ["the head of the bureau who approved the extension"]);
        var why = Text(reason, "reason", NoteMax, errors);
        if (why is null) errors.TryAdd("reason", ["why the case needs more time (the reporter is told)"]);
        if (errors.Count > 0) throw new ComplaintHandlingException(400, errors);
        if (await db.ComplaintExtensions.AnyAsync(e => e.ComplaintId == c.Id, ct) || c.ExtensionDays > 0)
            throw new ComplaintHandlingException(409, "days", "the handling period of a case is extended once (《信访工作条例》 Art. 34)", Permitted(workflow));
        var now = time.GetUtcNow();
        var today = BeijingTime.Date(now);
        var acceptedOn = BeijingTime.Date(acceptedAt);
        var current = ComplaintDeadlines.HandlingDue(acceptedOn, c.ExtensionDays, _rules, _calendar);
        if (ComplaintDeadlines.Overdue(current, today))
            throw new ComplaintHandlingException(409, "days", $"the handling period ended on {current.Date:yyyy-MM-dd}: an extension is approved before it ends", Permitted(workflow));

        var before = await ViewAsync(c, false, today, ct);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        RefreshDues(c);
        c.ExtensionDays += days;
        var due = ComplaintDeadlines.HandlingDue(acceptedOn, c.ExtensionDays, _rules, _calendar);
        (c.HandlingDue, c.HandlingDueProvisional, c.UpdatedAt) = (due.Date, due.Provisional, now);
        c.Version++;
        var by = Cut(actor.Name, NameMax)!;
        db.ComplaintExtensions.Add(new ComplaintExtension { ComplaintId = c.Id, Days = days, Approver = who!, Reason = why!, RecordedBy = by, At = now, ReporterToldAt = now });
        db.ComplaintEvents.Add(new ComplaintEvent
        {
            ComplaintId = c.Id, Trigger = "extend", FromState = c.State, ToState = c.State, By = by, At = now,
            Note = why, Data = JsonSerializer.Serialize(new { days, approver = who, handlingDue = due.Date }, Json),
        });
        await SaveAsync(workflow, ct);
        var after = await ViewAsync(c, false, today, ct);
        await AuditTrail.AppendAsync(db, actor, ActionExtend, TargetComplaint, c.Number, Snapshot(before), Snapshot(after), why, now, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    // ------------------------------------------------------------------ helpers

    private static AuditActor User(string by) =>
        new(AuditActorKind.User, string.IsNullOrWhiteSpace(by) ? throw new ArgumentException("who acts is required", nameof(by)) : by.Trim());

    /// <summary>Normalized case number (trimmed, upper case), or null for blank input.</summary>
    private static string? Key(string? number) => string.IsNullOrWhiteSpace(number) ? null : number.Trim().ToUpperInvariant();

    private async Task<Complaint> LoadAsync(string number, CancellationToken ct, bool tracked = true, string field = "number")
    {
        var key = Key(number);
        var q = tracked ? db.Complaints : db.Complaints.AsNoTracking();
        return (key is null ? null : await q.FirstOrDefaultAsync(x => x.Number == key, ct))
            ?? throw new ComplaintHandlingException(404, field, $"no complaint {number}");
    }

    /// <summary>The workflow of a stored case, with its 复查/复核 stage read from its events (<see cref="ComplaintWorkflow.StageOf"/>).</summary>
    private async Task<ComplaintWorkflow> WorkflowAsync(Complaint c, CancellationToken ct)
    {
        string[] decisions = [ComplaintWorkflow.Name(ComplaintTrigger.DecideReview), ComplaintWorkflow.Name(ComplaintTrigger.DecideRecheck)];
        var triggers = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == c.Id && decisions.Contains(e.Trigger)).OrderBy(e => e.Id)
            .Select(e => e.Trigger).ToListAsync(ct);
        return Workflow(c, triggers);
    }

    private static ComplaintWorkflow Workflow(Complaint c, IEnumerable<string> eventTriggers)
    {
        var history = eventTriggers.Select(t => ComplaintWorkflow.TryParseTrigger(t, out var x) ? x : (ComplaintTrigger?)null).OfType<ComplaintTrigger>();
        return new ComplaintWorkflow(ComplaintNames.To<ComplaintState>(c.State), ComplaintWorkflow.StageOf(history));
    }

    private static double? Distance(Complaint a, Complaint b) =>
        a is { Latitude: { } la1, Longitude: { } lo1 } && b is { Latitude: { } la2, Longitude: { } lo2 } ? DuplicateRule.DistanceMetres(la1, lo1, la2, lo2) : null;

    private static IReadOnlyList<string> Permitted(ComplaintWorkflow w) =>
        w.Permitted.Select(ComplaintNames.Action).Order(StringComparer.Ordinal).ToList();

    private ComplaintHandlingException Refused(string message, ComplaintWorkflow w)
    {
        Revert();
        return new ComplaintHandlingException(409, "action", message, Permitted(w));
    }

    private void CheckVersion(Complaint c, int? expected, ComplaintWorkflow w)
    {
        if (expected is { } v && v != c.Version)
            throw new ComplaintHandlingException(409, "version", $"the case changed since it was read (version {v}, now {c.Version}): reload it", Permitted(w));
    }

    /// <summary>Saves; a concurrent change of a case (its version moved on) becomes a 409 and nothing stays tracked.</summary>
    private async Task SaveAsync(ComplaintWorkflow w, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Revert();
            throw new ComplaintHandlingException(409, "version", "the case was changed by someone else at the same time: reload it", Permitted(w));
        }
    }

    /// <summary>Nothing of a refused action stays tracked (the context may serve the next request of a unit of work).</summary>
    private void Revert()
    {
        foreach (var e in db.ChangeTracker.Entries().ToList())
        {
            if (e.State == EntityState.Added) e.State = EntityState.Detached;
            else if (e.State is EntityState.Modified or EntityState.Deleted)
            {
                e.CurrentValues.SetValues(e.OriginalValues);
                e.State = EntityState.Unchanged;
            }
        }
    }

    /// <summary>Writes back due days stored as provisional once the calendar has their year (with the change being saved).</summary>
    private void RefreshDues(Complaint c)
    {
        if (c.AcceptanceDueProvisional)
        {
            var d = ComplaintDeadlines.AcceptanceDue(c.RegisteredOn, _rules, _calendar);
            (c.AcceptanceDue, c.AcceptanceDueProvisional) = (d.Date, d.Provisional);
        }
        if (c.HandlingDueProvisional && c.AcceptedAt is { } a)
        {
            var d = ComplaintDeadlines.HandlingDue(BeijingTime.Date(a), c.ExtensionDays, _rules, _calendar);
            (c.HandlingDue, c.HandlingDueProvisional) = (d.Date, d.Provisional);
        }
    }

    /// <summary>The effective due days of a case (provisional ones recomputed, nothing written) and its overdue flags on <paramref name="today"/>.</summary>
    private ComplaintDeadlinesView Deadlines(Complaint c, DateOnly today, DateOnly? recheckFrom)
    {
        var acceptance = c.AcceptanceDueProvisional ? ComplaintDeadlines.AcceptanceDue(c.RegisteredOn, _rules, _calendar) : new ComplaintDue(c.AcceptanceDue, false);
        ComplaintDue? handling = c.HandlingDue is not { } h ? null
            : c.HandlingDueProvisional && c.AcceptedAt is { } a ? ComplaintDeadlines.HandlingDue(BeijingTime.Date(a), c.ExtensionDays, _rules, _calendar)
            : new ComplaintDue(h, false);
        var acceptanceOverdue = c.State == StoredComplaintState.Registered && ComplaintDeadlines.Overdue(acceptance, today);
        var handlingOverdue = BeingHandled.Contains(c.State) && handling is { } hd && ComplaintDeadlines.Overdue(hd, today);
        DateOnly? review = c.RepliedAt is { } r ? ComplaintDeadlines.ReviewRequestDue(BeijingTime.Date(r), _rules, _calendar).Date : null;
        DateOnly? recheck = recheckFrom is { } rf ? ComplaintDeadlines.RecheckRequestDue(rf, _rules, _calendar).Date : null;
        return new ComplaintDeadlinesView(acceptance.Date, acceptance.Provisional, acceptanceOverdue, handling?.Date, handling?.Provisional ?? false,
            handlingOverdue, review, recheck);
    }

    private static DuplicateCandidate Candidate(Complaint c, IEnumerable<string> codes) =>
        new(c.Id, c.RegisteredAt, c.Latitude, c.Longitude,
            codes.Select(PollutionTypes.TopOf).Distinct(StringComparer.Ordinal).ToList(), c.ReportedUscc);

    private async Task<IReadOnlyList<ComplaintRow>> RowsAsync(List<Complaint> list, DateOnly today, CancellationToken ct)
    {
        var ids = list.Select(c => c.Id).ToList();
        var types = (await db.ComplaintTypes.AsNoTracking().Where(t => ids.Contains(t.ComplaintId)).Select(t => new { t.ComplaintId, t.Code }).ToListAsync(ct))
            .ToLookup(t => t.ComplaintId, t => t.Code);
        var masterIds = list.Where(c => c.MergedIntoId is not null).Select(c => c.MergedIntoId!.Value).Distinct().ToList();
        var masters = await db.Complaints.AsNoTracking().Where(c => masterIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        return list.Select(c =>
        {
            var d = Deadlines(c, today, null);
            return new ComplaintRow(c.Number, ComplaintNames.Snake(c.State), ComplaintNames.Snake(c.Channel), ComplaintNames.Snake(c.Urgency), c.RegisteredAt,
                types[c.Id].Order(StringComparer.Ordinal).ToList(),
                c.StreetCode, DistrictStreets.Find(c.StreetCode)?.Name, c.Address, c.ReportedName, d.AcceptanceDue, d.AcceptanceOverdue, d.HandlingDue,
                d.HandlingOverdue, d.AcceptanceDueProvisional || d.HandlingDueProvisional, c.AssigneeName, ComplaintNames.Snake(c.Verification), c.RepliedAt,
                c.MergedIntoId is { } m ? masters.GetValueOrDefault(m) : null);
        }).ToList();
    }

    private async Task<IReadOnlyList<ComplaintEventView>> EventViewsAsync(long id, CancellationToken ct) =>
        await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.Id)
            .Select(e => new ComplaintEventView(e.Trigger, ComplaintNames.Snake(e.FromState), ComplaintNames.Snake(e.ToState), e.By, e.At, e.Note)).ToListAsync(ct);

    private async Task<IReadOnlyList<DuplicateProposal>> DuplicateViewsAsync(long id, CancellationToken ct)
    {
        var pairs = await db.ComplaintDuplicates.AsNoTracking().Where(d => d.ComplaintId == id || d.CandidateId == id).OrderBy(d => d.Id).ToListAsync(ct);
        var otherIds = pairs.Select(d => d.ComplaintId == id ? d.CandidateId : d.ComplaintId).Distinct().ToList();
        var others = await db.Complaints.AsNoTracking().Where(c => otherIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.State, c.RegisteredAt }).ToDictionaryAsync(c => c.Id, ct);
        return pairs.Where(d => others.ContainsKey(d.ComplaintId == id ? d.CandidateId : d.ComplaintId)).Select(d =>
        {
            var o = others[d.ComplaintId == id ? d.CandidateId : d.ComplaintId];
            return new DuplicateProposal(o.Number, ComplaintNames.Snake(o.State), o.RegisteredAt, ComplaintNames.Snake(d.Reason), d.DistanceM, d.ProposedAt,
                ComplaintNames.Snake(d.Decision), d.DecidedBy, d.DecidedAt);
        }).ToList();
    }

    private async Task<ComplaintView> ViewAsync(Complaint c, bool withReporter, DateOnly today, CancellationToken ct)
    {
        var types = await db.ComplaintTypes.AsNoTracking().Where(t => t.ComplaintId == c.Id).Select(t => t.Code).ToListAsync(ct);
        var photos = await db.ComplaintPhotos.AsNoTracking().Where(p => p.ComplaintId == c.Id).OrderBy(p => p.Seq).Select(p => p.Seq).ToListAsync(ct);
        var events = await EventViewsAsync(c.Id, ct);
        var duplicates = await DuplicateViewsAsync(c.Id, ct);
        var extensions = await db.ComplaintExtensions.AsNoTracking().Where(e => e.ComplaintId == c.Id).OrderBy(e => e.Id)
            .Select(e => new ComplaintExtensionView(e.Days, e.Approver, e.Reason, e.RecordedBy, e.At, e.ReporterToldAt)).ToListAsync(ct);
        var mergedCases = await db.Complaints.AsNoTracking().Where(x => x.MergedIntoId == c.Id).OrderBy(x => x.Id).Select(x => x.Number).ToListAsync(ct);
        var master = c.MergedIntoId is { } mid ? await db.Complaints.AsNoTracking().Where(x => x.Id == mid).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        ComplaintReporterView? reporter = null;
        if (withReporter)
            reporter = await db.ComplaintReporters.AsNoTracking().Where(r => r.ComplaintId == c.Id)
                .Select(r => new ComplaintReporterView(r.Name, r.Phone, r.Email, r.Anonymous, r.WantsReply)).FirstOrDefaultAsync(ct);
        var reviewDecided = events.LastOrDefault(e => e.Trigger == ComplaintWorkflow.Name(ComplaintTrigger.DecideReview)) is { } rd ? BeijingTime.Date(rd.At) : (DateOnly?)null;
        var actions = Permitted(Workflow(c, events.Select(e => e.Trigger)));
        return new ComplaintView(c.Number, ComplaintNames.Snake(c.State), ComplaintNames.Snake(c.Channel), ComplaintNames.Snake(c.Urgency), c.RegisteredAt,
            c.RegisteredOn, c.OccurredAt, c.Content, c.Address, c.StreetCode, DistrictStreets.Find(c.StreetCode)?.Name, c.Latitude, c.Longitude, c.ReportedName,
            c.ReportedUscc, c.IndustryCode, c.SourceRef, c.CreatedBy, c.AcceptedAt, c.AcceptedBy, ComplaintNames.Snake(c.NotAcceptedReason), c.NotAcceptedNote,
            c.LinkedNumber, ComplaintNames.Snake(c.AssigneeKind), c.AssigneeCode, c.AssigneeName, c.AssignedAt, c.Findings, ComplaintNames.Snake(c.Verification),
            c.CheckedAt, c.RepliedAt, c.Reply, ComplaintNames.Snake(c.Satisfaction), c.VisitedAt, c.VisitNote, c.ClosedAt, master,
            c.ExtensionDays, c.Version, c.UpdatedAt, types.Order(StringComparer.Ordinal).ToList(), photos, Deadlines(c, today, reviewDecided), actions,
            mergedCases, events, duplicates, extensions, reporter);
    }

    /// <summary>The audit snapshot of a view: the case's own fields (no events, pairs, extensions; never the reporter).</summary>
    private static ComplaintView Snapshot(ComplaintView v) => v with { Events = [], Duplicates = [], Extensions = [], Reporter = null };

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Cut(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];

    private static string? Text(string? s, string field, int max, Dictionary<string, string[]> errors)
    {
        var t = Trim(s);
        if (t is not null && t.Length > max) errors[field] = [$"at most {max} characters"];
        return t;
    }
}
