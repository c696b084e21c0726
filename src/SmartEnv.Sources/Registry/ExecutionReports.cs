using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.Permits;

namespace SmartEnv.Sources.Registry;

/// <summary>An execution report as shown. Immutable; thread-safe.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Permit">Permit number.</param>
/// <param name="Kind"><c>annual</c> | <c>semiannual</c> | <c>quarterly</c> | <c>monthly</c>.</param>
/// <param name="PeriodStart">First day covered.</param>
/// <param name="PeriodEnd">Last day covered.</param>
/// <param name="DueOn">Due date.</param>
/// <param name="FoldedInto">The report it is merged into, or null.</param>
/// <param name="SubmittedOn">Submission day, or null.</param>
/// <param name="Status"><c>due</c> | <c>submitted</c> | <c>submitted_late</c> | <c>overdue</c> | <c>folded</c> (<see cref="ExecutionReports.StatusOf"/>).</param>
/// <param name="Note">Note, or null.</param>
public sealed record ExecutionReportView(long Id, string Permit, string Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn,
    string? FoldedInto, DateOnly? SubmittedOn, string Status, string? Note);

/// <summary>
/// Execution reports (执行报告) of permits: their status on a day and their submission. The schedule itself (periods, due
/// dates, fold rules of supervision.md §2.5) comes from <c>SmartEnv.Supervision.Permits.ExecutionReportSchedule</c>.
/// Thread-safe (static; the context passed in is not).
/// </summary>
public static class ExecutionReports
{
    /// <summary>Audit action of a submission.</summary>
    public const string ActionSubmit = "execution_report.submit";

    /// <summary>Audit target type of execution reports.</summary>
    public const string TargetReport = "execution_report";

    /// <summary>Audit action of (re)scheduling a permit's reports after a version is recorded.</summary>
    public const string ActionSchedule = "execution_report.schedule";

    /// <summary>Status key on <paramref name="today"/>, by <see cref="ExecutionReportSchedule.Status"/> (supervision.md §2.5):
    /// <c>folded</c>, <c>submitted</c>, <c>submitted_late</c>, <c>overdue</c> (from the day after the due date), else <c>due</c>.</summary>
    /// <param name="r">The report.</param>
    /// <param name="today">Beijing date.</param>
    public static string StatusOf(ExecutionReport r, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(r);
        return ExecutionReportSchedule.StatusKey(ExecutionReportSchedule.Status(r.DueOn, r.SubmittedOn, r.FoldedInto, today));
    }

    /// <summary>What <see cref="ScheduleAsync"/> did.</summary>
    /// <param name="Added">Rows added.</param>
    /// <param name="Changed">Unsubmitted rows whose period end, due date or fold changed.</param>
    /// <param name="RuleVersion">The report rules used (<see cref="ReportRules.Version"/>).</param>
    public sealed record ScheduleResult(int Added, int Changed, string RuleVersion);

