using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Sources;

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
/// <param name="Status"><see cref="ExecutionReports.StatusOf"/>.</param>
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

    /// <summary>Status on <paramref name="today"/>: <c>folded</c> (merged into another report, nothing due), <c>submitted</c>,
    /// <c>overdue</c> (today after the due date, not submitted), else <c>due</c>. The due date itself is the last day on time.</summary>
    /// <param name="r">The report.</param>
    /// <param name="today">Beijing date.</param>
    public static string StatusOf(ExecutionReport r, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.FoldedInto is not null ? "folded" : r.SubmittedOn is not null ? "submitted" : today > r.DueOn ? "overdue" : "due";
    }

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
