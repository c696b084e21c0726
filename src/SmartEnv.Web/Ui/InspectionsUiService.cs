using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Inspections;
using SmartEnv.Inspections.Draw;
using SmartEnv.Inspections.Enforcement;
using SmartEnv.Inspections.Records;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Web.Ui;

/// <summary>A plan's detail for staff: the row, the strata of <see cref="DrawEngine.Explain"/>, the rules and the tasks.</summary>
/// <param name="Plan">The stored plan.</param>
/// <param name="Rules">The plan's rules (multipliers, rule version), or null when the plan JSON is missing.</param>
/// <param name="Strata">Counts per stratum with the computation text.</param>
/// <param name="Tasks">Tasks in draw order (empty before commit).</param>
/// <param name="Names">Enterprise names by USCC.</param>
/// <param name="Inspectors">The plan's pseudonym key by certificate (staff only; empty for a plan frozen before pseudonyms).</param>
public sealed record PlanDetail(DrawPlanRecord Plan, DrawRuleSet? Rules, IReadOnlyList<DrawStratum> Strata, IReadOnlyList<InspectionTask> Tasks,
    IReadOnlyDictionary<string, string> Names, IReadOnlyDictionary<string, DrawPlanInspector>? Inspectors = null);

/// <summary>One row of the public 双随机 result list: no inspector name, id or certificate number.</summary>
/// <param name="Seq">Draw order.</param>
/// <param name="Uscc">统一社会信用代码.</param>
/// <param name="Name">Enterprise name.</param>
/// <param name="Mode">现场 / 非现场.</param>
/// <param name="InspectedOn">Day of the finished inspection, or null.</param>
/// <param name="Problems">Problem findings of the finished inspection (null when not finished).</param>
public sealed record PublicTaskRow(int Seq, string Uscc, string Name, StoredTaskMode Mode, DateOnly? InspectedOn, int? Problems);

/// <summary>A published plan on the public page.</summary>
/// <param name="PlanId">Plan id.</param>
/// <param name="Quarter">Quarter.</param>
/// <param name="PublishedOn">Beijing publication day.</param>
/// <param name="Tasks">Drawn enterprises with their results.</param>
/// <param name="Downloadable">True when the plan JSON is public (<c>/api/public/inspections/plans/{id}/plan.json</c>): the
/// plan was frozen with pseudonyms (it has a <c>draw_plan_inspectors</c> key).</param>
public sealed record PublicPlan(string PlanId, string Quarter, DateOnly? PublishedOn, IReadOnlyList<PublicTaskRow> Tasks, bool Downloadable = false);

/// <summary>One finding row of the 「记录检查」 form (strings as typed).</summary>
public sealed class FindingForm
{
    /// <summary>The item checked.</summary>
    public string Item { get; set; } = "";
    /// <summary>A problem was found.</summary>
    public bool Problem { get; set; }
    /// <summary>Problem category.</summary>
    public string Category { get; set; } = "";
    /// <summary>What was found.</summary>
    public string Description { get; set; } = "";
    /// <summary>Rectification: working days given (problem only; empty = no order).</summary>
    public string Workdays { get; set; } = "";
}

/// <summary>The 「记录检查」 form (strings as typed): one or more findings, each becoming one stored finding in order.</summary>
public sealed class InspectionForm
{
    /// <summary>Inspection time, <c>yyyy-MM-ddTHH:mm</c> Beijing.</summary>
    public string InspectedAt { get; set; } = "";
    /// <summary>Certificate numbers separated by commas (at least two).</summary>
    public string Inspectors { get; set; } = "";
    /// <summary>Items checked separated by commas.</summary>
    public string Items { get; set; } = "";
    /// <summary>The findings (at least one row; the page adds and removes rows).</summary>
    public List<FindingForm> Findings { get; } = [new()];
}

