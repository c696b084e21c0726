using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Calendar;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Inspections.Draw;

/// <summary>What <see cref="DrawPlanService.FreezeAsync"/> needs. Immutable; thread-safe.</summary>
/// <param name="PlanId">Plan id, e.g. <c>SJ-2025Q1</c> (unique).</param>
/// <param name="District">District code (<c>500105</c> 江北区).</param>
/// <param name="Quarter"><c>YYYYQn</c>.</param>
/// <param name="CommitmentHash">SHA-256 of the organiser's secret, 64 lowercase hex digits (the secret stays with the
/// organiser until commit).</param>
/// <param name="Rules">The rules of the plan, or null for the defaults of draw-rules.tsv.</param>
public sealed record DrawFreezeRequest(string PlanId, string District, string Quarter, string CommitmentHash, DrawRuleSet? Rules = null);

/// <summary>
/// The 双随机 draw plans in the store (issue 19 P4; algorithm docs/inspections.md "The draw (P1)"):
/// <list type="number">
/// <item><b>Freeze</b> (<see cref="FreezeAsync"/>): the 监管对象库 from the enterprise registry, in USCC order: class
/// <c>special</c> when <c>enterprises.special_supervision_reason</c> is set, else <c>key</c> when <c>is_key_discharger</c>,
/// else <c>general</c>; the grade from the current stored credit grade (<see cref="CreditGrades"/>, mapped by
/// <see cref="DrawGradeMap"/>); positive list from <c>on_positive_list</c>; last inspectors from the latest inspection
/// record of the enterprise (certificates mapped to the pseudonyms below; one not in the list is dropped: he can be neither
/// drawn nor recused). The 执法检查人员名录库 from the enabled accounts with an enforcement certificate, in certificate
/// order, with their department and declared conflicts, each named only by the pseudonym of its position
/// (<see cref="Pseudonym"/>: <c>JC-01</c>, <c>JC-02</c>, …; id and name both) and its department only by a code
/// (<see cref="DepartmentCode"/>: <c>KS-1</c>, … in order of first appearance), so that the plan JSON carries no personal
/// data and can be published whole. The canonical plan JSON (no public value, secret or result) is stored with the commitment
/// hash, and the staff-only key pseudonym → account, certificate, name in <c>draw_plan_inspectors</c>
/// (<see cref="DrawPlanInspector"/>) in the same transaction; status frozen.</item>
/// <item><b>Commit</b> (<see cref="CommitAsync"/>): the revealed secret and the public value are put in the stored plan and
/// <see cref="DrawEngine.Run"/> draws (it checks sha256(secret) = the commitment hash; a mismatch stores nothing); the
/// complete plan JSON, the result (pseudonyms) and one <c>inspection_tasks</c> row per drawn object are stored, its
/// inspectors as certificate numbers (pseudonym → certificate through the key);
/// the publication due day is the committed Beijing day + <see cref="DrawRules.PublicationWorkdays"/> working days (row
/// <c>publication.workdays</c>, 20 [U]); status committed (result visible only to staff).</item>
/// <item><b>Publish</b> (<see cref="PublishAsync"/>): status published.</item>
/// </list>
/// Each step writes one audit entry (<c>draw.freeze</c>, <c>draw.commit</c>, <c>draw.publish</c>, target
/// <see cref="InspectionAudit.TargetPlan"/>) in the transaction of the change. The context must be unrestricted
/// (<see cref="DataScope.All"/>). Not thread-safe (one per unit of work, as its context).
/// </summary>
/// <param name="db">The context (staff or job scope).</param>
/// <param name="time">Clock (Beijing freezing and commit days).</param>
/// <param name="rules">Draw rules; default <see cref="DrawRules.Default"/>.</param>
/// <param name="calendar">Working-day calendar; default <see cref="WorkdayCalendar.China"/>.</param>
public sealed partial class DrawPlanService(SmartEnvDbContext db, TimeProvider time, DrawRules? rules = null, WorkdayCalendar? calendar = null)
{
    private readonly DrawRules _rules = rules ?? DrawRules.Default;
    private readonly WorkdayCalendar _calendar = calendar ?? WorkdayCalendar.China;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HashPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex PlanIdPattern();

    [GeneratedRegex("^(?<y>[0-9]{4})Q(?<q>[1-4])$")]
    private static partial Regex QuarterPattern();

