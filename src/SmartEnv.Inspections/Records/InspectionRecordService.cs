using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Credit;

namespace SmartEnv.Inspections.Records;

/// <summary>One finding to record. Immutable; thread-safe.</summary>
/// <param name="Item">The checked item (抽查事项, e.g. 危险废物规范化管理).</param>
/// <param name="Outcome">Compliant or problem.</param>
/// <param name="Category">Problem category (required for a problem, null when compliant).</param>
/// <param name="CreditItemCode">The credit-rules.tsv item the problem proves (evidence kind inspection_finding), or null.</param>
/// <param name="Description">What was found, or null.</param>
public sealed record FindingInput(string Item, StoredFindingOutcome Outcome, string? Category = null, string? CreditItemCode = null, string? Description = null);

/// <summary>One photo or document to store with a record. Immutable; thread-safe.</summary>
/// <param name="FileName">File name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Content">The bytes (1 … <see cref="InspectionAttachment.MaxBytes"/>).</param>
public sealed record AttachmentInput(string FileName, string ContentType, byte[] Content);

/// <summary>An inspection to record. Immutable; thread-safe.</summary>
/// <param name="TaskId">The drawn task, or null for an inspection outside the draw (then <paramref name="Uscc"/> is required).</param>
/// <param name="Uscc">The enterprise; null takes the task's (must equal it when both are given).</param>
/// <param name="InspectedAt">When.</param>
/// <param name="Inspectors">Certificate numbers (at least 2: 行政处罚法 Art. 42 [U], the draw's rule).</param>
/// <param name="ItemsChecked">Items checked (at least 1).</param>
/// <param name="Findings">Findings (at least 1).</param>
/// <param name="Summary">Summary, or null.</param>
/// <param name="Attachments">Photos and documents, or null.</param>
public sealed record InspectionInput(long? TaskId, string? Uscc, DateTimeOffset InspectedAt, IReadOnlyList<string> Inspectors,
    IReadOnlyList<string> ItemsChecked, IReadOnlyList<FindingInput> Findings, string? Summary = null, IReadOnlyList<AttachmentInput>? Attachments = null);

/// <summary>
/// Inspection records, findings, attachments and rectification orders (issue 19 P4). Recording an inspection of a drawn
/// task finishes the task. A problem finding may carry the credit item it proves (checked against credit-rules.tsv: the
/// item must exist and take evidence <c>inspection_finding</c>); the credit job counts it with evidence id <c>F</c> + the
/// finding id. A rectification order's due day is the issue day + N working days on the <see cref="WorkdayCalendar"/>
/// (the issue day not counted; provisional when the year has no notice loaded); a follow-up check records rectified / not
/// rectified (not rectified counts as credit item <c>management.order</c>, evidence <c>R</c> + order id). Every change
/// writes one audit entry in its transaction (<c>inspection.task.start</c>, <c>inspection.record</c>,
/// <c>rectification.issue</c>, <c>rectification.follow_up</c>). Staff scope. Not thread-safe (one per unit of work).
/// </summary>
/// <param name="db">The context (staff scope).</param>
/// <param name="time">Clock.</param>
/// <param name="creditRules">Credit rules (item check); default <see cref="CreditRules.Default"/>.</param>
/// <param name="calendar">Working-day calendar; default <see cref="WorkdayCalendar.China"/>.</param>
public sealed class InspectionRecordService(SmartEnvDbContext db, TimeProvider time, CreditRules? creditRules = null, WorkdayCalendar? calendar = null)
{
    private readonly CreditRules _credit = creditRules ?? CreditRules.Default;
    private readonly WorkdayCalendar _calendar = calendar ?? WorkdayCalendar.China;

