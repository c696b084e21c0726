using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Ui;

/// <summary>Filter of the audit list (<c>GET /api/audit</c>, the 审计 page). Immutable.</summary>
/// <param name="Actor">Only this actor name (exact), or null.</param>
/// <param name="TargetType">Only this target type (exact, e.g. <c>site</c>), or null.</param>
/// <param name="TargetId">Only this target id (exact, e.g. a site code), or null.</param>
/// <param name="Action">Only actions starting with this text (e.g. <c>site.</c> or <c>site.update</c>), or null.</param>
/// <param name="From">Only entries at or after this instant, or null.</param>
/// <param name="To">Only entries before this instant, or null.</param>
/// <param name="Page">Page number from 1.</param>
/// <param name="PageSize">Entries per page, 1…<see cref="AuditService.MaxPageSize"/>.</param>
public sealed record AuditQuery(string? Actor = null, string? TargetType = null, string? TargetId = null, string? Action = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 1, int PageSize = 50);

/// <summary>
/// Reads the audit trail for the 审计 page, its exports and <c>GET /api/audit</c>: filtered pages newest first, and the
/// chain verification (<see cref="AuditVerifier"/>). Read only; never writes an entry. Scoped (one context); not thread-safe.
/// </summary>
/// <param name="db">Store context.</param>
public sealed class AuditService(SmartEnvDbContext db)
{
    /// <summary>Largest page: 500 entries.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Most entries an export holds: 10,000 (the newest matching).</summary>
    public const int MaxExport = 10_000;

    /// <summary>One page of matching entries, newest (highest seq) first.</summary>
    /// <param name="q">Filter and page; out-of-range page numbers and sizes are clamped.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<AuditPageDto> PageAsync(AuditQuery q, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var page = Math.Clamp(q.Page, 1, int.MaxValue / size); // (page − 1) × size stays an int (issue 14: page 2³¹−1 was a 500)
        var query = Filter(q);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.Seq).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new AuditPageDto(total, page, size, rows.Select(AuditEntryDto.From).ToList());
    }

    /// <summary>The newest <see cref="MaxExport"/> matching entries, newest first (exports).</summary>
    /// <param name="q">Filter (page fields ignored).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<AuditEntry>> ExportRowsAsync(AuditQuery q, CancellationToken ct = default) =>
        await Filter(q).OrderByDescending(e => e.Seq).Take(MaxExport).ToListAsync(ct);

    /// <summary>Re-verifies the whole chain.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<AuditVerifyDto> VerifyAsync(CancellationToken ct = default) => AuditVerifyDto.From(await AuditVerifier.VerifyAsync(db, ct));

    private IQueryable<AuditEntry> Filter(AuditQuery q)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Actor)) { var a = q.Actor.Trim(); query = query.Where(e => e.ActorName == a); }
        if (!string.IsNullOrWhiteSpace(q.TargetType)) { var t = q.TargetType.Trim(); query = query.Where(e => e.TargetType == t); }
        if (!string.IsNullOrWhiteSpace(q.TargetId)) { var t = q.TargetId.Trim(); query = query.Where(e => e.TargetId == t); }
        if (!string.IsNullOrWhiteSpace(q.Action)) { var p = q.Action.Trim(); query = query.Where(e => e.Action.StartsWith(p)); }
        if (q.From is { } from) { var f = from.ToUniversalTime(); query = query.Where(e => e.Time >= f); }
        if (q.To is { } to) { var t = to.ToUniversalTime(); query = query.Where(e => e.Time < t); }
        return query;
    }
}