    /// <summary>The plan frozen from the store's registry and accounts as it would be now (nothing stored): see the class
    /// remarks for the lists.</summary>
    /// <param name="request">Header, commitment hash, rules.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The plan (no public value, secret or result).</returns>
    /// <exception cref="InspectionException">400: the commitment hash is not 64 lowercase hex, the plan id is not 1–32 of
    /// <c>[A-Za-z0-9_-]</c>, the quarter is not YYYYQn or ended before today (Beijing), or the plan is invalid
    /// (<see cref="DrawEngine.Explain"/>: ids, rules).</exception>
    public async Task<DrawPlan> BuildAsync(DrawFreezeRequest request, CancellationToken ct = default) => (await BuildWithKeyAsync(request, ct)).Plan;

    /// <summary>The pseudonym of the inspector at <paramref name="position"/> (1-based) of a frozen list: <c>JC-</c> and the
    /// position with at least two digits (<c>JC-01</c> … <c>JC-99</c>, <c>JC-100</c>, …). Pure; thread-safe.</summary>
    /// <param name="position">1, 2, … in certificate order.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> &lt; 1.</exception>
    public static string Pseudonym(int position)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        return "JC-" + position.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The code of the <paramref name="ordinal"/>-th distinct department (1-based, in order of first appearance in
    /// the frozen inspector list): <c>KS-1</c>, <c>KS-2</c>, …. Pure; thread-safe.</summary>
    /// <param name="ordinal">1, 2, ….</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ordinal"/> &lt; 1.</exception>
    public static string DepartmentCode(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        return "KS-" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record InspectorKey(string Pseudonym, int Position, long UserId, string Certificate, string Name, string Department, string DepartmentCode);

    private async Task<(DrawPlan Plan, IReadOnlyList<InspectorKey> Key)> BuildWithKeyAsync(DrawFreezeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CommitmentHash is null || !HashPattern().IsMatch(request.CommitmentHash))
            throw new InspectionException(400, "commitment hash must be 64 lowercase hex digits (sha256 of the secret)");
        if (request.PlanId is null || !PlanIdPattern().IsMatch(request.PlanId))
            throw new InspectionException(400, "plan id: 1–32 letters, digits, '-' or '_', starting with a letter or digit (it is a file and URL name)");
        // A plan is drawn for a quarter that has not ended: a past quarter's draw would be a paper exercise.
        if (request.Quarter is null || QuarterPattern().Match(request.Quarter) is not { Success: true } qm)
            throw new InspectionException(400, $"quarter '{request.Quarter}' is not YYYYQn");
        var quarterEnd = new DateOnly(int.Parse(qm.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(qm.Groups["q"].Value, System.Globalization.CultureInfo.InvariantCulture) * 3, 1).AddMonths(1).AddDays(-1);
        if (quarterEnd < BeijingTime.Today(time))
            throw new InspectionException(400, $"quarter {request.Quarter} ended on {quarterEnd:yyyy-MM-dd}, before today");
        var enterprises = await db.Enterprises.AsNoTracking()
            .Select(e => new { e.Uscc, e.Name, e.IsKeyDischarger, e.SpecialSupervisionReason, e.OnPositiveList }).ToListAsync(ct);
        enterprises.Sort((a, b) => string.CompareOrdinal(a.Uscc, b.Uscc));
        var usccs = enterprises.Select(e => e.Uscc).ToList();
        var grades = await CreditGrades.CurrentAsync(db, usccs, ct);
        var records = await db.InspectionRecords.AsNoTracking().Select(r => new { r.Id, r.Uscc, r.InspectedAt, r.Inspectors }).ToListAsync(ct);
        var last = records.GroupBy(r => r.Uscc, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.InspectedAt).ThenByDescending(r => r.Id).First().Inspectors, StringComparer.Ordinal);
        var users = await db.Users.AsNoTracking().Where(u => u.EnforcementCertificate != null && !u.Disabled)
            .Select(u => new { u.Id, u.EnforcementCertificate, u.DisplayName, u.UserName, u.Department }).ToListAsync(ct);
        users.Sort((a, b) => string.CompareOrdinal(a.EnforcementCertificate, b.EnforcementCertificate));
        // Departments are published only as codes (KS-1, … in order of first appearance): the draw's department rule reads
        // equality only, and a real department next to a pseudonym and its declared conflicts could name the person.
        var departmentCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        string CodeOf(string department) =>
            departmentCodes.TryGetValue(department, out var c) ? c : departmentCodes[department] = DepartmentCode(departmentCodes.Count + 1);
        var key = users.Select((u, i) => new InspectorKey(Pseudonym(i + 1), i + 1, u.Id, u.EnforcementCertificate!, u.DisplayName ?? u.UserName ?? u.EnforcementCertificate!,
            u.Department ?? "", CodeOf(u.Department ?? ""))).ToList();
        var byCertificate = key.ToDictionary(k => k.Certificate, k => k.Pseudonym, StringComparer.Ordinal);
        // Last inspectors are recorded by certificate; one who is not in the frozen list is dropped (cannot be drawn anyway).
        IReadOnlyList<string> LastPseudonyms(string list) => [.. SplitList(list).Where(byCertificate.ContainsKey).Select(c => byCertificate[c])];
        var objects = enterprises.Select(e => new DrawObject(
            e.Uscc, e.Name,
            e.SpecialSupervisionReason is not null ? ObjectClass.Special : e.IsKeyDischarger ? ObjectClass.Key : ObjectClass.General,
            e.SpecialSupervisionReason,
            DrawGradeMap.From(grades.TryGetValue(e.Uscc, out var g) ? g : null),
            e.OnPositiveList,
            last.TryGetValue(e.Uscc, out var l) ? LastPseudonyms(l) : [])).ToList();

        var conflicts = await db.InspectorConflicts.AsNoTracking().Select(c => new { c.UserId, c.Uscc }).ToListAsync(ct);
        var inspectors = users.Select((u, i) => new DrawInspector(key[i].Pseudonym, key[i].Pseudonym, key[i].DepartmentCode,
            [.. conflicts.Where(c => c.UserId == u.Id).Select(c => c.Uscc).Order(StringComparer.Ordinal)])).ToList();

        var plan = new DrawPlan(new DrawPlanHeader(request.PlanId, request.District, request.Quarter, BeijingTime.Today(time)),
            request.Rules ?? _rules.ToRuleSet(), objects, inspectors, new DrawCommitment(request.CommitmentHash, null, null), null);
        try { DrawEngine.Explain(plan); }
        catch (DrawException e) { throw new InspectionException(400, e.Message, e); }
        return (plan, key);
    }

    /// <summary>Freezes a plan (see the class remarks) and stores it with status frozen.</summary>
    /// <param name="request">Header, commitment hash, rules.</param>
    /// <param name="actor">The organiser (its name is stored as the organiser).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored row.</returns>
    /// <exception cref="InspectionException">400 as <see cref="BuildAsync"/>, or an object has too few eligible inspectors
    /// (<see cref="DrawEngine.Understaffed"/>; the message names up to ten); 409 the plan id exists, the district has a plan
    /// for the quarter, or the commitment hash was used by another plan.</exception>
    public async Task<DrawPlanRecord> FreezeAsync(DrawFreezeRequest request, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (plan, key) = await BuildWithKeyAsync(request, ct);
        // Refuse now what the commit could not draw (a frozen plan cannot be changed): every object must have enough
        // eligible inspectors, whatever the seed picks.
        if (DrawEngine.Understaffed(plan) is { Count: > 0 } under)
            throw new InspectionException(400, $"too few eligible inspectors (after conflicts and last-time recusal; {plan.Rules.InspectorsPerTask} needed) for "
                + string.Join(", ", under.Take(10).Select(u => $"{u.Object.Id} {u.Object.Name}: {u.Eligible}")) + (under.Count > 10 ? $" and {under.Count - 10} more" : ""));
        if (await db.DrawPlans.AnyAsync(p => p.PlanId == request.PlanId, ct))
            throw new InspectionException(409, $"plan {request.PlanId} exists");
        // One plan per district and quarter, and a commitment used once: otherwise an organiser who holds the secrets could
        // freeze several plans (or reuse one secret) and commit or publish the result he likes.
        if (await db.DrawPlans.AnyAsync(p => p.District == request.District && p.Quarter == request.Quarter, ct))
            throw new InspectionException(409, $"district {request.District} has a plan for {request.Quarter} already");
        if (await db.DrawPlans.AnyAsync(p => p.CommitmentHash == request.CommitmentHash, ct))
            throw new InspectionException(409, "this commitment hash was used by another plan: generate a new secret (smartenv draw secret)");
        var now = time.GetUtcNow();
        var row = new DrawPlanRecord
        {
            PlanId = request.PlanId, District = request.District, Quarter = request.Quarter, Status = StoredDrawPlanStatus.Frozen,
            FrozenAt = plan.Plan.FrozenAt, DrawPlanJson = DrawPlanJson.Write(plan), CommitmentHash = request.CommitmentHash,
            RulesVersion = plan.Rules.Version, Organiser = Cut(actor.Name, DrawPlanRecord.NameLength), CreatedAt = now, Version = 1,
        };
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        db.DrawPlans.Add(row);
        await db.SaveChangesAsync(ct);
        db.DrawPlanInspectors.AddRange(key.Select(k => new DrawPlanInspector
        {
            PlanId = row.Id, Pseudonym = k.Pseudonym, Position = k.Position, UserId = k.UserId, Certificate = k.Certificate,
            Name = Cut(k.Name, DrawPlanRecord.NameLength), Department = Cut(k.Department, DrawPlanRecord.NameLength), DepartmentCode = k.DepartmentCode,
        }));
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, actor, "draw.freeze", InspectionAudit.TargetPlan, row.PlanId, null,
            new { status = "frozen", frozen_at = row.FrozenAt, objects = plan.Objects.Count, inspectors = plan.Inspectors.Count, commitment = row.CommitmentHash, rules = row.RulesVersion },
            null, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Commits a frozen plan: reveals the secret, enters the public value, draws and stores the result and the
    /// tasks (see the class remarks).</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="secretHex">The secret, lowercase hex (≥ 16 bytes), whose SHA-256 is the published commitment hash.</param>
    /// <param name="publicValue">The public value as published (e.g. "上证指数 2025-01-06 收盘 3206.92").</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The updated row.</returns>
    /// <exception cref="InspectionException">404 no such plan; 403 the actor is not the plan's organiser; 409 the plan is not
    /// frozen; 400 the draw refused
    /// (<see cref="DrawException"/>: wrong secret, missing public value, too few eligible inspectors …) — nothing stored.</exception>
    public async Task<DrawPlanRecord> CommitAsync(string planId, string secretHex, string publicValue, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await db.DrawPlans.SingleOrDefaultAsync(p => p.PlanId == planId, ct) ?? throw new InspectionException(404, $"no plan {planId}");
        // Only the organiser who froze the plan (and holds its secret) commits it.
        if (!string.Equals(row.Organiser, Cut(actor.Name, DrawPlanRecord.NameLength), StringComparison.Ordinal))
            throw new InspectionException(403, $"plan {planId} is committed by its organiser {row.Organiser} only");
        if (row.Status != StoredDrawPlanStatus.Frozen || row.DrawPlanJson is null)
            throw new InspectionException(409, $"plan {planId} is {SnakeCaseEnumConverter<StoredDrawPlanStatus>.ToSnake(row.Status.ToString())}, not frozen");
        if (publicValue is not null && publicValue.Length > DrawPlanRecord.PublicValueLength)
            throw new InspectionException(400, $"public value longer than {DrawPlanRecord.PublicValueLength} characters");
        if (secretHex is not null && secretHex.Length > DrawPlanRecord.SecretLength)
            throw new InspectionException(400, $"secret longer than {DrawPlanRecord.SecretLength} hex digits");
        var frozen = DrawPlanJson.Read(row.DrawPlanJson);
        var plan = frozen with { Commitment = frozen.Commitment with { Secret = secretHex, PublicValue = publicValue } };
        DrawResult result;
        try { result = DrawEngine.Run(plan); }
        catch (DrawException e) { throw new InspectionException(400, e.Message, e); }
        var full = plan with { Result = result };

        var now = time.GetUtcNow();
        var (due, provisional) = _calendar.AddWorkdaysOrEstimate(BeijingTime.Date(now), _rules.PublicationWorkdays);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        row.Secret = secretHex;
        row.PublicValue = publicValue;
        row.DrawPlanJson = DrawPlanJson.Write(full);
        row.ResultJson = ResultJson(result);
        row.Status = StoredDrawPlanStatus.Committed;
        row.CommittedAt = now;
        row.PublishDue = due;
        row.PublishDueProvisional = provisional;
        row.Version++;
        // The tasks name the real inspectors: pseudonym → certificate through the plan's key (written at freezing). A plan
        // frozen before pseudonyms has no key; its ids are certificates already and stay as they are.
        var certificates = await db.DrawPlanInspectors.AsNoTracking().Where(k => k.PlanId == row.Id)
            .ToDictionaryAsync(k => k.Pseudonym, k => k.Certificate, StringComparer.Ordinal, ct);
        var seq = 0;
        foreach (var t in result.Tasks)
        {
            seq++;
            db.InspectionTasks.Add(new InspectionTask
            {
                PlanId = row.Id, Seq = seq, Uscc = t.ObjectId, Status = StoredInspectionTaskStatus.Pending,
                Mode = t.Mode == TaskMode.OffSite ? StoredTaskMode.OffSite : StoredTaskMode.OnSite,
                Inspectors = [.. t.InspectorIds.Select((id, i) => new InspectionTaskInspector { Position = i + 1, InspectorId = certificates.GetValueOrDefault(id, id) })],
            });
        }
        await db.SaveChangesAsync(ct);
        // The result stays out of the audit entry (secret until publication); the entry names what fixes it.
        await AuditTrail.AppendAsync(db, actor, "draw.commit", InspectionAudit.TargetPlan, row.PlanId, new { status = "frozen" },
            new { status = "committed", tasks = result.Tasks.Count, public_value = publicValue, publish_due = due, publish_due_provisional = provisional },
            null, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Publishes the result of a committed plan (status published, time stamped).</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The updated row.</returns>
    /// <exception cref="InspectionException">404 no such plan; 409 not committed.</exception>
    public async Task<DrawPlanRecord> PublishAsync(string planId, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await db.DrawPlans.SingleOrDefaultAsync(p => p.PlanId == planId, ct) ?? throw new InspectionException(404, $"no plan {planId}");
        if (row.Status != StoredDrawPlanStatus.Committed) throw new InspectionException(409, $"plan {planId} is not committed");
        var now = time.GetUtcNow();
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        row.Status = StoredDrawPlanStatus.Published;
        row.PublishedAt = now;
        row.Version++;
        await AuditTrail.AppendAsync(db, actor, "draw.publish", InspectionAudit.TargetPlan, row.PlanId, new { status = "committed" },
            new { status = "published", publish_due = row.PublishDue }, null, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>The stored plan, or null.</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<DrawPlanRecord?> GetAsync(string planId, CancellationToken ct = default) =>
        db.DrawPlans.AsNoTracking().SingleOrDefaultAsync(p => p.PlanId == planId, ct);

    /// <summary>The staff-only pseudonym key of a plan (<c>draw_plan_inspectors</c>) in list order; empty for an unknown plan
    /// or one frozen before pseudonyms. Staff views name a task's inspectors (certificates) through it.</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<DrawPlanInspector>> KeyAsync(string planId, CancellationToken ct = default)
    {
        var id = await db.DrawPlans.Where(p => p.PlanId == planId).Select(p => (long?)p.Id).SingleOrDefaultAsync(ct);
        if (id is null) return [];
        return await db.DrawPlanInspectors.AsNoTracking().Where(k => k.PlanId == id).OrderBy(k => k.Position).ToListAsync(ct);
    }

    /// <summary>The tasks of a plan in draw order with their inspectors (empty before commit).</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<InspectionTask>> TasksAsync(string planId, CancellationToken ct = default)
    {
        var id = await db.DrawPlans.Where(p => p.PlanId == planId).Select(p => (long?)p.Id).SingleOrDefaultAsync(ct);
        if (id is null) return [];
        var tasks = await db.InspectionTasks.AsNoTracking().Include(t => t.Inspectors).Where(t => t.PlanId == id).ToListAsync(ct);
        foreach (var t in tasks) t.Inspectors.Sort((a, b) => a.Position.CompareTo(b.Position));
        return [.. tasks.OrderBy(t => t.Seq)];
    }

    /// <summary>The result as JSON: <c>[{"object":…,"mode":"onsite|offsite","inspectors":[…]}]</c> in draw order (tokens of
    /// <see cref="DrawPlanJson"/>).</summary>
    /// <param name="result">A result.</param>
    public static string ResultJson(DrawResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var t in result.Tasks)
            {
                w.WriteStartObject();
                w.WriteString("object", t.ObjectId);
                w.WriteString("mode", DrawPlanJson.ModeToken(t.Mode));
                w.WriteStartArray("inspectors");
                foreach (var i in t.InspectorIds) w.WriteStringValue(i);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    internal static IReadOnlyList<string> SplitList(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