    /// <summary>Marks a drawn task started (the draw result may then be published).</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="at">When it started.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="InspectionException">404 no task; 409 not pending.</exception>
    public async Task<InspectionTask> StartTaskAsync(long taskId, DateTimeOffset at, AuditActor actor, CancellationToken ct = default)
    {
        var task = await db.InspectionTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new InspectionException(404, $"no task {taskId}");
        if (task.Status != StoredInspectionTaskStatus.Pending) throw new InspectionException(409, $"task {taskId} is not pending");
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        task.Status = StoredInspectionTaskStatus.Started;
        task.StartedAt = at;
        await AuditTrail.AppendAsync(db, actor, "inspection.task.start", InspectionAudit.TargetTask, task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { status = "pending" }, new { status = "started", started_at = at }, null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return task;
    }

    /// <summary>Records an inspection with its findings and attachments; a drawn task becomes finished.</summary>
    /// <param name="input">The inspection.</param>
    /// <param name="actor">Who records it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="InspectionException">400 invalid input (names the field); 404 no such task; 409 the task is finished.</exception>
    public async Task<InspectionRecord> RecordAsync(InspectionInput input, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        InspectionTask? task = null;
        if (input.TaskId is { } tid)
        {
            task = await db.InspectionTasks.SingleOrDefaultAsync(t => t.Id == tid, ct) ?? throw new InspectionException(404, $"no task {tid}");
            if (task.Status == StoredInspectionTaskStatus.Finished) throw new InspectionException(409, $"task {tid} is finished");
            if (input.Uscc is not null && input.Uscc != task.Uscc) throw new InspectionException(409, $"uscc: {input.Uscc} is not the task's enterprise {task.Uscc}");
        }
        var uscc = task?.Uscc ?? input.Uscc ?? throw new InspectionException(400, "uscc: required without a task");
        if (input.Inspectors is null || input.Inspectors.Any(string.IsNullOrWhiteSpace) || input.Inspectors.Count < 2) throw new InspectionException(400, "inspectors: at least 2");
        var given = input.Inspectors.Select(i => i.Trim()).ToList();
        if (given.Distinct(StringComparer.Ordinal).Count() != given.Count) throw new InspectionException(400, "inspectors: each at most once");
        var known = await db.Users.AsNoTracking().Where(u => u.EnforcementCertificate != null && !u.Disabled && given.Contains(u.EnforcementCertificate))
            .Select(u => u.EnforcementCertificate!).ToListAsync(ct);
        var unknown = given.Where(g => !known.Contains(g, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0) throw new InspectionException(400, $"inspectors: {string.Join(',', unknown)} is not the enforcement certificate of an enabled account");
        if (input.InspectedAt > time.GetUtcNow()) throw new InspectionException(400, "inspected_at: in the future");
        if (!await db.Enterprises.AsNoTracking().AnyAsync(e => e.Uscc == uscc, ct)) throw new InspectionException(400, $"uscc: {uscc} is not in the enterprise registry");
        if (task is not null)
        {
            var drawn = await db.InspectionTaskInspectors.AsNoTracking().Where(i => i.TaskId == task.Id).OrderBy(i => i.Position).Select(i => i.InspectorId).ToListAsync(ct);
            if (!drawn.ToHashSet(StringComparer.Ordinal).SetEquals(given))
                throw new InspectionException(409, $"inspectors: drawn {string.Join(',', drawn)}, given {string.Join(',', given)} (substitution is not supported)");
        }
        if (input.ItemsChecked is null || input.ItemsChecked.Count == 0) throw new InspectionException(400, "items_checked: at least 1");
        var checkedItems = input.ItemsChecked.Where(i => i is not null).Select(i => i.Trim()).ToHashSet(StringComparer.Ordinal);
        if (input.Findings is null || input.Findings.Count == 0) throw new InspectionException(400, "findings: at least 1");
        var inspectors = string.Join(',', input.Inspectors.Select(i => i.Trim()));
        var items = string.Join(',', input.ItemsChecked.Select(i => i.Trim()));
        if (inspectors.Length > InspectionRecord.ListLength || items.Length > InspectionRecord.ListLength)
            throw new InspectionException(400, $"inspectors or items_checked longer than {InspectionRecord.ListLength} characters");
        if (input.Summary is { Length: > InspectionRecord.TextLength }) throw new InspectionException(400, "summary too long");
        for (var i = 0; i < input.Findings.Count; i++)
        {
            var f = input.Findings[i];
            if (string.IsNullOrWhiteSpace(f.Item) || f.Item.Length > InspectionFinding.CodeLength) throw new InspectionException(400, $"findings[{i}].item: required, ≤ {InspectionFinding.CodeLength}");
            if (f.Description is { Length: > InspectionFinding.TextLength }) throw new InspectionException(400, $"findings[{i}].description too long");
            if (!checkedItems.Contains(f.Item.Trim())) throw new InspectionException(400, $"findings[{i}].item: '{f.Item}' is not one of items_checked");
            if (f.Outcome == StoredFindingOutcome.Compliant)
            {
                if (f.Category is not null || f.CreditItemCode is not null) throw new InspectionException(400, $"findings[{i}]: a compliant finding has no category or credit item");
                continue;
            }
            if (string.IsNullOrWhiteSpace(f.Category) || f.Category.Length > InspectionFinding.CodeLength) throw new InspectionException(400, $"findings[{i}].category: required for a problem");
            if (f.CreditItemCode is not null && (!_credit.TryGetItem(f.CreditItemCode, out var item) || item!.Evidence != CreditEvidenceKind.InspectionFinding))
                throw new InspectionException(400, $"findings[{i}].credit_item_code: '{f.CreditItemCode}' is not a credit item proved by an inspection finding ({_credit.Version})");
        }
        var attachments = input.Attachments ?? [];
        for (var i = 0; i < attachments.Count; i++)
        {
            var a = attachments[i];
            if (a.Content is null || a.Content.Length == 0 || a.Content.Length > InspectionAttachment.MaxBytes) throw new InspectionException(400, $"attachments[{i}]: 1 … {InspectionAttachment.MaxBytes} bytes");
            if (string.IsNullOrWhiteSpace(a.FileName) || a.FileName.Length > InspectionAttachment.FileNameLength) throw new InspectionException(400, $"attachments[{i}].file_name");
            if (string.IsNullOrWhiteSpace(a.ContentType) || a.ContentType.Length > InspectionAttachment.ContentTypeLength) throw new InspectionException(400, $"attachments[{i}].content_type");
        }

        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var record = new InspectionRecord
        {
            TaskId = task?.Id, Uscc = uscc, InspectedAt = input.InspectedAt, Inspectors = inspectors, ItemsChecked = items, Summary = input.Summary,
            RecordedBy = actor.Name.Length <= 64 ? actor.Name : actor.Name[..64], RecordedAt = now,
        };
        db.InspectionRecords.Add(record);
        if (task is not null)
        {
            task.Status = StoredInspectionTaskStatus.Finished;
            task.StartedAt ??= input.InspectedAt;
        }
        await db.SaveChangesAsync(ct);
        var seq = 0;
        foreach (var f in input.Findings)
            db.InspectionFindings.Add(new InspectionFinding
            {
                RecordId = record.Id, Seq = ++seq, Item = f.Item.Trim(), Outcome = f.Outcome, Category = f.Category?.Trim(), CreditItemCode = f.CreditItemCode, Description = f.Description,
            });
        seq = 0;
        foreach (var a in attachments)
            db.InspectionAttachments.Add(new InspectionAttachment
            {
                RecordId = record.Id, Seq = ++seq, FileName = a.FileName, ContentType = a.ContentType, Content = a.Content, Bytes = a.Content.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(a.Content)),
            });
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "inspection.record", InspectionAudit.TargetRecord, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { uscc, task = task?.Id, inspected_at = input.InspectedAt, inspectors, items, findings = input.Findings.Count, problems = input.Findings.Count(f => f.Outcome == StoredFindingOutcome.Problem), attachments = attachments.Count },
            null, now, ct);
        await tx.CommitAsync(ct);
        return record;
    }