    /// <summary>
    /// Stores the execution-report schedule of <paramref name="version"/> (<see cref="ExecutionReportSchedule.For"/> with
    /// <see cref="ReportRules.Default"/>, periods starting up to the end of <paramref name="throughYear"/>): adds the periods
    /// not stored yet (key: permit, kind, period start) and brings unsubmitted ones up to date; a submitted report is never
    /// changed. Saves, inside the caller's transaction if one is open. Later years are added when the next version is
    /// recorded or when this is called again (idempotent).
    /// </summary>
    /// <param name="db">Context.</param>
    /// <param name="permitId">Permit id.</param>
    /// <param name="version">The version in force (validity and report flags).</param>
    /// <param name="throughYear">Last calendar year whose periods are stored.</param>
    /// <param name="industryCode">The enterprise's GB/T 4754 code (per-industry annual due day), or null.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<ScheduleResult> ScheduleAsync(SmartEnvDbContext db, long permitId, PermitVersion version, int throughYear, string? industryCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(version);
        var rules = ReportRules.Default;
        var f = ExecutionReportSchedule.Frequencies(version.ReportAnnual, version.ReportSemiannual, version.ReportQuarterly, version.ReportMonthly);
        var due = ExecutionReportSchedule.For(version.ValidFrom, version.ValidTo, f, rules, throughYear, industryCode);
        var stored = await db.ExecutionReports.Where(r => r.PermitId == permitId).ToListAsync(ct);
        int added = 0, changed = 0;
        foreach (var d in due)
        {
            var kind = Enum.Parse<ExecutionReportKind>(ExecutionReportSchedule.KindKey(d.Kind), ignoreCase: true);
            var row = stored.FirstOrDefault(r => r.Kind == kind && r.PeriodStart == d.PeriodStart);
            if (row is null)
            {
                db.ExecutionReports.Add(new ExecutionReport { PermitId = permitId, Kind = kind, PeriodStart = d.PeriodStart, PeriodEnd = d.PeriodEnd, DueOn = d.DueOn, FoldedInto = d.FoldedInto, Note = Cut(d.Note) });
                added++;
            }
            else if (row.SubmittedOn is null && (row.PeriodEnd != d.PeriodEnd || row.DueOn != d.DueOn || row.FoldedInto != d.FoldedInto))
            {
                (row.PeriodEnd, row.DueOn, row.FoldedInto, row.Note) = (d.PeriodEnd, d.DueOn, d.FoldedInto, Cut(d.Note));
                changed++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new ScheduleResult(added, changed, rules.Version);
    }

    private static string? Cut(string? s) => s is { Length: > ExecutionReport.NoteLength } ? s[..ExecutionReport.NoteLength] : s;

    /// <summary>The reports of an enterprise's permits (in the context's scope), by permit, due date and kind.</summary>
    /// <param name="db">Context.</param>
    /// <param name="uscc">Enterprise.</param>
    /// <param name="today">Beijing date for the status.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<List<ExecutionReportView>> ListAsync(SmartEnvDbContext db, string uscc, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (from r in db.ExecutionReports.AsNoTracking()
                          join p in db.Permits.AsNoTracking() on r.PermitId equals p.Id
                          where p.Uscc == uscc
                          select new { r, p.Number }).ToListAsync(ct);
        return rows.OrderBy(x => x.Number, StringComparer.Ordinal).ThenBy(x => x.r.DueOn).ThenBy(x => x.r.Kind).ThenBy(x => x.r.PeriodStart)
            .Select(x => View(x.r, x.Number, today)).ToList();
    }

    /// <summary>The view of one report.</summary>
    /// <param name="r">Row.</param>
    /// <param name="number">Its permit number.</param>
    /// <param name="today">Beijing date.</param>
    public static ExecutionReportView View(ExecutionReport r, string number, DateOnly today) =>
        new(r.Id, number, PermitVersionView.Key(r.Kind), r.PeriodStart, r.PeriodEnd, r.DueOn, r.FoldedInto, r.SubmittedOn, StatusOf(r, today), r.Note);

    /// <summary>Records that report <paramref name="reportId"/> of enterprise <paramref name="uscc"/> was submitted on
    /// <paramref name="submittedOn"/>, audited (<see cref="ActionSubmit"/>) in one transaction.</summary>
    /// <param name="db">Context (no transaction open).</param>
    /// <param name="uscc">Enterprise.</param>
    /// <param name="reportId">Report id.</param>
    /// <param name="submittedOn">Submission day (not after <paramref name="today"/>).</param>
    /// <param name="today">Beijing date.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The updated view, or null when no such report of that enterprise is in scope.</returns>
    /// <exception cref="RegistryException">Folded, already submitted (conflict), or a submission day in the future.</exception>
    public static async Task<ExecutionReportView?> MarkSubmittedAsync(SmartEnvDbContext db, string uscc, long reportId, DateOnly submittedOn,
        DateOnly today, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hit = await (from r in db.ExecutionReports
                         join p in db.Permits on r.PermitId equals p.Id
                         where r.Id == reportId && p.Uscc == uscc
                         select new { r, p.Number }).SingleOrDefaultAsync(ct);
        if (hit is null) return null;
        if (submittedOn > today)
            throw new RegistryException(new Dictionary<string, string[]> { ["submitted_on"] = ["submitted_on must not be after today"] });
        if (hit.r.FoldedInto is not null || hit.r.SubmittedOn is not null)
            throw new RegistryException(new Dictionary<string, string[]> { ["report"] = [hit.r.FoldedInto is not null ? $"report {reportId} is folded into {hit.r.FoldedInto}" : $"report {reportId} was submitted on {hit.r.SubmittedOn:yyyy-MM-dd}"] }, conflict: true);
        var before = View(hit.r, hit.Number, today);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        hit.r.SubmittedOn = submittedOn;
        await db.SaveChangesAsync(ct);
        var after = View(hit.r, hit.Number, today);
        await AuditTrail.AppendAsync(db, actor, ActionSubmit, TargetReport, reportId.ToString(System.Globalization.CultureInfo.InvariantCulture), before, after, null, null, ct);
        await tx.CommitAsync(ct);
        return after;
    }
}