/// <summary>
/// View models and actions of the 双随机抽查 and 行政处罚 pages (issue 19 P5). Staff pages read and write through the
/// circuit's scoped context with <see cref="DrawPlanService"/>, <see cref="InspectionRecordService"/> and
/// <see cref="EnforcementCaseService"/>; the public page (<see cref="PublishedAsync"/>) reads published plans on an unscoped
/// context of the store (plans are staff-only in the scoped context) and returns enterprise, mode, date and the count of
/// problems only — never an inspector's name, id or certificate number. Scoped; not thread-safe (one circuit).
/// </summary>
/// <param name="db">The circuit's scoped context.</param>
/// <param name="store">The store (unscoped public reads).</param>
/// <param name="time">Clock.</param>
public sealed partial class InspectionsUiService(SmartEnvDbContext db, SmartEnvStore store, TimeProvider time)
{
    /// <summary>A quarter <c>YYYYQn</c> in words (2026年第4季度), the text itself when malformed.</summary>
    /// <param name="quarter">Quarter as stored.</param>
    public static string Quarter(string quarter) =>
        quarter is { Length: 6 } && quarter[4] == 'Q' && int.TryParse(quarter[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && quarter[5] is >= '1' and <= '4'
            ? Texts.Inspections.QuarterOf(y.ToString(CultureInfo.InvariantCulture), quarter[5]) : quarter;

    /// <summary>Plans, newest first.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<DrawPlanRecord>> PlansAsync(CancellationToken ct = default) =>
        await db.DrawPlans.AsNoTracking().OrderByDescending(p => p.Quarter).ThenByDescending(p => p.Id).ToListAsync(ct);

    /// <summary>A plan with its explanation and tasks, or null.</summary>
    /// <param name="planId">Plan id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<PlanDetail?> PlanAsync(string planId, CancellationToken ct = default)
    {
        var svc = new DrawPlanService(db, time);
        var row = await svc.GetAsync(planId, ct);
        if (row is null) return null;
        DrawRuleSet? rules = null;
        IReadOnlyList<DrawStratum> strata = [];
        if (row.DrawPlanJson is { } json)
        {
            var plan = DrawPlanJson.Read(json);
            rules = plan.Rules;
            try { strata = DrawEngine.Explain(plan); }
            catch (DrawException) { strata = []; }
        }
        var tasks = await svc.TasksAsync(planId, ct);
        var key = (await svc.KeyAsync(planId, ct)).ToDictionary(k => k.Certificate, StringComparer.Ordinal);
        return new PlanDetail(row, rules, strata, tasks, await NamesAsync(db, tasks.Select(t => t.Uscc), ct), key);
    }

    /// <summary>Publishes a committed plan through <see cref="DrawPlanService.PublishAsync"/> (audit entry
    /// <c>draw.publish</c>). Returns a Chinese/English UI error text, or null when published.</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="actor">Who (the page's signed-in user).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> PublishAsync(string planId, AuditActor actor, CancellationToken ct = default)
    {
        try
        {
            await new DrawPlanService(db, time).PublishAsync(planId, actor, ct);
            return null;
        }
        catch (InspectionException e) when (e.Status == 404) { return Texts.Inspections.PlanNotFound; }
        catch (InspectionException e) when (e.Status == 409) { return Texts.Inspections.PublishNotCommitted; }
    }

    /// <summary>An inspector of a task as staff see him on the plan page: the name, then the certificate and the plan's
    /// pseudonym (<c>("张一", " JB-001 · JC-01")</c>) through the plan's key; no name and the certificate alone when the key
    /// does not know it (a plan frozen before pseudonyms). Pure; thread-safe.</summary>
    /// <param name="detail">The plan detail (or null).</param>
    /// <param name="certificate">The task inspector's certificate number.</param>
    public static (string? Name, string Ids) Inspector(PlanDetail? detail, string certificate) =>
        detail?.Inspectors?.GetValueOrDefault(certificate) is { } k ? (k.Name, $" {certificate} · {k.Pseudonym}") : (null, certificate);

    /// <summary>Records an inspection of a task from the form through <see cref="InspectionRecordService.RecordAsync"/>
    /// (all findings in one record, in form order); each problem finding with working days then gets a rectification order
    /// issued on the inspection day (<see cref="InspectionRecordService.IssueRectificationAsync"/>). Returns a Chinese error
    /// text (<see cref="Refusal"/>), or null when stored.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="form">The form.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> RecordAsync(long taskId, InspectionForm form, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!DateTime.TryParseExact(form.InspectedAt.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return Texts.Inspections.ErrTime;
        var days = new int?[form.Findings.Count];
        for (var i = 0; i < form.Findings.Count; i++)
        {
            var f = form.Findings[i];
            if (f.Problem && !string.IsNullOrWhiteSpace(f.Workdays))
            {
                if (!int.TryParse(f.Workdays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d is < 1 or > 365) return Texts.Inspections.ErrWorkdays;
                days[i] = d;
            }
            if (f.Problem && string.IsNullOrWhiteSpace(f.Category)) return Texts.Inspections.ErrFindingCategory(i + 1);
        }
        var at = BeijingTime.FromLocal(local);
        var findings = form.Findings.Select(f => new FindingInput(f.Item.Trim(), f.Problem ? StoredFindingOutcome.Problem : StoredFindingOutcome.Compliant,
            f.Problem ? f.Category.Trim() : null, null, string.IsNullOrWhiteSpace(f.Description) ? null : f.Description.Trim())).ToList();
        var svc = new InspectionRecordService(db, time);
        try
        {
            var record = await svc.RecordAsync(new InspectionInput(taskId, null, at, Split(form.Inspectors), Split(form.Items), findings), actor, ct);
            // Stored findings come back in form order (Seq 1, 2, …); each problem with working days gets its order.
            var stored = await svc.FindingsAsync(record.Id, ct);
            for (var i = 0; i < stored.Count && i < days.Length; i++)
                if (days[i] is { } n) await svc.IssueRectificationAsync(stored[i].Id, BeijingTime.Date(at), n, actor, ct);
            return null;
        }
        catch (InspectionException e) { return Refusal(e); }
    }

    /// <summary>Enforcement cases, newest 立案 first, with enterprise names.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<(IReadOnlyList<EnforcementCase> Cases, IReadOnlyDictionary<string, string> Names)> CasesAsync(CancellationToken ct = default)
    {
        var cases = await db.EnforcementCases.AsNoTracking().OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id).ToListAsync(ct);
        return (cases, await NamesAsync(db, cases.Select(c => c.Uscc), ct));
    }

    /// <summary>One case, or null.</summary>
    /// <param name="caseNumber">案号.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EnforcementCase?> CaseAsync(string caseNumber, CancellationToken ct = default) => new EnforcementCaseService(db, time).GetAsync(caseNumber, ct);

    /// <summary>Published plans (newest first) with their drawn enterprises and the results of finished inspections, from an
    /// unscoped context; no personal data.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<PublicPlan>> PublishedAsync(CancellationToken ct = default)
    {
        await using var u = store.CreateContext();
        var plans = await u.DrawPlans.AsNoTracking().Where(p => p.Status == StoredDrawPlanStatus.Published)
            .Select(p => new { p.Id, p.PlanId, p.Quarter, p.PublishedAt, HasJson = p.DrawPlanJson != null }).ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var tasks = await u.InspectionTasks.AsNoTracking().Where(t => ids.Contains(t.PlanId))
            .Select(t => new { t.Id, t.PlanId, t.Seq, t.Uscc, t.Mode, t.Status }).ToListAsync(ct);
        var taskIds = tasks.Select(t => (long?)t.Id).ToList();
        var records = await u.InspectionRecords.AsNoTracking().Where(r => taskIds.Contains(r.TaskId)).Select(r => new { r.Id, r.TaskId, r.InspectedAt }).ToListAsync(ct);
        var recordIds = records.Select(r => r.Id).ToList();
        var problems = await u.InspectionFindings.AsNoTracking().Where(f => recordIds.Contains(f.RecordId) && f.Outcome == StoredFindingOutcome.Problem)
            .GroupBy(f => f.RecordId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var names = await NamesAsync(u, tasks.Select(t => t.Uscc), ct);
        var keyed = (await u.DrawPlanInspectors.AsNoTracking().Where(k => ids.Contains(k.PlanId)).Select(k => k.PlanId).Distinct().ToListAsync(ct)).ToHashSet();
        return [.. plans.OrderByDescending(p => p.Quarter, StringComparer.Ordinal).ThenByDescending(p => p.Id).Select(p => new PublicPlan(p.PlanId, p.Quarter,
            p.PublishedAt is { } at ? BeijingTime.Date(at) : null,
            [.. tasks.Where(t => t.PlanId == p.Id).OrderBy(t => t.Seq).Select(t =>
            {
                var r = t.Status == StoredInspectionTaskStatus.Finished ? records.Where(x => x.TaskId == t.Id).OrderByDescending(x => x.Id).FirstOrDefault() : null;
                return new PublicTaskRow(t.Seq, t.Uscc, names.GetValueOrDefault(t.Uscc, t.Uscc), t.Mode, r is null ? null : BeijingTime.Date(r.InspectedAt),
                    r is null ? null : problems.FirstOrDefault(x => x.Key == r.Id)?.N ?? 0);
            })], p.HasJson && keyed.Contains(p.Id)))];
    }

    /// <summary>Enterprise names by USCC (registry), the USCC itself when unknown.</summary>
    internal static async Task<IReadOnlyDictionary<string, string>> NamesAsync(SmartEnvDbContext context, IEnumerable<string> usccs, CancellationToken ct)
    {
        var list = usccs.Distinct(StringComparer.Ordinal).ToList();
        var rows = await context.Enterprises.AsNoTracking().Where(e => list.Contains(e.Uscc)).Select(e => new { e.Uscc, e.Name }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Uscc, r => r.Name, StringComparer.Ordinal);
    }

    private static List<string> Split(string s) =>
        [.. s.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