    /// <summary>The findings of a record in order.</summary>
    /// <param name="recordId">The record.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<InspectionFinding>> FindingsAsync(long recordId, CancellationToken ct = default) =>
        await db.InspectionFindings.AsNoTracking().Where(f => f.RecordId == recordId).OrderBy(f => f.Seq).ToListAsync(ct);

    /// <summary>Issues a rectification order on a problem finding, due <paramref name="workdays"/> working days after
    /// <paramref name="issuedOn"/>.</summary>
    /// <param name="findingId">The finding (a problem, without an order yet).</param>
    /// <param name="issuedOn">The Beijing issue day (not counted).</param>
    /// <param name="workdays">Working days given, 1 … 365.</param>
    /// <param name="actor">Who issues it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored order.</returns>
    /// <exception cref="InspectionException">400 days out of range; 404 no finding; 409 compliant finding or an order exists.</exception>
    public async Task<RectificationOrder> IssueRectificationAsync(long findingId, DateOnly issuedOn, int workdays, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (workdays is < 1 or > 365) throw new InspectionException(400, "workdays: 1 … 365");
        var finding = await db.InspectionFindings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == findingId, ct) ?? throw new InspectionException(404, $"no finding {findingId}");
        if (finding.Outcome != StoredFindingOutcome.Problem) throw new InspectionException(409, $"finding {findingId} is compliant");
        if (await db.RectificationOrders.AnyAsync(o => o.FindingId == findingId, ct)) throw new InspectionException(409, $"finding {findingId} has an order");
        var inspectedAt = await db.InspectionRecords.AsNoTracking().Where(r => r.Id == finding.RecordId).Select(r => r.InspectedAt).SingleAsync(ct);
        var inspectionDay = BeijingTime.Date(inspectedAt);
        if (issuedOn < inspectionDay) throw new InspectionException(400, $"issued_on: {issuedOn:yyyy-MM-dd} is before the inspection day {inspectionDay:yyyy-MM-dd}");
        var (due, provisional) = _calendar.AddWorkdaysOrEstimate(issuedOn, workdays);
        var order = new RectificationOrder
        {
            FindingId = findingId, IssuedOn = issuedOn, Workdays = workdays, DueOn = due, DueProvisional = provisional,
            IssuedBy = actor.Name.Length <= 64 ? actor.Name : actor.Name[..64],
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.RectificationOrders.Add(order);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "rectification.issue", InspectionAudit.TargetOrder, order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { finding = findingId, issued_on = issuedOn, workdays, due_on = due, due_provisional = provisional }, null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return order;
    }

    /// <summary>Records the follow-up check of an order.</summary>
    /// <param name="orderId">The order (without a follow-up yet).</param>
    /// <param name="on">The Beijing day of the check.</param>
    /// <param name="result">Rectified or not.</param>
    /// <param name="note">Note, or null.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The updated order.</returns>
    /// <exception cref="InspectionException">400 the day is before the issue day or the note is too long; 404 no order;
    /// 409 already followed up.</exception>
    public async Task<RectificationOrder> FollowUpAsync(long orderId, DateOnly on, StoredFollowUpResult result, string? note, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var order = await db.RectificationOrders.SingleOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new InspectionException(404, $"no order {orderId}");
        if (order.FollowUpResult is not null) throw new InspectionException(409, $"order {orderId} was followed up");
        if (on < order.IssuedOn) throw new InspectionException(400, "follow-up day before the issue day");
        if (note is { Length: > RectificationOrder.NoteLength }) throw new InspectionException(400, "note too long");
        if (result == StoredFollowUpResult.NotRectified && on < order.DueOn)
            throw new InspectionException(409, $"result: not_rectified before the due day {order.DueOn:yyyy-MM-dd} (整改期限未到)");
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        order.FollowUpOn = on;
        order.FollowUpResult = result;
        order.Note = note;
        await AuditTrail.AppendAsync(db, actor, "rectification.follow_up", InspectionAudit.TargetOrder, order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { follow_up_on = on, result, overdue = on > order.DueOn }, note, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return order;
    }
}
